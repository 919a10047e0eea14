"""How the meeting's time has been used so far, against the quarter allowed to the presentation (R15).

The allowance is a share (the profile in force on the visit's first day) of the PLANNED time: the agenda's
total minutes when there is an agenda, else the meeting's scheduled length. Without either, only the share
of the time used so far can be told, and it is judged once the questions have begun.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.meetings.domain.agenda import max_presentation_share, part_minutes
from kezdesu.meetings.models import LiveMeeting, TimerSegment, Visit, VisitPart

NEAR = Decimal("0.8")  # the bar turns amber once the presentation used this much of its allowance


@dataclass(frozen=True)
class Timing:
    """The clock of one meeting at `now`: seconds per kind so far, the plan and the allowance."""

    stage: str
    now: datetime.datetime
    presentation_seconds: int
    questions_seconds: int
    running_kind: str | None
    running_since: datetime.datetime | None
    # What the running kind had before its running stretch began (for a ticking clock).
    running_base_seconds: int
    planned_minutes: int | None
    planned_from_agenda: bool
    max_share: Decimal

    @property
    def used_seconds(self) -> int:
        return self.presentation_seconds + self.questions_seconds

    @property
    def allowed_presentation_seconds(self) -> int | None:
        if not self.planned_minutes:
            return None
        return math.floor(self.max_share * self.planned_minutes * 60)

    @property
    def allowed_presentation_minutes(self) -> int | None:
        if not self.planned_minutes:
            return None
        return math.floor(self.max_share * self.planned_minutes)

    @property
    def presentation_left_seconds(self) -> int | None:
        allowed = self.allowed_presentation_seconds
        return None if allowed is None else allowed - self.presentation_seconds

    @property
    def share_of_used(self) -> Decimal:
        if not self.used_seconds:
            return Decimal(0)
        return Decimal(self.presentation_seconds) / Decimal(self.used_seconds)

    @property
    def share_of_planned(self) -> Decimal | None:
        if not self.planned_minutes:
            return None
        return Decimal(self.presentation_seconds) / Decimal(self.planned_minutes * 60)

    @property
    def over(self) -> bool:
        """The presentation took more than its share: of the plan, or without one, of the time used."""
        allowed = self.allowed_presentation_seconds
        if allowed is not None:
            return self.presentation_seconds > allowed
        return self.questions_seconds > 0 and self.share_of_used > self.max_share

    @property
    def state(self) -> str:
        """ "over", "near" (most of the allowance used) or "ok": the share bar's colour."""
        if self.over:
            return "over"
        allowed = self.allowed_presentation_seconds
        if allowed and self.presentation_seconds >= NEAR * allowed:
            return "near"
        return "ok"

    @property
    def bar_percent(self) -> int:
        """How full the allowance is, 0–100, for the bar's width."""
        allowed = self.allowed_presentation_seconds
        if not allowed:
            return min(100, round(self.share_of_used / self.max_share * 100)) if self.max_share else 0
        return min(100, round(self.presentation_seconds * 100 / allowed))

    @property
    def presentation_minutes(self) -> int:
        return self.presentation_seconds // 60

    @property
    def questions_minutes(self) -> int:
        return self.questions_seconds // 60

    @property
    def percent_of_planned(self) -> str | None:
        share = self.share_of_planned
        return None if share is None else _whole_percent(share)

    @property
    def percent_of_used(self) -> str:
        return _whole_percent(self.share_of_used)

    @property
    def max_percent(self) -> str:
        return _whole_percent(self.max_share)

    def clock(self, kind: str) -> dict[str, object]:
        """What a ticking clock of `kind` needs: seconds before the running stretch, and when it began."""
        if self.running_kind == kind and self.running_since is not None:
            return {"base": self.running_base_seconds, "since": self.running_since.isoformat()}
        seconds = self.presentation_seconds if kind == TimerSegment.Kind.PRESENTATION else self.questions_seconds
        return {"base": seconds, "since": ""}

    @property
    def presentation_clock(self) -> dict[str, object]:
        return self.clock(TimerSegment.Kind.PRESENTATION)

    @property
    def questions_clock(self) -> dict[str, object]:
        return self.clock(TimerSegment.Kind.QUESTIONS)

    def summary(self) -> str:
        """One sentence for the timekeeper, the official and the record."""
        values = {
            "used": self.presentation_minutes,
            "allowed": self.allowed_presentation_minutes,
            "percent": self.percent_of_planned,
            "planned": self.planned_minutes,
            "max_percent": self.max_percent,
            "used_percent": self.percent_of_used,
        }
        if self.planned_minutes:
            return (
                _(
                    "The presentation has used %(used)s of %(allowed)s allowed minutes "
                    "(%(percent)s%% of %(planned)s planned; at most %(max_percent)s%%)."
                )
                % values
            )
        return (
            _(
                "The presentation has used %(used)s minutes, %(used_percent)s%% of the time so far "
                "(no planned time; at most %(max_percent)s%%)."
            )
            % values
        )


def _whole_percent(share: Decimal) -> str:
    return str((share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def planned_minutes(part: VisitPart) -> tuple[int | None, bool]:
    """The meeting's planned length: the agenda's total if it has one, else its scheduled length."""
    total = sum(item.planned_minutes for item in part.agenda.all())
    if total:
        return total, True
    return part_minutes(part), False


def _seconds(segment: TimerSegment, now: datetime.datetime) -> int:
    end = segment.ended_at or now
    return max(0, int((end - segment.started_at).total_seconds()))


def timing_of(meeting: LiveMeeting, *, now: datetime.datetime | None = None) -> Timing:
    """The meeting's clock at `now` (its closing time once closed)."""
    now = now or timezone.now()
    if meeting.closed_at is not None:
        now = meeting.closed_at
    part = meeting.part
    visit: Visit = part.visit
    totals = {TimerSegment.Kind.PRESENTATION: 0, TimerSegment.Kind.QUESTIONS: 0}
    running: TimerSegment | None = None
    for segment in meeting.segments.all():
        if segment.ended_at is None:
            running = segment
            continue
        totals[TimerSegment.Kind(segment.kind)] += _seconds(segment, now)
    base = totals[TimerSegment.Kind(running.kind)] if running is not None else 0
    if running is not None:
        totals[TimerSegment.Kind(running.kind)] += _seconds(running, now)
    planned, from_agenda = planned_minutes(part)
    return Timing(
        stage=meeting.stage,
        now=now,
        presentation_seconds=totals[TimerSegment.Kind.PRESENTATION],
        questions_seconds=totals[TimerSegment.Kind.QUESTIONS],
        running_kind=running.kind if running is not None else None,
        running_since=running.started_at if running is not None else None,
        running_base_seconds=base,
        planned_minutes=planned,
        planned_from_agenda=from_agenda,
        max_share=max_presentation_share(visit),
    )


def live_meeting_with_timing(visit: Visit) -> LiveMeeting | None:
    """The visit's live meeting with what its clock needs, in a few queries; None before it exists."""
    return (
        LiveMeeting.objects.filter(part__visit=visit, part__kind=VisitPart.Kind.MEETING)
        .select_related("part__visit", "current_question")
        .prefetch_related("segments", "part__agenda")
        .first()
    )
