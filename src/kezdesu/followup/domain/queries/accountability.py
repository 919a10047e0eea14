"""The public accountability figures (issue 6, point 4): per ministry and per region, the problem issues
raised, solved, being solved and overdue, and the measures done on time. Aggregated in SQL: a fixed number of
queries however many issues. A committee's visits count for its ministry."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Q, QuerySet, When

from kezdesu.core.collation import sort_key
from kezdesu.followup.domain.queries.states import CLOSED_ISSUE_STATUSES, public_issues, with_overdue
from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue
from kezdesu.organisations.models import Organisation, Region


@dataclass
class Figures:
    raised: int = 0
    solved: int = 0
    in_progress: int = 0
    overdue: int = 0
    open: int = 0
    measures: int = 0
    measures_done_on_time: int = 0

    @property
    def waiting(self) -> int:
        """Raised and neither solved nor being solved (not started, or explained as not solvable)."""
        return max(self.raised - self.solved - self.in_progress, 0)


@dataclass
class Row:
    key: Organisation | Region
    figures: Figures


@dataclass
class Accountability:
    year: int | None
    total: Figures
    by_ministry: list[Row] = field(default_factory=list)
    by_region: list[Row] = field(default_factory=list)


def _ministry_of_visit(prefix: str = "") -> Case:
    return Case(
        When(
            **{f"{prefix}visit__organisation__kind": Organisation.Kind.COMMITTEE},
            **{f"{prefix}visit__organisation__parent__isnull": False},
            then=F(f"{prefix}visit__organisation__parent"),
        ),
        default=F(f"{prefix}visit__organisation"),
    )


def _issues(year: int | None, today: datetime.date) -> QuerySet[ProblemIssue]:
    issues = with_overdue(public_issues(), today)
    return issues.filter(visit__start_date__year=year) if year is not None else issues


def _measures(year: int | None) -> QuerySet[Measure]:
    measures = Measure.objects.filter(issue__published_at__isnull=False)
    return measures.filter(issue__visit__start_date__year=year) if year is not None else measures


def _issue_counts(issues: QuerySet[ProblemIssue], key: str) -> dict[int, dict[str, int]]:
    rows = issues.values(key).annotate(
        raised=Count("pk"),
        solved=Count("pk", filter=Q(status=ProblemIssue.Status.SOLVED)),
        in_progress=Count("pk", filter=Q(status=ProblemIssue.Status.IN_PROGRESS)),
        overdue=Count("pk", filter=Q(is_overdue=True)),
        open=Count("pk", filter=~Q(status__in=CLOSED_ISSUE_STATUSES)),
    )
    return {row[key]: row for row in rows.order_by()}


def _measure_counts(measures: QuerySet[Measure], key: str) -> dict[int, dict[str, int]]:
    on_time = Q(status=MeasureStatus.DONE, completed_on__isnull=False, completed_on__lte=F("deadline"))
    rows = measures.values(key).annotate(measures=Count("pk"), measures_done_on_time=Count("pk", filter=on_time))
    return {row[key]: row for row in rows.order_by()}


def _figures(issue_row: dict[str, int] | None, measure_row: dict[str, int] | None) -> Figures:
    issue_row, measure_row = issue_row or {}, measure_row or {}
    return Figures(
        raised=issue_row.get("raised", 0),
        solved=issue_row.get("solved", 0),
        in_progress=issue_row.get("in_progress", 0),
        overdue=issue_row.get("overdue", 0),
        open=issue_row.get("open", 0),
        measures=measure_row.get("measures", 0),
        measures_done_on_time=measure_row.get("measures_done_on_time", 0),
    )


def _rows(
    keys: dict[int, Organisation] | dict[int, Region],
    issues: dict[int, dict[str, int]],
    measures: dict[int, dict[str, int]],
) -> list[Row]:
    rows = [Row(key=keys[pk], figures=_figures(issues.get(pk), measures.get(pk))) for pk in issues if pk in keys]
    return sorted(rows, key=lambda row: (-row.figures.raised, sort_key(row.key)))


def accountability(*, year: int | None = None, today: datetime.date) -> Accountability:
    issues = _issues(year, today)
    measures = _measures(year)
    by_ministry_issues = _issue_counts(issues.annotate(ministry_key=_ministry_of_visit()), "ministry_key")
    by_ministry_measures = _measure_counts(
        measures.annotate(ministry_key=_ministry_of_visit("issue__")), "ministry_key"
    )
    by_region_issues = _issue_counts(issues, "region")
    by_region_measures = _measure_counts(measures, "issue__region")
    ministries = Organisation.objects.in_bulk(list(by_ministry_issues))
    regions = Region.objects.in_bulk(list(by_region_issues))
    total = Figures()
    for row in by_region_issues.values():
        for name in ("raised", "solved", "in_progress", "overdue", "open"):
            setattr(total, name, getattr(total, name) + row[name])
    for row in by_region_measures.values():
        total.measures += row["measures"]
        total.measures_done_on_time += row["measures_done_on_time"]
    return Accountability(
        year=year,
        total=total,
        by_ministry=_rows(ministries, by_ministry_issues, by_ministry_measures),
        by_region=_rows(regions, by_region_issues, by_region_measures),
    )
