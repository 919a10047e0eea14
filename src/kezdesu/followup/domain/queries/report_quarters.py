"""A ministry's quarters for its progress reports (R21): which to show, and each one's report, obligation and
state (published, due, or overdue once the quarter has ended unpublished)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kezdesu.followup.domain.queries.progress_reports import quarter_bounds, quarter_of, reports_of
from kezdesu.followup.domain.queries.states import public_issues
from kezdesu.followup.models import ProgressReport
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.obligations import Obligation, obligations_between
from kezdesu.regulations.models import ObligationRule

QUARTERS_SHOWN = 8


@dataclass(frozen=True)
class ReportQuarter:
    year: int
    quarter: int
    start: datetime.date
    end: datetime.date
    report: ProgressReport | None
    state: str  # "published", "due" or "overdue"
    obligation: Obligation | None


def quarters_to_report(organisation: Organisation, today: datetime.date) -> list[tuple[int, int]]:
    """The quarters since the ministry's first public problem issue (at most the last few), newest first."""
    first = public_issues().filter(visit__organisation=organisation).order_by("published_at").first()
    reported = ProgressReport.objects.filter(organisation=organisation).order_by("year", "quarter").first()
    starts = [quarter_of(today)]
    if first is not None and first.published_at is not None:
        starts.append(quarter_of(timezone.localdate(first.published_at)))
    if reported is not None:
        starts.append((reported.year, reported.quarter))
    earliest = min(starts)
    year, quarter = quarter_of(today)
    shown: list[tuple[int, int]] = []
    while (year, quarter) >= earliest and len(shown) < QUARTERS_SHOWN:
        shown.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return shown


def _obligations(organisation: Organisation, quarters: list[tuple[int, int]]) -> dict[datetime.date, Obligation]:
    start = quarter_bounds(*quarters[-1])[0]
    end = quarter_bounds(*quarters[0])[1]
    return {
        obligation.period_start: obligation
        for obligation in obligations_between(start=start, end=end, organisations=[organisation])
        if obligation.rule.role == ObligationRule.Role.QUARTERLY_PROGRESS
        and obligation.debtor.organisation == organisation
    }


def report_quarters(organisation: Organisation, today: datetime.date) -> list[ReportQuarter]:
    quarters = quarters_to_report(organisation, today)
    obligations = _obligations(organisation, quarters)
    reports = reports_of(organisation)
    rows = []
    for year, quarter in quarters:
        start, end = quarter_bounds(year, quarter)
        report = reports.get((year, quarter))
        if report is not None and report.published_at is not None:
            state = "published"
        elif today > end:
            state = "overdue"
        else:
            state = "due"
        rows.append(ReportQuarter(year, quarter, start, end, report, state, obligations.get(start)))
    return rows
