"""The moderators' work on the meeting's question stream (issue 5): publish or hide, shortlist for the official,
record what became of a question, and put one on the hall's screen.

Several moderators work at once. Every change names the question's `revision` the moderator saw; the row is
locked and a change made on an older revision is refused with a message naming who changed it meanwhile —
never overwritten. Each change bumps the revision and tells the live pages (`live_changed`).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.meetings.domain.live_state import live_changed
from kezdesu.meetings.models import LiveMeeting, Visit
from kezdesu.organisations.models import Organisation, User
from kezdesu.planning.domain.queries.schedule import akimat_of_region
from kezdesu.questions.domain.grouping import merge_questions
from kezdesu.questions.domain.moderation import hide_question, publish_question
from kezdesu.questions.models import Question, QuestionGroup

OUTCOME_FIELDS = ("outcome", "forwarded_to", "outcome_note", "outcome_at")
NOTE_MAX = 2000


def _stale_message(question: Question) -> str:
    """Who changed the question last and how, as one sentence for the moderator whose change was refused."""
    last = (
        AuditLog.objects.filter(
            target_type__app_label="questions", target_type__model="question", target_id=str(question.pk)
        )
        .only("actor_label", "action")
        .order_by("-at", "-pk")
        .first()
    )
    who = last.actor_label if last and last.actor_label else _("unknown")
    messages = {
        "questions.publish": _(
            "Another moderator (%(who)s) has just published this question — the question is shown as it is now."
        ),
        "questions.hide": _(
            "Another moderator (%(who)s) has just hidden this question — the question is shown as it is now."
        ),
        "questions.shortlist": _(
            "Another moderator (%(who)s) has just shortlisted this question — the question is shown as it is now."
        ),
        "questions.unshortlist": _(
            "Another moderator (%(who)s) has just taken this question off the shortlist — "
            "the question is shown as it is now."
        ),
        "questions.outcome": _(
            "Another moderator (%(who)s) has just recorded what became of this question — "
            "the question is shown as it is now."
        ),
    }
    default = _("Another moderator (%(who)s) has just changed this question — the question is shown as it is now.")
    return messages.get(last.action if last else "", default) % {"who": who}


def _require_moderator(actor: User, visit: Visit) -> None:
    if not actor.has_perm("questions.moderate", visit):
        raise NotPermitted(_("You may not moderate the questions of this visit."))


def _locked(actor: User, question: Question, revision: int) -> Question:
    _require_moderator(actor, question.visit)
    current = Question.objects.select_for_update(of=("self",)).select_related("visit").get(pk=question.pk)
    if current.revision != revision:
        raise DomainError(_stale_message(current), code="changed_meanwhile")
    return current


def _bump(question: Question) -> Question:
    question.revision = question.revision + 1
    Question.objects.filter(pk=question.pk).update(revision=F("revision") + 1)
    live_changed(visit_id=question.visit_id)
    return question


@transaction.atomic
def publish_live_question(
    *, actor: User, question: Question, revision: int, published_text: str | None = None, note: str = ""
) -> Question:
    """Publish a question of the stream (as written, or with personal data removed) — moderation.py decides."""
    current = _locked(actor, question, revision)
    return _bump(publish_question(actor=actor, question=current, published_text=published_text, note=note))


@transaction.atomic
def hide_live_question(*, actor: User, question: Question, revision: int, reason: str, note: str = "") -> Question:
    """Hide a question of the stream with a reason (moderation.py's rules); hidden, it leaves the shortlist
    and the screen."""
    current = _locked(actor, question, revision)
    hidden = hide_question(actor=actor, question=current, reason=reason, note=note)
    if hidden.shortlisted_at is not None:
        hidden.shortlisted_at = None
        hidden.save(update_fields=["shortlisted_at"])
    LiveMeeting.objects.filter(current_question=hidden).update(current_question=None)
    return _bump(hidden)


@transaction.atomic
def shortlist_question(*, actor: User, question: Question, revision: int, shortlisted: bool = True) -> Question:
    """Put a published question on the shortlist the official sees at the podium, or take it off."""
    current = _locked(actor, question, revision)
    if shortlisted and current.status != Question.Status.PUBLISHED:
        raise DomainError(_("Only a published question can be shortlisted."), code="not_published")
    if shortlisted == (current.shortlisted_at is not None):
        raise DomainError(
            _("The question is already on the shortlist.")
            if shortlisted
            else _("The question is not on the shortlist."),
            code="unchanged",
        )
    old = {"shortlisted_at": current.shortlisted_at.isoformat() if current.shortlisted_at else None}
    current.shortlisted_at = timezone.now() if shortlisted else None
    current.save(update_fields=["shortlisted_at"])
    record_audit(
        actor=actor,
        action="questions.shortlist" if shortlisted else "questions.unshortlist",
        target=current,
        organisation=current.visit.organisation,
        old=old,
        new={"shortlisted_at": current.shortlisted_at.isoformat() if current.shortlisted_at else None},
    )
    return _bump(current)


def forwarding_choices(visit: Visit) -> list[Organisation]:
    """Where a question may be forwarded: the region's akimat first, then the other ministries."""
    akimat = akimat_of_region(visit.region)
    ministries = list(
        Organisation.objects.filter(kind=Organisation.Kind.MINISTRY, is_active=True)
        .exclude(pk=visit.organisation_id)
        .order_by("name")
    )
    return [akimat, *ministries] if akimat else ministries


@transaction.atomic
def record_outcome(
    *,
    actor: User,
    question: Question,
    revision: int,
    outcome: str,
    forwarded_to: Organisation | None = None,
    note: str = "",
) -> Question:
    """Record what became of the question: answered at the meeting, to be answered in writing, or forwarded
    to another ministry or the region's akimat (then `forwarded_to` is required). An empty `outcome` clears it."""
    current = _locked(actor, question, revision)
    if outcome and outcome not in Question.Outcome.values:
        raise DomainError(_("Choose what became of the question."), code="no_outcome")
    if outcome == Question.Outcome.FORWARDED:
        if forwarded_to is None:
            raise DomainError(_("Choose the body the question is forwarded to."), code="no_body")
        if forwarded_to.pk not in {body.pk for body in forwarding_choices(current.visit)}:
            raise DomainError(
                _("A question may be forwarded to another ministry or to the region's akimat."), code="wrong_body"
            )
    if outcome and current.status == Question.Status.HIDDEN:
        raise DomainError(_("A hidden question has no outcome: publish it first."), code="hidden")
    if len(note) > NOTE_MAX:
        raise DomainError(_("The note may have at most %(max)s characters.") % {"max": NOTE_MAX}, code="too_long")
    old = snapshot(current, OUTCOME_FIELDS)
    current.outcome = outcome
    current.forwarded_to = forwarded_to if outcome == Question.Outcome.FORWARDED else None
    current.outcome_note = note.strip() if outcome else ""
    current.outcome_at = timezone.now() if outcome else None
    current.save(update_fields=list(OUTCOME_FIELDS))
    # The people who asked the same thing (the question's group) get the same answer: the follow-up lists them all.
    members = _group_members(current)
    members.update(
        outcome=current.outcome,
        forwarded_to=current.forwarded_to,
        outcome_note=current.outcome_note,
        outcome_at=current.outcome_at,
        revision=F("revision") + 1,
    )
    before, after = changed({**old, "outcome_at": None}, {**snapshot(current, OUTCOME_FIELDS), "outcome_at": None})
    record_audit(
        actor=actor,
        action="questions.outcome",
        target=current,
        organisation=current.visit.organisation,
        old=before,
        new={**after, "group_members": sorted(members.values_list("pk", flat=True))} if after else after,
    )
    return _bump(current)


def _group_members(question: Question) -> QuerySet[Question]:
    """The other published questions of the question's group."""
    if question.group_id is None:
        return Question.objects.none()
    return Question.objects.filter(group_id=question.group_id, status=Question.Status.PUBLISHED).exclude(pk=question.pk)


@transaction.atomic
def set_current_question(
    *, actor: User, meeting: LiveMeeting, question: Question | None, revision: int | None = None
) -> LiveMeeting:
    """Put a published question of the meeting on the hall's screen and the official's tablet, or clear it.

    Moderators (questions.moderate) and whoever runs the meeting (meetings.run_meeting) may. With `revision`,
    a question changed meanwhile by another moderator is refused.
    """
    locked = LiveMeeting.objects.select_for_update().select_related("part__visit").get(pk=meeting.pk)
    visit = locked.part.visit
    if not (actor.has_perm("questions.moderate", visit) or actor.has_perm("meetings.run_meeting", visit)):
        raise NotPermitted(_("You may not choose the question on screen for this meeting."))
    if locked.stage == LiveMeeting.Stage.CLOSED:
        raise DomainError(_("The meeting is closed."), code="closed")
    if question is not None:
        current = Question.objects.select_for_update(of=("self",)).get(pk=question.pk)
        if current.visit_id != visit.pk:
            raise DomainError(_("The question is not one of this meeting's."), code="other_visit")
        if revision is not None and current.revision != revision:
            raise DomainError(_stale_message(current), code="changed_meanwhile")
        if current.status != Question.Status.PUBLISHED:
            raise DomainError(_("Only a published question can be put on screen."), code="not_published")
        question = current
    old = locked.current_question_id
    locked.current_question = question
    locked.save(update_fields=["current_question"])
    record_audit(
        actor=actor,
        action="meetings.current_question",
        target=locked,
        organisation=visit.organisation,
        old={"current_question": old},
        new={"current_question": question.pk if question else None},
    )
    live_changed(visit_id=visit.pk)
    return locked


@transaction.atomic
def merge_live_questions(*, actor: User, visit: Visit, questions: Sequence[Question]) -> QuestionGroup:
    """Merge duplicates of the stream into one group (grouping.py's merge); the watchers see the new count."""
    group = merge_questions(actor=actor, visit=visit, questions=list(questions))
    live_changed(visit_id=visit.pk)
    return group
