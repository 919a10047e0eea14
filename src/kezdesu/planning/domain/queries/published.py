"""The schedule in force: items of the approved (frozen, status APPROVED) version of every period.

The portal calendar, the iCal feeds, the public API and the documents all read it from here.
"""

import datetime

from django.db.models import Count, Max, QuerySet

from kezdesu.organisations.models import Organisation, Position, Region
from kezdesu.planning.models import ScheduleItem, ScheduleVersion


def approved_versions() -> QuerySet[ScheduleVersion]:
    """The frozen versions in force, one per period at most."""
    return ScheduleVersion.objects.filter(status=ScheduleVersion.Status.APPROVED, number__isnull=False).select_related(
        "period"
    )


def frozen_versions() -> QuerySet[ScheduleVersion]:
    """Every frozen version, approved or superseded, newest first per period."""
    return (
        ScheduleVersion.objects.filter(
            number__isnull=False,
            status__in=[ScheduleVersion.Status.APPROVED, ScheduleVersion.Status.SUPERSEDED],
        )
        .select_related("period")
        .order_by("-period__start", "-number")
    )


def published_items(
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    ministry: Organisation | str | None = None,
    region: Region | str | None = None,
    position: Position | int | None = None,
) -> QuerySet[ScheduleItem]:
    """Items of the approved versions, optionally overlapping [start, end] and narrowed down.

    `ministry` is an organisation or its code, `region` a region or its KATO code.
    """
    items = ScheduleItem.objects.filter(version__status=ScheduleVersion.Status.APPROVED, version__number__isnull=False)
    if start is not None:
        items = items.filter(end_date__gte=start)
    if end is not None:
        items = items.filter(start_date__lte=end)
    if ministry is not None:
        if isinstance(ministry, Organisation):
            items = items.filter(organisation=ministry)
        else:
            items = items.filter(organisation__code=ministry)
    if region is not None:
        items = items.filter(region=region) if isinstance(region, Region) else items.filter(region__kato=region)
    if position is not None:
        items = items.filter(position=position)
    return (
        items.select_related("version__period", "organisation", "position", "region", "district")
        .prefetch_related("akim_positions")
        .order_by("start_date", "organisation__code", "position__order", "id")
    )


def latest_frozen_at() -> datetime.datetime | None:
    """When the schedule in force last changed: the freezing of the newest approved version."""
    return approved_versions().aggregate(latest=Max("frozen_at"))["latest"]


def published_counts_by_region(items: QuerySet[ScheduleItem]) -> dict[int, int]:
    """Number of items per region id among `items` (one query)."""
    rows = items.order_by().values("region_id").annotate(count=Count("id"))
    return {row["region_id"]: row["count"] for row in rows}


def version_items(version: ScheduleVersion) -> QuerySet[ScheduleItem]:
    """One version's items in the order of the official table: by date, then ministry."""
    return (
        ScheduleItem.objects.filter(version=version)
        .select_related("organisation", "position", "region", "district")
        .order_by("start_date", "organisation__code", "position__order", "id")
    )
