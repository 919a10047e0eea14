"""Visits to close: past their last day, not closed (R16), for their ministry and the authorized body."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import Organisation

OPEN_STATUSES = (Visit.Status.DRAFT, Visit.Status.PUBLISHED)


def visits_to_close(*, today: datetime.date, organisations: Iterable[Organisation] | None = None) -> QuerySet[Visit]:
    """Visits whose last day has passed that nobody has closed (announced, or never announced), oldest first;
    of `organisations` (their ministries or committees) when given. Each with its parts."""
    visits = Visit.objects.filter(status__in=OPEN_STATUSES, end_date__lt=today)
    if organisations is not None:
        visits = visits.filter(organisation__in=list(organisations))
    return (
        visits.select_related("organisation", "position", "region")
        .prefetch_related(Prefetch("parts", queryset=VisitPart.objects.order_by("starts_at", "pk")))
        .order_by("end_date", "pk")
    )
