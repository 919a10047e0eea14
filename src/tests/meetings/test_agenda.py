"""The meeting's agenda and the quarter for the presentation (R15, REG-2022 clause 3.3)."""

from decimal import Decimal

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.meetings.domain.agenda import AgendaEntry, presentation_share, set_agenda
from kezdesu.meetings.models import AgendaItem, Visit
from tests.factories.agenda import entries, with_profile
from tests.factories.meetings import build_visit_world

pytestmark = pytest.mark.django_db

OPENING, PRESENTATION, QUESTIONS, CLOSING = "opening", "presentation", "questions", "closing"


@pytest.fixture
def world():
    with_profile()
    return build_visit_world()


def saved(part):
    return [(item.order, item.kind, item.planned_minutes) for item in part.agenda.order_by("order")]


def test_a_presentation_of_exactly_a_quarter_is_accepted(world):
    part = world.part("meeting")
    set_agenda(
        actor=world.user("ministry_editor"),
        part=part,
        items=entries((OPENING, 5), (PRESENTATION, 30), (QUESTIONS, 80), (CLOSING, 5)),
    )
    assert saved(part) == [(1, OPENING, 5), (2, PRESENTATION, 30), (3, QUESTIONS, 80), (4, CLOSING, 5)]


def test_a_presentation_over_a_quarter_is_refused_with_the_numbers(world):
    part = world.part("meeting")
    with pytest.raises(DomainError) as refused:
        set_agenda(
            actor=world.user("ministry_editor"),
            part=part,
            items=entries((PRESENTATION, 30), (QUESTIONS, 60)),
        )
    assert str(refused.value.message) == (
        "The presentation takes 30 of 90 minutes (33%); at most 25% — 22 minutes — is allowed."
    )
    assert refused.value.code == "agenda"


def test_a_refused_agenda_leaves_the_saved_one_as_it_was(world):
    part = world.part("meeting")
    editor = world.user("ministry_editor")
    set_agenda(actor=editor, part=part, items=entries((PRESENTATION, 20), (QUESTIONS, 80)))
    with pytest.raises(DomainError):
        set_agenda(actor=editor, part=part, items=entries((PRESENTATION, 60), (QUESTIONS, 40)))
    assert saved(part) == [(1, PRESENTATION, 20), (2, QUESTIONS, 80)]
    assert AuditLog.objects.filter(action="meetings.agenda.set").count() == 1


def test_an_agenda_without_questions_and_answers_is_refused(world):
    part = world.part("meeting")
    with pytest.raises(DomainError) as refused:
        set_agenda(actor=world.user("ministry_editor"), part=part, items=entries((OPENING, 30), (PRESENTATION, 10)))
    assert str(refused.value.message) == (
        "The meeting gives the time after the presentation to questions and answers: "
        "add at least one questions-and-answers item."
    )
    assert saved(part) == []


def test_an_agenda_longer_than_the_part_is_refused(world):
    part = world.part("meeting")  # 10:00–12:00
    with pytest.raises(DomainError) as refused:
        set_agenda(actor=world.user("ministry_editor"), part=part, items=entries((PRESENTATION, 30), (QUESTIONS, 100)))
    assert str(refused.value.message) == ("The agenda takes 130 minutes, but the part lasts 120 minutes (10:00–12:00).")
    assert saved(part) == []


def test_the_share_comes_from_the_profile_in_force(world):
    profile = with_profile()
    profile.presentation_max_share = Decimal("0.20")
    profile.save(update_fields=["presentation_max_share"])
    with pytest.raises(DomainError) as refused:
        set_agenda(
            actor=world.user("ministry_editor"),
            part=world.part("meeting"),
            items=entries((PRESENTATION, 25), (QUESTIONS, 75)),
        )
    assert str(refused.value.message) == (
        "The presentation takes 25 of 100 minutes (25%); at most 20% — 20 minutes — is allowed."
    )


def test_setting_the_agenda_replaces_it_at_once_and_is_audited(world):
    part = world.part("meeting")
    editor = world.user("ministry_editor")
    set_agenda(actor=editor, part=part, items=entries((PRESENTATION, 20), (QUESTIONS, 80)))
    set_agenda(actor=editor, part=part, items=entries((OPENING, 5), (QUESTIONS, 90), (PRESENTATION, 25)))
    assert saved(part) == [(1, OPENING, 5), (2, QUESTIONS, 90), (3, PRESENTATION, 25)]
    audit = AuditLog.objects.filter(action="meetings.agenda.set").order_by("pk").last()
    assert [item["kind"] for item in audit.old_values["items"]] == [PRESENTATION, QUESTIONS]
    assert [item["kind"] for item in audit.new_values["items"]] == [OPENING, QUESTIONS, PRESENTATION]
    assert audit.actor == editor


def test_titles_are_kept_per_language(world):
    part = world.part("meeting")
    item = AgendaEntry(
        kind=QUESTIONS, planned_minutes=60, title_kk="Сұрақтар", title_ru="Вопросы", title_en="Questions", speaker="  "
    )
    set_agenda(actor=world.user("ministry_editor"), part=part, items=[item])
    stored = AgendaItem.objects.get(part=part)
    assert (stored.title_kk, stored.title_ru, stored.title_en, stored.speaker) == (
        "Сұрақтар",
        "Вопросы",
        "Questions",
        "",
    )


@pytest.mark.parametrize("role", ["akimat_editor", "coordinator", "ministry_viewer", "no_role"])
def test_only_the_ministry_preparing_the_visit_sets_the_agenda(world, role):
    with pytest.raises(NotPermitted):
        set_agenda(actor=world.user(role), part=world.part("meeting"), items=entries((QUESTIONS, 60)))


def test_a_held_visit_keeps_its_agenda(world):
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.HELD)
    world.visit.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        set_agenda(actor=world.user("ministry_editor"), part=world.part("meeting"), items=entries((QUESTIONS, 60)))
    assert refused.value.code == "closed"


def test_other_parts_need_no_questions_item_but_must_fit_their_time(world):
    briefing = world.part("media_briefing")  # 16:00–17:00
    set_agenda(actor=world.user("ministry_editor"), part=briefing, items=entries((PRESENTATION, 60)))
    assert saved(briefing) == [(1, PRESENTATION, 60)]


def test_the_share_helper_counts_only_presentation_minutes():
    share = presentation_share(entries((OPENING, 10), (PRESENTATION, 25), (QUESTIONS, 65)), max_share=Decimal("0.25"))
    assert (share.presentation_minutes, share.total_minutes, share.percent, share.allowed_minutes, share.within) == (
        25,
        100,
        "25",
        25,
        True,
    )
