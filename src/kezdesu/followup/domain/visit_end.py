"""When a visit's meetings and reception end: the event that starts the ten days for its results (R20).

The visit ends on the last day of its meeting with the population and its personal reception (P3.7:
"со дня завершения встреч и приема граждан"), whether or not anyone has closed it: the ten days run from the
records, not from a button. An announced or held visit counts, unless its meeting is recorded as not held (or
it is cancelled); a part recorded as not held does not end it. The parts' ends give the day, in Kazakhstan's
time, or the visit's last day when no such part has a time set.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import Organisation

VISIT_ENDED_EVENT = "visit-ended"
ENDING_PARTS = (VisitPart.Kind.MEETING, VisitPart.Kind.RECEPTION)
# A visit's parts fall within a few days of its schedule dates; the margin finds visits whose end is near.
_MARGIN = datetime.timedelta(days=14)


def _with_last_part_end(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    ending = Q(parts__kind__in=ENDING_PARTS) & ~Q(parts__outcome=VisitPart.Outcome.NOT_HELD)
    return visits.annotate(
        last_part_end=Coalesce(Max("parts__ends_at", filter=ending), Max("parts__starts_at", filter=ending))
    )


def end_date(visit: Visit) -> datetime.date:
    """The last day of the visit's meeting and reception."""
    if hasattr(visit, "last_part_end"):  # annotated (None when no part has times): no query
        last = visit.last_part_end
    else:
        annotated = _with_last_part_end(Visit.objects.filter(pk=visit.pk)).first()
        last = getattr(annotated, "last_part_end", None)
    return timezone.localdate(last) if last is not None else visit.end_date


def _ending() -> QuerySet[Visit]:
    """Visits that end (or have ended): announced or held, their meeting not recorded as not held."""
    visits = (
        Visit.objects.filter(status__in=(Visit.Status.PUBLISHED, Visit.Status.HELD))
        # (a subquery: `exclude` over a multi-valued relation would not require one part to match both conditions)
        .exclude(
            pk__in=VisitPart.objects.filter(kind=VisitPart.Kind.MEETING, outcome=VisitPart.Outcome.NOT_HELD).values(
                "visit_id"
            )
        )
        .select_related("organisation")
        .order_by("pk")
    )
    return _with_last_part_end(visits)


def visits_ended(start: datetime.date, end: datetime.date) -> Iterator[tuple[str, Organisation, datetime.date]]:
    for visit in _ending().filter(end_date__gte=start - _MARGIN, start_date__lte=end + _MARGIN):
        day = end_date(visit)
        if start <= day <= end:
            yield str(visit.pk), visit.organisation, day


def visit_ended(event_id: str) -> tuple[str, Organisation, datetime.date] | None:
    if not event_id.isdigit():
        return None
    visit = _ending().filter(pk=int(event_id)).first()
    if visit is None:
        return None
    return str(visit.pk), visit.organisation, end_date(visit)
