import pytest
from django.test import override_settings

from kezdesu.core.errors import DomainError
from kezdesu.meetings.models import LiveMeeting, Visit
from kezdesu.questions.domain.live_votes import vote_for_question
from kezdesu.questions.models import Question, QuestionVote
from tests.factories.live import ask, build_live_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_live_world()


def revision(world) -> int:
    return LiveMeeting.objects.get(pk=world.meeting.pk).revision


def test_a_vote_is_counted_and_moves_the_revision_on(world, django_capture_on_commit_callbacks):
    question = world.questions[0]

    with django_capture_on_commit_callbacks(execute=True):
        result = vote_for_question(question=question, voter_key="voter-a", network_key="net-1")

    assert result.counted is True
    assert result.question.votes == 1
    assert Question.objects.get(pk=question.pk).votes == 1
    assert list(QuestionVote.objects.values_list("question_id", "voter_key", "network_key")) == [
        (question.pk, "voter-a", "net-1")
    ]
    assert revision(world) == 1


def test_voting_again_changes_nothing(world, django_capture_on_commit_callbacks):
    question = world.questions[0]

    with django_capture_on_commit_callbacks(execute=True):
        vote_for_question(question=question, voter_key="voter-a", network_key="net-1")
        again = vote_for_question(question=question, voter_key="voter-a", network_key="net-2")

    assert again.counted is False
    assert Question.objects.get(pk=question.pk).votes == 1
    assert QuestionVote.objects.count() == 1
    assert revision(world) == 1


def test_one_person_votes_for_several_questions(world):
    for question in world.questions:
        vote_for_question(question=question, voter_key="voter-a", network_key="net-1")

    assert sorted(Question.objects.filter(visit=world.visit).values_list("votes", flat=True)) == [1, 1, 1, 1]


@override_settings(KEZDESU_LIVE_VOTES_PER_NETWORK=2)
def test_one_network_gives_a_question_at_most_the_configured_votes(world):
    question = world.questions[0]
    vote_for_question(question=question, voter_key="voter-a", network_key="hall-wifi")
    vote_for_question(question=question, voter_key="voter-b", network_key="hall-wifi")

    with pytest.raises(DomainError) as refused:
        vote_for_question(question=question, voter_key="voter-c", network_key="hall-wifi")

    assert refused.value.code == "network_limit"
    assert Question.objects.get(pk=question.pk).votes == 2
    assert vote_for_question(question=question, voter_key="voter-c", network_key="home").counted is True


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": Question.Status.RECEIVED}, "not_published"),
        ({"status": Question.Status.HIDDEN, "hidden_reason": "spam"}, "not_published"),
        ({"outcome": Question.Outcome.ANSWERED}, "settled"),
    ],
)
def test_only_open_published_questions_take_votes(world, change, code):
    question = world.questions[0]
    Question.objects.filter(pk=question.pk).update(**change)
    question.refresh_from_db()

    with pytest.raises(DomainError) as refused:
        vote_for_question(question=question, voter_key="voter-a", network_key="net-1")

    assert refused.value.code == code
    assert QuestionVote.objects.count() == 0


def test_a_closed_meeting_takes_no_votes(world):
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(stage=LiveMeeting.Stage.CLOSED)

    with pytest.raises(DomainError) as refused:
        vote_for_question(question=world.questions[0], voter_key="voter-a", network_key="net-1")

    assert refused.value.code == "closed"


def test_a_held_visit_takes_no_votes(world):
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.HELD)
    question = Question.objects.select_related("visit").get(pk=world.questions[0].pk)

    with pytest.raises(DomainError) as refused:
        vote_for_question(question=question, voter_key="voter-a", network_key="net-1")

    assert refused.value.code == "closed"


def test_questions_of_an_announced_visit_take_votes_before_the_meeting(world):
    LiveMeeting.objects.filter(pk=world.meeting.pk).delete()
    question = ask(world.visit, "Will the bus to the district centre run on Sundays?")

    assert vote_for_question(question=question, voter_key="voter-a", network_key="net-1").counted is True


def test_a_vote_needs_both_keys(world):
    with pytest.raises(DomainError) as refused:
        vote_for_question(question=world.questions[0], voter_key="", network_key="net-1")

    assert refused.value.code == "no_key"
