"""The periods an obligation rule recurs over: calendar quarters, half-years and years."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kezdesu.regulations.domain.deadlines import add_months, last_day_of_month
from kezdesu.regulations.models import ObligationRule

MONTHS_IN_PERIOD = {
    ObligationRule.Period.QUARTER: 3,
    ObligationRule.Period.HALF_YEAR: 6,
    ObligationRule.Period.YEAR: 12,
}


def period_containing(period: str, day: date) -> tuple[date, date]:
    """The calendar quarter, half-year or year that `day` falls in."""
    length = MONTHS_IN_PERIOD[ObligationRule.Period(period)]
    first_month = (day.month - 1) // length * length + 1
    start = date(day.year, first_month, 1)
    year, month = add_months(start, length - 1)
    return start, date(year, month, last_day_of_month(year, month))


def periods_in_years(period: str, first_year: int, last_year: int) -> Iterator[tuple[date, date]]:
    length = MONTHS_IN_PERIOD[ObligationRule.Period(period)]
    for year in range(first_year, last_year + 1):
        for first_month in range(1, 13, length):
            yield period_containing(period, date(year, first_month, 1))
