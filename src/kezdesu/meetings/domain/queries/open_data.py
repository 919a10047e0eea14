"""Reads for the open data of the schedule and the visits (S6): a fixed number of queries however many rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet

from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.planning.models import ScheduleItem, ScheduleVersion

ITEM_STATES = ("planned", "announced", "held", "cancelled")


@dataclass(frozen=True)
class ItemVisit:
    """What the public may know of the visit carrying out an item."""

    pk: int
    status: str  # one of ITEM_STATES but "planned"
    is_public: bool


def open_schedule_items() -> QuerySet[ScheduleItem]:
    """Every item of the approved version of every period, oldest first, with its period, ministry, official,
    region and district."""
    return (
        ScheduleItem.objects.filter(version__status=ScheduleVersion.Status.APPROVED, version__number__isnull=False)
        .select_related("version__period", "organisation", "position", "region", "district")
        .order_by("start_date", "organisation__code", "position__order", "pk")
    )


# What an amendment changes that the public sees: when, where and who.
_COMPARED = ("start_date", "end_date", "region_id", "district_id", "position_id", "organisation_id")


def amended_item_uids() -> set[uuid.UUID]:
    """Items of the schedule in force that an amendment changed or added: they differ from the first frozen
    version of their period that held them, or that first version was itself an amendment."""
    rows = (
        ScheduleItem.objects.filter(
            version__number__isnull=False,
            version__status__in=(ScheduleVersion.Status.APPROVED, ScheduleVersion.Status.SUPERSEDED),
        )
        .order_by("version__period_id", "version__number")
        .values_list("uid", "version__period_id", "version__number", "version__status", *_COMPARED)
    )
    first: dict[tuple[uuid.UUID, int], tuple[int, tuple[object, ...]]] = {}
    current: dict[tuple[uuid.UUID, int], tuple[object, ...]] = {}
    for uid, period, number, status, *values in rows:
        first.setdefault((uid, period), (number, tuple(values)))
        if status == ScheduleVersion.Status.APPROVED:
            current[(uid, period)] = tuple(values)
    # The first approved version of a period has number 1; a later first appearance is an addition.
    first_numbers: dict[int, int] = {}
    for (_uid, period), (number, _values) in first.items():
        first_numbers[period] = min(number, first_numbers.get(period, number))
    return {
        uid
        for (uid, period), values in current.items()
        if first[(uid, period)][1] != values or first[(uid, period)][0] > first_numbers[period]
    }


def visits_of_items() -> dict[uuid.UUID, ItemVisit]:
    """The visit carrying out each item, as far as the public may know it: announced, held, or cancelled once
    announced. Drafts and visits cancelled before their announcement are not public."""
    visits = Visit.objects.filter(schedule_uid__isnull=False).values_list(
        "schedule_uid", "pk", "status", "published_at"
    )
    found: dict[uuid.UUID, ItemVisit] = {}
    for uid, pk, status, published_at in visits:
        if uid is None:
            continue
        if status in PUBLIC_STATUSES:
            found[uid] = ItemVisit(pk, "announced" if status == Visit.Status.PUBLISHED else "held", True)
        elif status == Visit.Status.CANCELLED and published_at is not None:
            found[uid] = ItemVisit(pk, "cancelled", False)
    return found


def open_visits() -> QuerySet[Visit]:
    """Announced and held visits, oldest first, with their parts and when their results were published."""
    parts = VisitPart.objects.order_by("starts_at", "pk")
    return (
        Visit.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organisation", "position", "region", "district")
        .annotate(results_published_at=F("publication__published_at"))
        .prefetch_related(Prefetch("parts", queryset=parts))
        .order_by("start_date", "pk")
    )
