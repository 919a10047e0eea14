"""The public visits of the days ahead, with what the home page shows of each: every part with its live
record, and whether the vote on the date has options and the reception has a free slot (no query per visit)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.models import Booking, DateOption, ReceptionSlot, Visit, VisitPart


def _free_slot_of_visit() -> Exists:
    booked = Booking.objects.filter(slot=OuterRef("pk"), status=Booking.Status.BOOKED)
    return Exists(
        ReceptionSlot.objects.filter(part__visit=OuterRef("pk"), part__kind=VisitPart.Kind.RECEPTION).exclude(
            Exists(booked)
        )
    )


def public_visits_between(*, first: datetime.date, last: datetime.date) -> QuerySet[Visit]:
    """Announced and held visits on at least one day of [first, last], soonest first; each with its parts
    (`parts`, with their live record), `has_date_options` and `has_free_slot`."""
    parts = VisitPart.objects.select_related("live").order_by("starts_at", "pk")
    return (
        Visit.objects.filter(status__in=PUBLIC_STATUSES, end_date__gte=first, start_date__lte=last)
        .select_related("organisation", "position", "region", "district")
        .prefetch_related(Prefetch("parts", queryset=parts))
        .annotate(
            has_date_options=Exists(DateOption.objects.filter(visit=OuterRef("pk"))),
            has_free_slot=_free_slot_of_visit(),
        )
        .order_by("start_date", "pk")
    )
