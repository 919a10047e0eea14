"""Whether a part of a visit is on now, and from when the public is pointed to its live page.

One answer for every page that shows a "Live" badge or a link to the live page (the meeting page, the live
page, the list of visits, the home page), read from the records:
- the meeting's live record (`LiveMeeting`), once the timekeeper has opened it: live until it is closed;
- otherwise the part's planned start and end: live between them.
A held visit, a part whose outcome is recorded, or a closed live meeting has ended. The live page is offered
from the day before the part (Astana time) until it ends.

It reads only the part, its visit and its live record: callers select `part__visit` and `live` with the part
(`meetings.domain.queries.visits` does), so a list of visits costs no query per row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart

LINKED_DAYS_BEFORE = 1


class LiveState(StrEnum):
    NOT_STARTED = "not_started"
    LIVE = "live"
    ENDED = "ended"


@dataclass(frozen=True)
class LiveStatus:
    state: LiveState
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    # Whether pages point to the live page now: from the day before the part until it ends.
    linked: bool

    @property
    def is_live(self) -> bool:
        return self.state == LiveState.LIVE

    @property
    def has_ended(self) -> bool:
        return self.state == LiveState.ENDED

    @property
    def starts_today(self) -> bool:
        return self.starts_at is not None and timezone.localdate(self.starts_at) == timezone.localdate()


def _live_record(part: VisitPart) -> LiveMeeting | None:
    try:
        return part.live
    except ObjectDoesNotExist:
        return None


def _state(part: VisitPart, visit: Visit, now: datetime.datetime) -> LiveState:
    if visit.status == Visit.Status.HELD or part.outcome != VisitPart.Outcome.PLANNED:
        return LiveState.ENDED
    record = _live_record(part) if part.kind == VisitPart.Kind.MEETING else None
    if record is not None and (record.closed_at is not None or record.stage == LiveMeeting.Stage.CLOSED):
        return LiveState.ENDED
    # A live record that nobody opened was only made by someone opening the page: the plan decides.
    if record is not None and record.opened_at is not None:
        return LiveState.LIVE
    if part.starts_at is None or part.ends_at is None:
        last_day = datetime.datetime.combine(visit.end_date, datetime.time.max, tzinfo=timezone.get_current_timezone())
        return LiveState.ENDED if now > last_day else LiveState.NOT_STARTED
    if now < part.starts_at:
        return LiveState.NOT_STARTED
    return LiveState.LIVE if now <= part.ends_at else LiveState.ENDED


def live_status(part: VisitPart, *, now: datetime.datetime | None = None) -> LiveStatus:
    """Whether `part` is on now ("Live"), has not started or has ended, and whether to link its live page."""
    moment = now or timezone.now()
    visit = part.visit
    state = _state(part, visit, moment) if visit.status in (Visit.Status.PUBLISHED, Visit.Status.HELD) else None
    if state is None:  # a draft or a cancelled visit is never live
        return LiveStatus(state=LiveState.NOT_STARTED, starts_at=part.starts_at, ends_at=part.ends_at, linked=False)
    first_day = timezone.localdate(part.starts_at) if part.starts_at is not None else visit.start_date
    linked = state != LiveState.ENDED and timezone.localdate(moment) >= first_day - datetime.timedelta(
        days=LINKED_DAYS_BEFORE
    )
    return LiveStatus(state=state, starts_at=part.starts_at, ends_at=part.ends_at, linked=linked)


def meeting_part(visit: Visit) -> VisitPart | None:
    """The visit's meeting with the population among its prefetched parts (`parts` or `meeting_parts`)."""
    parts = getattr(visit, "meeting_parts", None)
    if parts is None:
        parts = visit.parts.all()
    return next((part for part in parts if part.kind == VisitPart.Kind.MEETING), None)


def meeting_live_status(visit: Visit, *, now: datetime.datetime | None = None) -> LiveStatus | None:
    """The live status of the visit's meeting with the population; None when it has no such part."""
    part = meeting_part(visit)
    return live_status(part, now=now) if part is not None else None
