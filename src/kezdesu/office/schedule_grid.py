"""The draft as a grid: one row per ministry, one column per month of the period."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kezdesu.organisations.models import Organisation
from kezdesu.planning.models import PlanningPeriod, ScheduleItem


@dataclass(frozen=True)
class GridRow:
    organisation: Organisation
    cells: list[list[ScheduleItem]]


@dataclass(frozen=True)
class Grid:
    months: list[date]
    rows: list[GridRow]


def months_of(period: PlanningPeriod) -> list[date]:
    months = []
    month = date(period.start.year, period.start.month, 1)
    while month <= period.end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def draft_grid(period: PlanningPeriod, items: Iterable[ScheduleItem], ministries: Iterable[Organisation]) -> Grid:
    """Every ministry gets a row, with or without meetings, so gaps show at a glance."""
    months = months_of(period)
    column = {month: index for index, month in enumerate(months)}
    by_organisation: dict[int, list[list[ScheduleItem]]] = defaultdict(lambda: [[] for _month in months])
    organisations = {organisation.pk: organisation for organisation in ministries}
    for item in items:
        # A committee's meetings show in its ministry's row.
        owner = item.organisation.parent or item.organisation
        organisations.setdefault(owner.pk, owner)
        by_organisation[owner.pk][column[date(item.start_date.year, item.start_date.month, 1)]].append(item)
    rows = [
        GridRow(organisation=organisation, cells=by_organisation[organisation.pk])
        for organisation in sorted(organisations.values(), key=lambda organisation: organisation.name)
    ]
    return Grid(months=months, rows=rows)
