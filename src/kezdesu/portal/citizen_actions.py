"""What a citizen can do on a visit now, from its records: ask a question while questions are open, vote on
the date while the vote is open, book a reception slot while booking is open, follow the meeting live from the
day before. The home page shows these as links; each rule is the one the page acting on it applies.

Reads only what `meetings.domain.queries.coming.public_visits_between` selected: no query per visit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from kezdesu.meetings.domain.queries.date_vote import VoteState, vote_state
from kezdesu.meetings.domain.queries.live_status import LiveStatus, live_status
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.questions.domain.intake import questions_deadline_at


@dataclass(frozen=True)
class CitizenAction:
    kind: str  # "live", "ask", "vote" or "book": the template words it
    url: str
    until: datetime.datetime | None = None


@dataclass(frozen=True)
class VisitEntry:
    """A visit as the home page lists it: the visit, its meeting part, its live status and what one can do."""

    visit: Visit
    meeting: VisitPart | None
    live: LiveStatus | None
    actions: tuple[CitizenAction, ...]


def _part(visit: Visit, kind: str) -> VisitPart | None:
    return next((part for part in visit.parts.all() if part.kind == kind), None)


def _booking_open(visit: Visit, reception: VisitPart | None, now: datetime.datetime) -> bool:
    """As the reception panel: the reception has its time, the visit is announced and it has not started."""
    return (
        reception is not None
        and reception.starts_at is not None
        and visit.status == Visit.Status.PUBLISHED
        and now < reception.starts_at
        and bool(getattr(visit, "has_free_slot", True))
    )


def citizen_actions(visit: Visit, *, now: datetime.datetime | None = None) -> VisitEntry:
    moment = now or timezone.now()
    meeting = _part(visit, VisitPart.Kind.MEETING)
    reception = _part(visit, VisitPart.Kind.RECEPTION)
    page = reverse("portal:visit_detail", kwargs={"pk": visit.pk})
    live = live_status(meeting, now=moment) if meeting is not None else None
    actions: list[CitizenAction] = []
    if live is not None and live.linked:
        actions.append(CitizenAction("live", reverse("portal:live", kwargs={"pk": visit.pk})))
    if visit.status == Visit.Status.PUBLISHED:
        deadline = questions_deadline_at(visit, meeting_starts_at=meeting.starts_at if meeting else None)
        if moment < deadline:
            actions.append(CitizenAction("ask", reverse("portal:visit_ask", kwargs={"pk": visit.pk}), deadline))
        if vote_state(visit, now=moment) == VoteState.OPEN and getattr(visit, "has_date_options", True):
            actions.append(CitizenAction("vote", f"{page}#date-vote", visit.vote_closes_at))
    if _booking_open(visit, reception, moment):
        assert reception is not None
        assert reception.starts_at is not None
        actions.append(
            CitizenAction("book", reverse("portal:visit_reception", kwargs={"pk": visit.pk}), reception.starts_at)
        )
    return VisitEntry(visit=visit, meeting=meeting, live=live, actions=tuple(actions))
