"""Questions reaching a visit: the web form's rules, integrations, the akimat's systemic problems (R10, R11)."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import Visit
from kezdesu.planning.models import SystemicProblem
from kezdesu.questions.domain.intake import (
    attach_systemic_problems,
    detect_language,
    fingerprint,
    questions_deadline,
    questions_open,
    receive_from_integration,
    submit_question,
)
from kezdesu.questions.models import Channel, Question
from tests.factories.intake import intake_topic
from tests.factories.meetings import at, build_visit_world
from tests.factories.organisations import DistrictFactory, OrganisationFactory
from tests.factories.planning import SystemicProblemFactory

pytestmark = pytest.mark.django_db

TEXT = "When will the road to the district hospital be repaired?"


@pytest.fixture
def world():
    return build_visit_world()


def test_fingerprint_ignores_case_punctuation_and_spacing_and_keeps_kazakh_and_russian_letters():
    assert fingerprint("Когда   отремонтируют дорогу?!") == fingerprint("когда отремонтируют, дорогу")
    assert fingerprint("Жолды қашан жөндейді?") == fingerprint("жолды ҚАШАН жөндейді")
    assert fingerprint("Жолды қашан жөндейді?") != fingerprint("Жолды кашан жондейди?")
    assert len(fingerprint(TEXT)) == 64


def test_language_is_guessed_from_the_letters():
    assert detect_language("Жолды қашан жөндейді?") == "kk"
    assert detect_language("Когда отремонтируют дорогу?") == "ru"
    assert detect_language(TEXT) == "en"
    assert detect_language("123 ?!") == ""


def test_an_anonymous_question_is_received_with_its_fingerprint_and_the_visits_region(world):
    topic = intake_topic()

    question = submit_question(visit=world.visit, text=f"  {TEXT}  ", topic=topic, district=world.district)

    assert question.status == Question.Status.RECEIVED
    assert question.channel == Channel.WEB
    assert question.text == TEXT
    assert question.fingerprint == fingerprint(TEXT)
    assert question.region == world.visit.region
    assert question.district == world.district
    assert question.topic == topic
    assert question.language == "en"
    assert (question.author_name, question.contact, question.consent) == ("", "", False)
    audit = AuditLog.objects.get(action="questions.received")
    assert audit.target_id == str(question.pk)
    assert audit.new_values["with_contact"] is False


def test_a_name_or_contact_needs_consent(world):
    with pytest.raises(DomainError) as refused:
        submit_question(visit=world.visit, text=TEXT, topic=None, contact="+7 701 000 00 00")
    assert refused.value.code == "consent"

    question = submit_question(
        visit=world.visit, text=TEXT, topic=None, author_name="Aigerim", contact="+7 701 000 00 00", consent=True
    )
    assert (question.author_name, question.contact, question.consent) == ("Aigerim", "+7 701 000 00 00", True)
    audit = AuditLog.objects.get(action="questions.received")
    assert "+7 701" not in str(audit.new_values)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script> When will the road be repaired?",
        "When will the <b>road</b> be repaired?",
        'Look <img src=x onerror="alert(1)"> here',
        "Follow javascript:alert(1) to see the road",
    ],
)
def test_text_with_markup_is_refused_with_a_request_for_plain_text(world, text):
    with pytest.raises(DomainError) as refused:
        submit_question(visit=world.visit, text=text, topic=None)

    assert refused.value.code == "text"
    assert "plain text" in str(refused.value.message)
    assert Question.objects.count() == 0


def test_a_less_than_sign_in_ordinary_text_is_accepted(world):
    question = submit_question(visit=world.visit, text="Pensions < 100 000 tenge: will they be raised?", topic=None)
    assert question.pk is not None


@pytest.mark.parametrize(("text", "reason"), [("Roads?", "too short"), ("x" * 3001, "too long")])
def test_text_length_is_limited(world, text, reason):
    with pytest.raises(DomainError) as refused:
        submit_question(visit=world.visit, text=text, topic=None)
    assert reason in str(refused.value.message)


def test_a_district_of_another_region_is_refused(world):
    with pytest.raises(DomainError) as refused:
        submit_question(visit=world.visit, text=TEXT, topic=None, district=DistrictFactory())
    assert refused.value.code == "district_region"


def test_questions_close_at_the_set_time_or_when_the_meeting_starts(world):
    visit = world.visit
    assert questions_deadline(visit) == at(10)
    visit.questions_close_at = at(9)
    visit.save(update_fields=["questions_close_at"])
    assert questions_deadline(visit) == at(9)
    assert questions_open(visit, now=at(8, 59))
    assert not questions_open(visit, now=at(9))
    visit.questions_close_at = at(11)
    visit.save(update_fields=["questions_close_at"])
    assert questions_deadline(visit) == at(10)


def test_a_closed_or_unannounced_visit_takes_no_questions(world):
    visit = world.visit
    visit.questions_close_at = timezone.now() - datetime.timedelta(minutes=1)
    visit.save(update_fields=["questions_close_at"])
    with pytest.raises(DomainError) as closed:
        submit_question(visit=visit, text=TEXT, topic=None)
    assert closed.value.code == "questions_closed"

    visit.questions_close_at = None
    visit.status = Visit.Status.DRAFT
    visit.save(update_fields=["questions_close_at", "status"])
    with pytest.raises(DomainError) as unannounced:
        submit_question(visit=visit, text=TEXT, topic=None)
    assert unannounced.value.code == "not_published"


def test_an_integration_delivers_a_question_once(world):
    editor = world.user("ministry_editor")

    first, created = receive_from_integration(
        actor=editor, visit=world.visit, channel=Channel.EOTINISH, external_id="EO-1", text=TEXT
    )
    again, created_again = receive_from_integration(
        actor=editor, visit=world.visit, channel=Channel.EOTINISH, external_id="EO-1", text=TEXT
    )

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert first.status == Question.Status.RECEIVED
    assert first.fingerprint == fingerprint(TEXT)
    assert Question.objects.count() == 1
    assert AuditLog.objects.filter(action="questions.received").count() == 1


def test_the_same_id_of_another_channel_is_another_question(world):
    editor = world.user("ministry_editor")
    receive_from_integration(actor=editor, visit=world.visit, channel=Channel.EOTINISH, external_id="1", text=TEXT)
    _question, created = receive_from_integration(
        actor=editor, visit=world.visit, channel=Channel.BLOG, external_id="1", text=TEXT
    )
    assert created is True


def test_an_integration_needs_the_import_permission(world):
    with pytest.raises(NotPermitted):
        receive_from_integration(
            actor=world.user("akimat_viewer"), visit=world.visit, channel=Channel.API, external_id="1", text=TEXT
        )


def _problem(world, **fields):
    defaults = {
        "region": world.visit.region,
        "akimat": world.roles.akimat,
        "competent_body": world.roles.ministry,
        "half_year_start": datetime.date(2027, 1, 1),
        "status": SystemicProblem.Status.SENT,
        "sent_at": at(9, day=datetime.date(2027, 1, 20)),
    }
    return SystemicProblemFactory(**{**defaults, **fields})


def test_the_akimats_systemic_problems_sent_to_the_ministry_become_questions_once(world):
    sent = _problem(world, title="Worn water pipes", description="Half of the pipes are older than 40 years.")
    committee = OrganisationFactory(kind="committee", parent=world.roles.ministry)
    to_committee = _problem(world, competent_body=committee, half_year_start=datetime.date(2026, 7, 1))
    _problem(world, status=SystemicProblem.Status.DRAFT)  # not sent
    _problem(world, competent_body=world.roles.other_ministry)  # another ministry's
    _problem(world, half_year_start=datetime.date(2026, 1, 1))  # too old
    editor = world.user("akimat_editor")

    created = attach_systemic_problems(actor=editor, visit=world.visit)
    again = attach_systemic_problems(actor=editor, visit=world.visit)

    assert sorted(question.systemic_problem_id for question in created) == sorted([sent.pk, to_committee.pk])
    assert again == []
    question = Question.objects.get(systemic_problem=sent)
    assert question.channel == Channel.SYSTEMIC_PROBLEM
    assert question.external_id == str(sent.pk)
    assert question.text == "Worn water pipes\n\nHalf of the pipes are older than 40 years."
    assert question.status == Question.Status.RECEIVED
    assert question.received_at == sent.sent_at
    assert AuditLog.objects.filter(action="questions.systemic_problems_attached").count() == 1


def test_attaching_systemic_problems_needs_the_import_permission(world):
    with pytest.raises(NotPermitted):
        attach_systemic_problems(actor=world.user("ministry_viewer"), visit=world.visit)
