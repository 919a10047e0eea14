"""Which meetings took place, on which day, and whether the region's akimat agreed them: read from the records.

A meeting with the population took place when its part records so (closing the live meeting records it). Its
day is the part's start in Kazakhstan's time, or the visit's first day. A scheduled meeting was agreed with
the local executive body (G1.1) when the akimat of its region agreed an item of the schedule that carries it
(by the item's identity, in any version) on dates that include that day: an answer in Kezdesu or on paper.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart
from kezdesu.organisations.models import Organisation
from kezdesu.planning.models import ItemAgreement

AGREED = (ItemAgreement.Decision.AGREED, ItemAgreement.Decision.COMMENTED)
AKIMAT_KINDS = (Organisation.Kind.AKIMAT,)


def with_meeting_part(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    """Visits with their meeting part (and its live record) as `meeting_parts`, their official and place."""
    meeting = VisitPart.objects.filter(kind=VisitPart.Kind.MEETING).prefetch_related(
        Prefetch("live", queryset=LiveMeeting.objects.only("pk", "part_id", "stage", "closed_at"))
    )
    return visits.select_related(
        "organisation", "organisation__parent", "position", "region", "risk_flag"
    ).prefetch_related(Prefetch("parts", queryset=meeting, to_attr="meeting_parts"))


def meeting_part(visit: Visit) -> VisitPart | None:
    parts = getattr(visit, "meeting_parts", None)
    if parts is None:
        parts = [part for part in visit.parts.all() if part.kind == VisitPart.Kind.MEETING]
    return parts[0] if parts else None


def meeting_day(visit: Visit) -> datetime.date:
    """The day of the meeting with the population: its part's start in Kazakhstan's time, or the first day."""
    part = meeting_part(visit)
    if part is not None and part.starts_at is not None:
        return timezone.localdate(part.starts_at)
    return visit.start_date


def meeting_took_place(visit: Visit) -> bool:
    """Its part records that it took place; a closed ("held") visit's meeting took place by definition."""
    if visit.status == Visit.Status.HELD:
        return True
    part = meeting_part(visit)
    return part is not None and part.outcome == VisitPart.Outcome.TOOK_PLACE


def meeting_not_held(visit: Visit) -> bool:
    part = meeting_part(visit)
    return part is not None and part.outcome == VisitPart.Outcome.NOT_HELD


def agreed_by_akimat(visits: Iterable[Visit]) -> set[int]:
    """The visits whose meeting day lies in an item of their schedule identity the region's akimat agreed."""
    visits = [visit for visit in visits if visit.schedule_uid is not None]
    if not visits:
        return set()
    answers: dict[object, list[tuple[int | None, datetime.date, datetime.date]]] = defaultdict(list)
    rows = ItemAgreement.objects.filter(
        item__uid__in={visit.schedule_uid for visit in visits},
        decision__in=AGREED,
        organisation__kind__in=AKIMAT_KINDS,
    ).values_list("item__uid", "organisation__region_id", "item__start_date", "item__end_date")
    for uid, region_id, start, end in rows:
        answers[uid].append((region_id, start, end))
    agreed = set()
    for visit in visits:
        day = meeting_day(visit)
        if any(
            region_id == visit.region_id and start <= day <= end
            for region_id, start, end in answers[visit.schedule_uid]
        ):
            agreed.add(visit.pk)
    return agreed


def visits_of_bodies(bodies: Iterable[int], *, start: datetime.date, end: datetime.date) -> QuerySet[Visit]:
    """Visits of the bodies (or of their committees) whose meeting may fall from `start` to `end`.

    A meeting part lies within its visit's days, so a visit whose days overlap the range is a candidate; the
    caller reads its meeting day.
    """
    bodies = list(bodies)
    return with_meeting_part(
        Visit.objects.filter(Q(organisation_id__in=bodies) | Q(organisation__parent_id__in=bodies))
        .filter(start_date__lte=end, end_date__gte=start)
        .order_by("start_date", "pk")
    )
