"""The moderators' work on the meeting's stream: publish/hide, shortlist, outcomes, the screen, stale revisions."""

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import LiveMeeting
from kezdesu.planning.domain.queries.schedule import akimat_of_region
from kezdesu.questions.domain.live_moderation import (
    forwarding_choices,
    hide_live_question,
    merge_live_questions,
    publish_live_question,
    record_outcome,
    set_current_question,
    shortlist_question,
)
from kezdesu.questions.models import Channel, Question
from tests.factories.live import ask, build_live_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_live_world()


def fresh(question):
    return Question.objects.get(pk=question.pk)


def test_shortlisting_bumps_the_revision_and_is_audited(world):
    question = world.questions[0]
    shortlist_question(actor=world.user("ministry_editor"), question=question, revision=0)
    question = fresh(question)
    assert question.shortlisted_at is not None
    assert question.revision == 1
    assert AuditLog.objects.filter(action="questions.shortlist", target_id=str(question.pk)).count() == 1
    shortlist_question(actor=world.user("ministry_editor"), question=question, revision=1, shortlisted=False)
    assert (fresh(question).shortlisted_at, fresh(question).revision) == (None, 2)


def test_only_published_questions_are_shortlisted(world):
    waiting = ask(world.visit, "A question still awaiting moderation", status=Question.Status.RECEIVED)
    with pytest.raises(DomainError) as refused:
        shortlist_question(actor=world.user("ministry_editor"), question=waiting, revision=0)
    assert refused.value.code == "not_published"


def test_a_stale_revision_is_refused_naming_who_changed_the_question(world):
    question = world.questions[0]
    first, second = world.user("ministry_editor"), world.user("akimat_editor")
    shortlist_question(actor=first, question=question, revision=0)
    with pytest.raises(DomainError) as refused:
        record_outcome(actor=second, question=question, revision=0, outcome=Question.Outcome.ANSWERED)
    who = first.get_full_name() or first.get_username()
    assert refused.value.code == "changed_meanwhile"
    assert str(refused.value.message) == (
        f"Another moderator ({who}) has just shortlisted this question — the question is shown as it is now."
    )
    assert fresh(question).outcome == ""  # nothing overwritten


def test_two_moderators_acting_on_what_they_each_saw_last_both_succeed(world):
    question = world.questions[1]
    shortlist_question(actor=world.user("ministry_editor"), question=question, revision=0)
    record_outcome(actor=world.user("akimat_editor"), question=question, revision=1, outcome="answered", note="Done")
    question = fresh(question)
    assert (question.shortlisted_at is not None, question.outcome, question.outcome_note, question.revision) == (
        True,
        "answered",
        "Done",
        2,
    )


def test_an_outcome_in_writing_and_its_clearing(world):
    question = world.questions[0]
    record_outcome(actor=world.user("coordinator"), question=question, revision=0, outcome="in_writing")
    assert (fresh(question).outcome, fresh(question).outcome_at is not None) == ("in_writing", True)
    record_outcome(actor=world.user("coordinator"), question=question, revision=1, outcome="")
    assert (fresh(question).outcome, fresh(question).outcome_at) == ("", None)


def test_forwarding_needs_a_ministry_or_the_regions_akimat(world):
    question = world.questions[0]
    editor = world.user("ministry_editor")
    with pytest.raises(DomainError) as refused:
        record_outcome(actor=editor, question=question, revision=0, outcome="forwarded")
    assert refused.value.code == "no_body"
    with pytest.raises(DomainError) as refused:
        record_outcome(
            actor=editor, question=question, revision=0, outcome="forwarded", forwarded_to=world.visit.organisation
        )
    assert refused.value.code == "wrong_body"
    akimat = akimat_of_region(world.visit.region)
    record_outcome(actor=editor, question=question, revision=0, outcome="forwarded", forwarded_to=akimat, note="Roads")
    assert (fresh(question).forwarded_to, fresh(question).outcome_note) == (akimat, "Roads")
    assert forwarding_choices(world.visit)[0] == akimat
    assert world.visit_world.roles.other_ministry in forwarding_choices(world.visit)


