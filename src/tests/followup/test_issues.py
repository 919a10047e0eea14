"""Problem issues (R19): creating them from a visit's questions, editing, moving, splitting, merging, status,
and the questions staff record from the reception, the NGO meeting and the media briefing."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.followup.domain.issues import (
    create_issue,
    delete_issue,
    merge_issues,
    move_questions,
    set_issue_status,
    split_issue,
    unlink_question,
    update_issue,
)
from kezdesu.followup.domain.raised_questions import bring_reception_topics, record_raised_question
from kezdesu.followup.models import Follower, IssueEvent, IssueQuestion, Measure, MeasureStatus, ProblemIssue
from kezdesu.meetings.models import Booking, Visit
from kezdesu.questions.models import Channel, Question
from tests.factories.followup import build_followup_world
from tests.factories.live import ask
from tests.factories.organisations import DistrictFactory
from tests.factories.questions import topic
from tests.factories.reception import add_booking, add_slots, make_iin

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_followup_world()


def editor(world):
    return world.user("ministry_editor")


def new_issue(world, questions, **values):
    values.setdefault("title_kk", "Мектеп спортзалы")
    values.setdefault("title_ru", "Спортзал школы")
    values.setdefault("competent_body", world.roles.ministry)
    return create_issue(actor=editor(world), visit=world.visit, questions=questions, **values)


def school(world) -> Question:
    return world.live.questions[2]


def test_create_issue_numbers_it_next_counts_its_citizens_and_records_it_raised(world):
    extra = ask(world.visit, "Спортзал в школе нужен")
    issue = new_issue(world, [school(world), extra], title_en="School gym", sector=topic("education", "Education"))
    assert (issue.number, issue.citizens, issue.title_en, issue.region_id) == (
        3,
        2,
        "School gym",
        world.visit.region_id,
    )
    assert set(issue.links.values_list("question_id", flat=True)) == {school(world).pk, extra.pk}
    assert list(issue.events.values_list("kind", "params")) == [(IssueEvent.Kind.RAISED, {"citizens": 2})]
    audit = AuditLog.objects.get(action="followup.issue_create")
    assert (audit.actor, audit.new_values["questions"], audit.new_values["number"]) == (
        editor(world),
        sorted([school(world).pk, extra.pk]),
        3,
    )


def test_create_issue_needs_the_titles_in_kazakh_and_russian(world):
    with pytest.raises(DomainError) as refused:
        new_issue(world, [school(world)], title_ru="  ")
    assert (refused.value.code, str(refused.value.message)) == (
        "no_title",
        "Give the problem issue a title in Kazakh and in Russian.",
    )


@pytest.mark.parametrize(("body", "company"), [(None, ""), ("ministry", "QazaqGaz")], ids=["neither", "both"])
def test_create_issue_needs_exactly_one_competent_body(world, body, company):
    with pytest.raises(DomainError) as refused:
        new_issue(
            world,
            [school(world)],
            competent_body=world.roles.ministry if body else None,
            competent_company=company,
        )
    assert refused.value.code == "competent_body"


def test_create_issue_refuses_a_competent_body_that_is_not_a_ministry_or_akimat(world):
    with pytest.raises(DomainError) as refused:
        new_issue(world, [school(world)], competent_body=world.roles.apparatus)
    assert refused.value.code == "competent_body_kind"


def test_create_issue_refuses_a_district_of_another_region(world):
    with pytest.raises(DomainError) as refused:
        new_issue(world, [school(world)], district=DistrictFactory())
    assert str(refused.value.message) == "The district must be in the problem issue's region."


def test_create_issue_refuses_a_question_behind_another_issue_or_of_another_visit_or_hidden(world):
    hospital, _gas, _school, _kindergarten = world.live.questions
    with pytest.raises(DomainError) as linked:
        new_issue(world, [school(world), hospital])
    hidden = ask(world.visit, "spam", status=Question.Status.HIDDEN, hidden_reason=Question.HiddenReason.SPAM)
    with pytest.raises(DomainError) as refused_hidden:
        new_issue(world, [hidden])
    assert (linked.value.code, refused_hidden.value.code) == ("linked", "hidden")
    assert ProblemIssue.objects.filter(visit=world.visit).count() == 2


@pytest.mark.parametrize("status", [Visit.Status.DRAFT, Visit.Status.CANCELLED])
def test_create_issue_refuses_a_visit_that_did_not_take_place(world, status):
    Visit.objects.filter(pk=world.visit.pk).update(status=status)
    with pytest.raises(DomainError) as refused:
        new_issue(world, [school(world)])
    assert refused.value.code == "visit_not_held"


@pytest.mark.parametrize("role", ["ministry_viewer", "apparatus_oversight", "no_role"])
def test_only_those_who_prepare_or_host_the_visit_create_issues(world, role):
    with pytest.raises(NotPermitted):
        create_issue(
            actor=world.user(role),
            visit=world.visit,
            questions=[school(world)],
            title_kk="a",
            title_ru="b",
            competent_company="X",
        )


def test_the_akimat_hosting_the_visit_creates_issues(world):
    issue = create_issue(
        actor=world.user("akimat_editor"),
        visit=world.visit,
        questions=[school(world)],
        title_kk="a",
        title_ru="b",
        competent_body=world.roles.akimat,
    )
    assert issue.number == 3


def test_update_issue_changes_the_fields_given_bumps_the_revision_and_audits_old_and_new(world):
    road = world.road
    district = DistrictFactory(region=world.visit.region)
    updated = update_issue(
        actor=editor(world), issue=road, revision=road.revision, title_ru="Дорога", district=district
    )
    assert (updated.title_ru, updated.district_id, updated.revision) == ("Дорога", district.pk, road.revision + 1)
    assert updated.competent_body_id == world.roles.akimat.pk
    audit = AuditLog.objects.get(action="followup.issue_update")
    assert audit.old_values == {"title_ru": "Road to the district hospital (ru)", "district": None}
    assert audit.new_values == {"title_ru": "Дорога", "district": district.pk}


def test_update_issue_on_an_older_revision_is_refused(world):
    road = world.road
    update_issue(actor=editor(world), issue=road, revision=road.revision, title_en="Road")
    with pytest.raises(DomainError) as refused:
        update_issue(actor=world.user("akimat_editor"), issue=road, revision=road.revision, title_en="Other")
    assert refused.value.code == "changed_meanwhile"
    assert ProblemIssue.objects.get(pk=road.pk).title_en == "Road"


def test_update_issue_to_a_company_clears_nothing_silently(world):
    with pytest.raises(DomainError) as refused:
        update_issue(
            actor=editor(world), issue=world.road, revision=world.road.revision, competent_company="Kazakhtelecom"
        )
    assert refused.value.code == "competent_body"
    updated = update_issue(
        actor=editor(world),
        issue=world.road,
        revision=world.road.revision,
        competent_body=None,
        competent_company="Kazakhtelecom",
    )
    assert (updated.competent_body_id, updated.competent_company) == (None, "Kazakhtelecom")


def test_move_questions_takes_them_from_their_issue_and_recounts_both(world):
    hospital = world.live.questions[0]
    gas = move_questions(actor=editor(world), questions=[hospital, school(world)], to_issue=world.gas)
    world.road.refresh_from_db()
    assert (gas.citizens, world.road.citizens) == (3, 1)
    assert IssueQuestion.objects.get(question=hospital).issue_id == world.gas.pk
    assert AuditLog.objects.get(action="followup.questions_move").old_values == {"from_issues": [world.road.pk]}


def test_moving_questions_to_a_public_issue_enrols_their_askers_who_want_updates(world):
    ProblemIssue.objects.filter(pk=world.gas.pk).update(published_at=timezone.now())
    world.gas.refresh_from_db()
    asker = ask(world.visit, "Газ", contact="Asker@Example.kz", consent=True, wants_updates=True)
    move_questions(actor=editor(world), questions=[asker], to_issue=world.gas)
    assert list(Follower.objects.filter(issue=world.gas).values_list("email", "question_id")) == [
        ("asker@example.kz", asker.pk)
    ]


def test_unlink_question_frees_it_and_recounts(world):
    hospital = world.live.questions[0]
    road = unlink_question(actor=editor(world), question=hospital)
    assert (road.citizens, IssueQuestion.objects.filter(question=hospital).exists()) == (1, False)
    with pytest.raises(DomainError) as refused:
        unlink_question(actor=editor(world), question=hospital)
    assert refused.value.code == "not_linked"


def test_split_issue_makes_a_new_issue_of_some_questions_with_the_original_body(world):
    kindergarten = world.live.questions[3]
    new = split_issue(
        actor=editor(world), issue=world.road, questions=[kindergarten], title_kk="Балабақша", title_ru="Детсад"
    )
    world.road.refresh_from_db()
    assert (new.number, new.citizens, new.competent_body_id, world.road.citizens) == (3, 1, world.roles.akimat.pk, 1)
    assert IssueQuestion.objects.get(question=kindergarten).issue_id == new.pk


def test_split_issue_refuses_taking_all_its_questions_or_others(world):
    hospital, gas_question, _school, kindergarten = world.live.questions
    with pytest.raises(DomainError) as everything:
        split_issue(
            actor=editor(world), issue=world.road, questions=[hospital, kindergarten], title_kk="a", title_ru="b"
        )
    with pytest.raises(DomainError) as other:
        split_issue(actor=editor(world), issue=world.road, questions=[gas_question], title_kk="a", title_ru="b")
    assert (everything.value.code, other.value.code) == ("all_questions", "not_behind")


def test_merge_issues_moves_questions_and_measures_and_removes_the_merged_issue(world):
    gas_measure = world.company_measure
    kept = merge_issues(actor=editor(world), target=world.road, others=[world.gas])
    assert kept.citizens == 3
    assert not ProblemIssue.objects.filter(pk=world.gas.pk).exists()
    gas_measure.refresh_from_db()
    assert (gas_measure.issue_id, gas_measure.order) == (world.road.pk, 2)
    event = kept.events.get(kind=IssueEvent.Kind.MERGED)
    assert event.params == {"numbers": [2], "citizens": 3}


def test_merge_issues_refuses_an_issue_of_another_visit_or_none(world):
    with pytest.raises(DomainError) as none:
        merge_issues(actor=editor(world), target=world.road, others=[world.road])
    assert none.value.code == "no_others"


def test_delete_issue_frees_its_questions_but_not_once_published_or_with_measures(world):
    blank = new_issue(world, [school(world)])
    delete_issue(actor=editor(world), issue=blank)
    assert not IssueQuestion.objects.filter(question=school(world)).exists()
    with pytest.raises(DomainError) as with_measures:
        delete_issue(actor=editor(world), issue=world.road)
    Measure.objects.filter(issue=world.gas).delete()
    ProblemIssue.objects.filter(pk=world.gas.pk).update(published_at=timezone.now())
    with pytest.raises(DomainError) as published:
        delete_issue(actor=editor(world), issue=world.gas)
    assert (with_measures.value.code, published.value.code) == ("has_measures", "published")


def test_solved_needs_every_measure_done(world):
    road = world.road
    with pytest.raises(DomainError) as refused:
        set_issue_status(actor=editor(world), issue=road, status=ProblemIssue.Status.SOLVED, revision=road.revision)
    assert refused.value.code == "measures_open"
    Measure.objects.filter(issue=road).update(status=MeasureStatus.DONE)
    solved = set_issue_status(
        actor=editor(world), issue=road, status=ProblemIssue.Status.SOLVED, revision=road.revision
    )
    assert (solved.status, solved.solved_on) == (ProblemIssue.Status.SOLVED, timezone.localdate())
    assert solved.events.get(kind=IssueEvent.Kind.STATUS).params == {"status": "solved"}


def test_solved_with_a_measure_not_done_needs_a_note(world):
    road = world.road
    Measure.objects.filter(issue=road).update(status=MeasureStatus.DONE)
    Measure.objects.filter(pk=world.other_ministry_measure.pk).update(status=MeasureStatus.NOT_DONE)
    with pytest.raises(DomainError) as refused:
        set_issue_status(actor=editor(world), issue=road, status=ProblemIssue.Status.SOLVED, revision=road.revision)
    solved = set_issue_status(
        actor=editor(world),
        issue=road,
        status=ProblemIssue.Status.SOLVED,
        revision=road.revision,
        note_kk="Жөнделді",
        note_ru="Отремонтировано из бюджета района",
    )
    assert refused.value.code == "note_required"
    assert (solved.status_note_ru, solved.revision) == ("Отремонтировано из бюджета района", road.revision + 1)


def test_not_solvable_needs_the_reason_in_kazakh_and_russian(world):
    gas = world.gas
    with pytest.raises(DomainError) as refused:
        set_issue_status(
            actor=editor(world),
            issue=gas,
            status=ProblemIssue.Status.NOT_SOLVABLE,
            revision=gas.revision,
            note_ru="Нет",
        )
    assert str(refused.value.message) == "Explain in Kazakh and in Russian why the problem cannot be solved."
    done = set_issue_status(
        actor=editor(world),
        issue=gas,
        status=ProblemIssue.Status.NOT_SOLVABLE,
        revision=gas.revision,
        note_kk="Жоқ",
        note_ru="Нет",
    )
    assert done.events.get(kind=IssueEvent.Kind.STATUS).params == {
        "status": "not_solvable",
        "note": {"kk": "Жоқ", "ru": "Нет", "en": ""},
    }
    assert AuditLog.objects.get(action="followup.issue_status").new_values["status"] == "not_solvable"


def test_set_issue_status_on_an_older_revision_is_refused(world):
    gas = world.gas
    set_issue_status(actor=editor(world), issue=gas, status=ProblemIssue.Status.IN_PROGRESS, revision=gas.revision)
    with pytest.raises(DomainError) as refused:
        set_issue_status(actor=editor(world), issue=gas, status=ProblemIssue.Status.RAISED, revision=gas.revision)
    assert refused.value.code == "changed_meanwhile"


def test_record_raised_question_stores_a_published_question_of_the_channel_without_personal_data(world):
    district = DistrictFactory(region=world.visit.region)
    raised = record_raised_question(
        actor=editor(world),
        visit=world.visit,
        channel=Channel.NGO_MEETING,
        text="  Нужен центр для людей с инвалидностью ",
        district=district,
    )
    assert (raised.status, raised.published_text, raised.author_name, raised.contact, raised.language) == (
        Question.Status.PUBLISHED,
        "Нужен центр для людей с инвалидностью",
        "",
        "",
        "ru",
    )
    assert AuditLog.objects.get(action="followup.raised_question").new_values["channel"] == "ngo_meeting"


def test_record_raised_question_refuses_other_channels_and_empty_text(world):
    with pytest.raises(DomainError) as channel:
        record_raised_question(actor=editor(world), visit=world.visit, channel=Channel.WEB, text="Вопрос")
    with pytest.raises(DomainError) as empty:
        record_raised_question(actor=editor(world), visit=world.visit, channel=Channel.RECEPTION, text=" ")
    assert (channel.value.code, empty.value.code) == ("channel", "no_text")


def test_bring_reception_topics_adds_each_booked_topic_once_without_the_citizen(world):
    slots = add_slots(world.live.visit_world, count=3)
    add_booking(slots[0], code="A1", topic="Ремонт крыши дома", full_name="Secret Person", phone="+77019999999")
    cancelled = add_booking(slots[1], code="A2", iin=make_iin(serial=50), topic="Отменено")
    Booking.objects.filter(pk=cancelled.pk).update(status=Booking.Status.CANCELLED)
    assert bring_reception_topics(actor=editor(world), visit=world.visit) == 1
    add_booking(slots[2], code="A3", iin=make_iin(serial=80), topic="Автобус в село")
    assert bring_reception_topics(actor=editor(world), visit=world.visit) == 1
    brought = Question.objects.filter(visit=world.visit, channel=Channel.RECEPTION).order_by("pk")
    assert [(q.text, q.author_name, q.contact, q.status) for q in brought] == [
        ("Ремонт крыши дома", "", "", Question.Status.RECEIVED),
        ("Автобус в село", "", "", Question.Status.RECEIVED),
    ]
    assert all(q.external_id.startswith("booking-") for q in brought)


def test_merging_keeps_the_measures_and_their_deadlines(world):
    kept = merge_issues(actor=editor(world), target=world.gas, others=[world.road])
    assert sorted(kept.measures.values_list("deadline", flat=True)) == [
        datetime.date(2027, 6, 30),
        datetime.date(2027, 9, 30),
        datetime.date(2027, 12, 1),
    ]
