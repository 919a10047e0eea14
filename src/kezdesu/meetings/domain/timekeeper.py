"""The timekeeper of the meeting with the population (R15): opens it, starts and stops the presentation
and the questions, pauses, resumes and closes it.

Each step ends the stretch that is running and starts the next, so one stretch runs at a time (the
database's constraint says so too). Closing records that the meeting with the population took place
(meetings/domain/closing.py); its record follows (meetings/domain/record.py).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.domain.closing import record_meeting_held
from kezdesu.meetings.domain.live_state import live_changed, live_meeting_for
from kezdesu.meetings.models import LiveMeeting, TimerSegment, Visit

Stage = LiveMeeting.Stage
Kind = TimerSegment.Kind
RUNNING_STAGES = {Stage.PRESENTATION: Kind.PRESENTATION, Stage.QUESTIONS: Kind.QUESTIONS}


def _locked_meeting(*, actor: Any, visit: Visit) -> LiveMeeting:
    """The visit's live meeting, locked for this transaction, once the actor may run it."""
    if not actor.has_perm("meetings.run_meeting", visit):
        raise NotPermitted(_("You may not run this meeting."))
    if visit.status != Visit.Status.PUBLISHED:
        raise DomainError(_("Only an announced visit's meeting can be run."), code="not_published")
    meeting = live_meeting_for(visit)
    return LiveMeeting.objects.select_for_update().get(pk=meeting.pk)


def _end_running(meeting: LiveMeeting, now: datetime.datetime) -> TimerSegment | None:
    running = meeting.segments.filter(ended_at__isnull=True).first()
    if running is not None:
        running.ended_at = max(now, running.started_at)
        running.save(update_fields=["ended_at"])
    return running


def _move(
    *, actor: Any, visit: Visit, meeting: LiveMeeting, stage: str, now: datetime.datetime, action: str
) -> LiveMeeting:
    """End the running stretch, start the one `stage` runs (if any), save and audit the step."""
    old = {"stage": meeting.stage}
    _end_running(meeting, now)
    kind = RUNNING_STAGES.get(Stage(stage))
    if kind is not None:
        TimerSegment.objects.create(meeting=meeting, kind=kind, started_at=now, started_by=actor)
    fields = ["stage"]
    if meeting.opened_at is None:
        # Starting the presentation or the questions opens a meeting nobody opened explicitly.
        meeting.opened_at = now
        fields.append("opened_at")
    meeting.stage = stage
    if stage == Stage.CLOSED:
        meeting.closed_at = now
        fields.append("closed_at")
    meeting.save(update_fields=fields)
    record_audit(
        actor=actor,
        action=action,
        target=meeting,
        organisation=visit.organisation,
        old=old,
        new={"stage": stage, "at": now.isoformat()},
    )
    live_changed(visit_id=visit.pk)
    return meeting


@transaction.atomic
def open_meeting(*, actor: Any, visit: Visit, now: datetime.datetime | None = None) -> LiveMeeting:
    """The meeting is ready to start: the hall screen and the official's view show it as open."""
    now = now or timezone.now()
    meeting = _locked_meeting(actor=actor, visit=visit)
    if meeting.opened_at is not None:
        raise DomainError(_("The meeting is already open."), code="already_open")
    meeting.opened_at = now
    meeting.save(update_fields=["opened_at"])
    record_audit(
        actor=actor,
        action="meetings.live.open",
        target=meeting,
        organisation=visit.organisation,
        new={"opened_at": now.isoformat()},
    )
    live_changed(visit_id=visit.pk)
    return meeting


@transaction.atomic
def start_presentation(*, actor: Any, visit: Visit, now: datetime.datetime | None = None) -> LiveMeeting:
    """The official starts (or goes back to) the presentation; the questions' stretch, if running, ends."""
    meeting = _locked_meeting(actor=actor, visit=visit)
    if meeting.stage == Stage.CLOSED:
        raise DomainError(_("The meeting is closed."), code="closed")
    if meeting.stage == Stage.PRESENTATION:
        raise DomainError(_("The presentation is already running."), code="running")
    return _move(
        actor=actor,
        visit=visit,
        meeting=meeting,
        stage=Stage.PRESENTATION,
        now=now or timezone.now(),
        action="meetings.live.presentation",
    )


@transaction.atomic
def start_questions(*, actor: Any, visit: Visit, now: datetime.datetime | None = None) -> LiveMeeting:
    """Questions and answers begin (or resume after the presentation); the presentation's stretch ends."""
    meeting = _locked_meeting(actor=actor, visit=visit)
    if meeting.stage == Stage.CLOSED:
        raise DomainError(_("The meeting is closed."), code="closed")
    if meeting.stage == Stage.QUESTIONS:
        raise DomainError(_("Questions and answers are already running."), code="running")
    return _move(
        actor=actor,
        visit=visit,
        meeting=meeting,
        stage=Stage.QUESTIONS,
        now=now or timezone.now(),
        action="meetings.live.questions",
    )


@transaction.atomic
def pause_meeting(*, actor: Any, visit: Visit, now: datetime.datetime | None = None) -> LiveMeeting:
    """Stop the clock: the running stretch ends and nothing counts until the meeting resumes."""
    meeting = _locked_meeting(actor=actor, visit=visit)
    if meeting.stage not in RUNNING_STAGES:
        raise DomainError(_("Only a running presentation or questions can be paused."), code="not_running")
    return _move(
        actor=actor,
        visit=visit,
        meeting=meeting,
        stage=Stage.PAUSED,
        now=now or timezone.now(),
        action="meetings.live.pause",
    )


@transaction.atomic
def resume_meeting(*, actor: Any, visit: Visit, now: datetime.datetime | None = None) -> LiveMeeting:
    """After a pause, go on with what was running before it."""
    meeting = _locked_meeting(actor=actor, visit=visit)
    if meeting.stage != Stage.PAUSED:
        raise DomainError(_("Only a paused meeting can resume."), code="not_paused")
    last = meeting.segments.order_by("-started_at", "-id").first()
    stage = Stage.PRESENTATION if last is not None and last.kind == Kind.PRESENTATION else Stage.QUESTIONS
    return _move(
        actor=actor, visit=visit, meeting=meeting, stage=stage, now=now or timezone.now(), action="meetings.live.resume"
    )


@transaction.atomic
def close_meeting(*, actor: Any, visit: Visit, now: datetime.datetime | None = None) -> LiveMeeting:
    """End the meeting: the running stretch stops, the visit is recorded as held and its record opens."""
    meeting = _locked_meeting(actor=actor, visit=visit)
    if meeting.stage == Stage.CLOSED:
        raise DomainError(_("The meeting is already closed."), code="closed")
    if meeting.opened_at is None and not meeting.segments.exists():
        raise DomainError(_("A meeting that never started cannot be closed."), code="not_started")
    now = now or timezone.now()
    _move(actor=actor, visit=visit, meeting=meeting, stage=Stage.CLOSED, now=now, action="meetings.live.close")
    if meeting.current_question_id is not None:
        # Nothing is asked once the meeting is over: the hall screen thanks the hall instead of keeping
        # the last question up (and a closed meeting refuses any change to the question on screen).
        meeting.current_question = None
        meeting.save(update_fields=["current_question"])
    # The live record says the meeting took place; the visit closes once its other parts are accounted for
    # (a reception still ahead stays open for its bookings).
    record_meeting_held(actor=actor, visit=visit, at=now, by="meetings.live.close")
    return meeting
