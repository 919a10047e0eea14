"""The public's votes for the questions of a meeting under way (issue 5): the most wanted are asked first.

One vote per person and question, guarded against casual repeats only (as the vote on the date, R9):
`voter_key` comes from a random id in a signed cookie, `network_key` from the client's address
(`meetings.interfaces.voter_keys`); neither leads back to the person. A repeat is not an error: the
vote is already counted and the answer says so. At most KEZDESU_LIVE_VOTES_PER_NETWORK votes for one
question come from one address (a hall's Wi-Fi puts many people behind one).

No audit row: the vote itself is the append-only record of an anonymous act.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.live_state import live_changed
from kezdesu.meetings.models import LiveMeeting, Visit
from kezdesu.questions.models import Question, QuestionVote


@dataclass(frozen=True)
class VoteResult:
    question: Question
    counted: bool  # False: this person's vote was already there


def votes_per_network() -> int:
    return int(settings.KEZDESU_LIVE_VOTES_PER_NETWORK)


def _check_votable(question: Question) -> None:
    if question.status != Question.Status.PUBLISHED:
        raise DomainError(_("Only published questions can be voted for."), code="not_published")
    if question.outcome:
        raise DomainError(_("This question has been dealt with: votes for it are closed."), code="settled")
    visit = question.visit
    if visit.status != Visit.Status.PUBLISHED:
        raise DomainError(_("Voting for questions is closed for this meeting."), code="closed")
    stage = LiveMeeting.objects.filter(part__visit=visit, part__kind="meeting").values_list("stage", flat=True).first()
    if stage == LiveMeeting.Stage.CLOSED:  # before the meeting (no live state yet) votes are welcome
        raise DomainError(_("Voting for questions is closed for this meeting."), code="closed")


def vote_for_question(*, question: Question, voter_key: str, network_key: str) -> VoteResult:
    """Count one person's vote for a question; voting again changes nothing."""
    if not voter_key or not network_key:
        raise DomainError(_("Your vote could not be recorded. Allow cookies and try again."), code="no_key")
    _check_votable(question)
    if QuestionVote.objects.filter(question=question, voter_key=voter_key).exists():
        return VoteResult(question=question, counted=False)
    if QuestionVote.objects.filter(question=question, network_key=network_key).count() >= votes_per_network():
        raise DomainError(_("Too many votes for this question have come from your network."), code="network_limit")
    try:
        with transaction.atomic():
            QuestionVote.objects.create(question=question, voter_key=voter_key, network_key=network_key)
            Question.objects.filter(pk=question.pk).update(votes=F("votes") + 1)
            live_changed(visit_id=question.visit_id)
    except IntegrityError:  # the same person's second click arrived at the same moment
        return VoteResult(question=question, counted=False)
    question.refresh_from_db(fields=["votes"])
    return VoteResult(question=question, counted=True)