def test_hiding_takes_the_question_off_the_shortlist_and_the_screen(world):
    question = world.questions[0]
    editor = world.user("ministry_editor")
    shortlist_question(actor=editor, question=question, revision=0)
    set_current_question(actor=editor, meeting=world.meeting, question=question)
    hide_live_question(actor=editor, question=question, revision=1, reason="off_topic")
    question = fresh(question)
    assert (question.status, question.shortlisted_at, question.revision) == ("hidden", None, 2)
    assert LiveMeeting.objects.get(pk=world.meeting.pk).current_question is None


def test_publishing_a_flagged_question_with_the_text_cleaned(world):
    flagged = ask(world.visit, "Call me on +7 701 123 45 67", channel=Channel.HALL, status=Question.Status.RECEIVED)
    publish_live_question(
        actor=world.user("ministry_editor"), question=flagged, revision=0, published_text="Call me, please"
    )
    assert (fresh(flagged).status, fresh(flagged).published_text, fresh(flagged).revision) == (
        "published",
        "Call me, please",
        1,
    )


def test_the_question_on_screen_must_be_published_and_of_the_meeting(world):
    editor = world.user("ministry_editor")
    waiting = ask(world.visit, "A question still awaiting moderation", status=Question.Status.RECEIVED)
    with pytest.raises(DomainError) as refused:
        set_current_question(actor=editor, meeting=world.meeting, question=waiting)
    assert refused.value.code == "not_published"
    meeting = set_current_question(actor=editor, meeting=world.meeting, question=world.questions[2])
    assert meeting.current_question == world.questions[2]
    assert set_current_question(actor=editor, meeting=world.meeting, question=None).current_question is None
    assert AuditLog.objects.filter(action="meetings.current_question").count() == 2


def test_the_question_on_screen_with_a_stale_revision_is_refused(world):
    question = world.questions[0]
    shortlist_question(actor=world.user("akimat_editor"), question=question, revision=0)
    with pytest.raises(DomainError) as refused:
        set_current_question(actor=world.user("ministry_editor"), meeting=world.meeting, question=question, revision=0)
    assert refused.value.code == "changed_meanwhile"


def test_viewers_may_not_moderate_the_stream(world):
    with pytest.raises(NotPermitted):
        shortlist_question(actor=world.user("akimat_viewer"), question=world.questions[0], revision=0)
    with pytest.raises(NotPermitted):
        set_current_question(actor=world.user("akimat_viewer"), meeting=world.meeting, question=None)


def test_merging_duplicates_of_the_stream(world):
    group = merge_live_questions(actor=world.user("ministry_editor"), visit=world.visit, questions=world.questions[:2])
    assert group.size == 2
    assert {fresh(q).group_id for q in world.questions[:2]} == {group.pk}


def test_an_outcome_reaches_every_published_question_of_the_group():
    from kezdesu.questions.domain.live_moderation import record_outcome
    from kezdesu.questions.models import Question, QuestionGroup
    from tests.factories.live import build_live_world

    world = build_live_world()
    first, second, hidden = world.questions[0], world.questions[1], world.questions[2]
    group = QuestionGroup.objects.create(visit=world.visit, representative=first, size=2)
    Question.objects.filter(pk__in=[first.pk, second.pk, hidden.pk]).update(group=group)
    Question.objects.filter(pk=hidden.pk).update(status=Question.Status.HIDDEN, hidden_reason="spam")
    first.refresh_from_db()

    editor = world.user("ministry_editor")
    record_outcome(actor=editor, question=first, revision=first.revision, outcome=Question.Outcome.IN_WRITING)

    second.refresh_from_db()
    hidden.refresh_from_db()
    assert (second.outcome, second.outcome_at is not None) == (Question.Outcome.IN_WRITING, True)
    assert hidden.outcome == ""
