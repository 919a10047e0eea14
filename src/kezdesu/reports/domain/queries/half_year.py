"""Reads of the half-year results (R23): the reports with their review, and the ministries' quarterly packs."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet

from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.obligations import obligations_between
from kezdesu.regulations.models import ObligationRule
from kezdesu.reports.models import HalfYearReport, QuarterlyInformation


def half_year_quarters(half: int) -> tuple[int, int]:
    return (1, 2) if half == 1 else (3, 4)


def half_year_dates(year: int, half: int) -> tuple[datetime.date, datetime.date]:
    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def reports_with_review() -> QuerySet[HalfYearReport]:
    return HalfYearReport.objects.select_related("review", "submitted_by")


def report_of(year: int, half: int) -> HalfYearReport | None:
    return reports_with_review().filter(year=year, half=half).first()


def ministries() -> QuerySet[Organisation]:
    """Every ministry owing quarterly information, the authorized body among them."""
    return Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("name_en", "code")


def quarterly_packs(year: int, quarters: tuple[int, ...]) -> QuerySet[QuarterlyInformation]:
    return QuarterlyInformation.objects.filter(year=year, quarter__in=quarters)


def current_half(today: datetime.date) -> tuple[int, int]:
    return today.year, 1 if today.month <= 6 else 2


def half_year_rows(today: datetime.date) -> list[dict[str, Any]]:
    """The half-years from last year's first to the current one (and any earlier with a report), newest first."""
    reports = {(report.year, report.half): report for report in reports_with_review()}
    year, half = current_half(today)
    first_year = min([year - 1, *(key[0] for key in reports)])
    keys = [(y, h) for y in range(first_year, year + 1) for h in (1, 2) if (y, h) <= (year, half)]
    keys = sorted(set(keys) | set(reports), reverse=True)
    due = {
        obligation.period_start: obligation
        for obligation in obligations_between(
            start=datetime.date(first_year, 1, 1), end=datetime.date(max(k[0] for k in keys) + 1, 1, 31), today=today
        )
        if obligation.rule.role == ObligationRule.Role.HALF_YEAR_RESULTS
    }
    rows = []
    for key in keys:
        report = reports.get(key)
        start, _end = half_year_dates(*key)
        obligation = due.get(start)
        rows.append(
            {
                "year": key[0],
                "half": key[1],
                "start": start,
                "end": _end,
                "report": report,
                "review": getattr(report, "review", None) if report else None,
                "obligation": obligation,
            }
        )
    return rows
