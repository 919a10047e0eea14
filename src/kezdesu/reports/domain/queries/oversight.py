"""The oversight dashboards' figures (R26): compliance of every ministry and akimat by quarter, meetings held and
open problem issues by region, what each body has overdue, and the national trends over the last quarters.

Read-only and nationwide: the caller has checked `reports.view_oversight`. Every figure is computed with a fixed
number of queries however many records there are (aggregates in SQL; obligations from the engine, which loads
its fulfilments in batches). A committee's obligations, measures and instructions count for its ministry.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from kezdesu.followup.domain.queries.states import CLOSED_ISSUE_STATUSES, overdue_measures_q, public_issues
from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation
from kezdesu.questions.models import Question
from kezdesu.regulations.domain.obligations import Obligation, ObligationState, obligations_between
from kezdesu.regulations.domain.queries.profiles import profile_in_force_among, profiles_with_rules
from kezdesu.regulations.models import RegulationProfile
from kezdesu.reports.domain.queries.instructions import overdue_instructions_q
from kezdesu.reports.models import Instruction

QUARTERS = (1, 2, 3, 4)
TREND_QUARTERS = 8
OVERDUE_LOOKBACK_DAYS = 366  # as the obligations list does when asked for what is overdue
# Bands of the share met on time, best first: (lowest share, css modifier).
BANDS = ((90, "good"), (60, "fair"), (0, "poor"))


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * quarter - 2, 1)
    after = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    return start, after - datetime.timedelta(days=1)


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _body_of(organisation: Organisation | None, by_pk: dict[int, Organisation]) -> Organisation | None:
    """The ministry a committee belongs to; any other body itself."""
    if organisation is None:
        return None
    if organisation.kind == Organisation.Kind.COMMITTEE and organisation.parent_id in by_pk:
        return by_pk[organisation.parent_id]
    return by_pk.get(organisation.pk, organisation)


# --- Compliance heatmap ----------------------------------------------------------------------------------------


@dataclass
class Cell:
    quarter: int
    start: datetime.date
    end: datetime.date
    due: int = 0  # obligations due in the quarter
    met_on_time: int = 0
    met_late: int = 0
    overdue: int = 0
    open: int = 0  # not met, deadline not passed yet
    by_hand: int = 0  # of those met, met by a reference typed by hand (done outside Kezdesu), marked so
    exempt: bool = False

    @property
    def assessed(self) -> int:
        """Those whose outcome is known: met (on time or late) or overdue."""
        return self.met_on_time + self.met_late + self.overdue

    @property
    def share(self) -> int | None:
        """Percent met on time of those assessed; None when nothing is assessed yet."""
        return round(100 * self.met_on_time / self.assessed) if self.assessed else None

    @property
    def band(self) -> str:
        if self.exempt:
            return "exempt"
        share = self.share
        if share is None:
            return "none"
        return next(css for low, css in BANDS if share >= low)


@dataclass
class HeatmapRow:
    organisation: Organisation
    cells: list[Cell]

    @property
    def exempt(self) -> bool:
        return all(cell.exempt for cell in self.cells)


@dataclass
class Compliance:
    year: int
    ministries: list[HeatmapRow]
    akimats: list[HeatmapRow]


def _exempt_ids(profiles: list[RegulationProfile], on: datetime.date) -> set[int]:
    profile = profile_in_force_among(profiles, on)
    return {body.pk for body in profile.exempt_organisations.all()} if profile is not None else set()


def _due_between(
    obligations: list[Obligation] | None, start: datetime.date, end: datetime.date, today: datetime.date
) -> list[Obligation]:
    """The obligations due from `start` to `end`: from those given (already computed for a wider range), else
    from the engine."""
    if obligations is None:
        return obligations_between(start=start, end=end, today=today)
    return [obligation for obligation in obligations if start <= obligation.due <= end]


def dashboard_obligations(*, year: int, today: datetime.date) -> list[Obligation]:
    """Every obligation the dashboard counts, computed once: the chosen year's, the last year's (overdue) and
    the trends' quarters'."""
    start = min(datetime.date(year, 1, 1), today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS))
    start = min(start, quarter_bounds(*last_quarters(today)[0])[0])
    end = max(datetime.date(year, 12, 31), quarter_bounds(*quarter_of(today))[1])
    return obligations_between(start=start, end=end, today=today)


def compliance(*, year: int, today: datetime.date, obligations: list[Obligation] | None = None) -> Compliance:
    """For each active ministry and akimat, by quarter of the year: its obligations due in the quarter and how
    many were met on time. A body the profile in force at the quarter's end exempts is marked so. `obligations`:
    those of `dashboard_obligations`, to compute them once for the whole page."""
    # In the active language's alphabetical order.
    bodies = sorted(Organisation.objects.filter(is_active=True), key=lambda body: str(body.name))
    by_pk = {body.pk: body for body in Organisation.objects.all()}
    profiles = list(profiles_with_rules())
    exempt = {quarter: _exempt_ids(profiles, quarter_bounds(year, quarter)[1]) for quarter in QUARTERS}
    obligations = _due_between(obligations, datetime.date(year, 1, 1), datetime.date(year, 12, 31), today)

    def empty_row(body: Organisation) -> HeatmapRow:
        cells = []
        for quarter in QUARTERS:
            start, end = quarter_bounds(year, quarter)
            cells.append(Cell(quarter=quarter, start=start, end=end, exempt=body.pk in exempt[quarter]))
        return HeatmapRow(organisation=body, cells=cells)

    rows = {
        body.pk: empty_row(body)
        for body in bodies
        if body.kind in (Organisation.Kind.MINISTRY, Organisation.Kind.AKIMAT)
    }
    for obligation in obligations:
        body = _body_of(obligation.debtor.organisation, by_pk)
        if body is None or body.pk not in rows:
            continue
        cell = rows[body.pk].cells[quarter_of(obligation.due)[1] - 1]
        cell.due += 1
        if obligation.state == ObligationState.MET:
            if obligation.met_on_time:
                cell.met_on_time += 1
            else:
                cell.met_late += 1
            cell.by_hand += int(obligation.by_hand)
        elif obligation.state == ObligationState.OVERDUE:
            cell.overdue += 1
        else:
            cell.open += 1
    ministries = [row for row in rows.values() if row.organisation.kind == Organisation.Kind.MINISTRY]
    # Akimats only where something was owed: the systemic problems (R11) bind them, not every profile does.
    akimats = [
        row
        for row in rows.values()
        if row.organisation.kind == Organisation.Kind.AKIMAT and any(cell.due for cell in row.cells)
    ]
    return Compliance(year=year, ministries=ministries, akimats=akimats)


# --- Regions ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionCounts:
    meetings_held: dict[int, int]  # region id → visits held in the year
    open_issues: dict[int, int]  # region id → public problem issues not closed (raised at the year's visits)


def held_visits(year: int) -> Q:
    return Q(status=Visit.Status.HELD, start_date__year=year)


def region_counts(*, year: int) -> RegionCounts:
    held = Visit.objects.filter(held_visits(year)).values("region").annotate(count=Count("pk")).order_by()
    issues = (
        public_issues()
        .filter(visit__start_date__year=year)
        .exclude(status__in=CLOSED_ISSUE_STATUSES)
        .values("region")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return RegionCounts(
        meetings_held={row["region"]: row["count"] for row in held if row["region"]},
        open_issues={row["region"]: row["count"] for row in issues if row["region"]},
    )


# --- Overdue by body -------------------------------------------------------------------------------------------


@dataclass
class OverdueRow:
    organisation: Organisation
    obligations: int = 0
    measures: int = 0
    instructions: int = 0

    @property
    def total(self) -> int:
        return self.obligations + self.measures + self.instructions


def _grouped(rows: Iterable[Mapping[str, Any]], key: str, by_pk: dict[int, Organisation]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for row in rows:
        body = _body_of(by_pk.get(row[key]), by_pk)
        if body is not None:
            counts[body.pk] += row["count"]
    return counts


def overdue_by_body(*, today: datetime.date, obligations: list[Obligation] | None = None) -> list[OverdueRow]:
    """Per ministry and akimat with anything overdue: obligations (due within the last year), measures of the
    published action plans and Government instructions overdue today; the most overdue first."""
    by_pk = {body.pk: body for body in Organisation.objects.all()}
    overdue: dict[int, int] = defaultdict(int)
    start = today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    for obligation in _due_between(obligations, start, today, today):
        body = _body_of(obligation.debtor.organisation, by_pk)
        if obligation.state == ObligationState.OVERDUE and body is not None:
            overdue[body.pk] += 1
    measure_rows = (
        Measure.objects.filter(overdue_measures_q(today), executor__isnull=False, issue__published_at__isnull=False)
        .values("executor")
        .annotate(count=Count("pk"))
        .order_by()
    )
    measures = _grouped(measure_rows, "executor", by_pk)
    instruction_rows = (
        Instruction.objects.filter(overdue_instructions_q(today))
        .values("assignee")
        .annotate(count=Count("pk"))
        .order_by()
    )
    instructions = _grouped(instruction_rows, "assignee", by_pk)
    kinds = (Organisation.Kind.MINISTRY, Organisation.Kind.AKIMAT)
    rows = [
        OverdueRow(
            organisation=by_pk[pk],
            obligations=overdue.get(pk, 0),
            measures=measures.get(pk, 0),
            instructions=instructions.get(pk, 0),
        )
        for pk in set(overdue) | set(measures) | set(instructions)
        if by_pk[pk].kind in kinds
    ]
    return sorted(rows, key=lambda row: (-row.total, row.organisation.name))


# --- Trends ----------------------------------------------------------------------------------------------------


@dataclass
class TrendPoint:
    year: int
    quarter: int
    start: datetime.date
    end: datetime.date
    meetings_held: int = 0
    questions: int = 0
    issues_raised: int = 0
    issues_solved: int = 0
    measures_due: int = 0
    measures_done_on_time: int = 0
    obligations_due: int = 0
    obligations_met_on_time: int = 0


@dataclass
class Trends:
    points: list[TrendPoint] = field(default_factory=list)


def last_quarters(today: datetime.date, count: int = TREND_QUARTERS) -> list[tuple[int, int]]:
    """The `count` quarters up to the one `today` is in, oldest first."""
    year, quarter = quarter_of(today)
    quarters = []
    for _ in range(count):
        quarters.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return quarters[::-1]


def _per_quarter(
    queryset: QuerySet[Any], field_name: str, points: list[TrendPoint], *, moments: bool = False, **extra: Q
) -> dict[str, int]:
    """One aggregate with a conditional count per quarter (and per `extra` condition). `moments`: the field is a
    date and time, compared with the quarter's first and following midnights in Kazakhstan's time."""
    aggregates = {}
    for index, point in enumerate(points):
        if moments:
            low, high = _midnight(point.start), _midnight(point.end + datetime.timedelta(days=1))
            in_quarter = Q(**{f"{field_name}__gte": low, f"{field_name}__lt": high})
        else:
            in_quarter = Q(**{f"{field_name}__gte": point.start, f"{field_name}__lte": point.end})
        aggregates[f"q{index}"] = Count("pk", filter=in_quarter)
        for name, condition in extra.items():
            aggregates[f"{name}{index}"] = Count("pk", filter=in_quarter & condition)
    return queryset.aggregate(**aggregates)


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def trends(*, today: datetime.date, count: int = TREND_QUARTERS, obligations: list[Obligation] | None = None) -> Trends:
    """Nationwide, by quarter over the last `count` quarters: meetings held, questions received, public problem
    issues raised (at the quarter's visits) and solved (in the quarter), measures due in the quarter and done by
    their deadline, obligations due in the quarter and met on time."""
    points = []
    for year, quarter in last_quarters(today, count):
        start, end = quarter_bounds(year, quarter)
        points.append(TrendPoint(year=year, quarter=quarter, start=start, end=end))
    first, last = points[0].start, points[-1].end

    held = _per_quarter(
        Visit.objects.filter(status=Visit.Status.HELD, start_date__gte=first, start_date__lte=last),
        "start_date",
        points,
    )
    questions = _per_quarter(
        Question.objects.filter(
            received_at__gte=_midnight(first), received_at__lt=_midnight(last + datetime.timedelta(days=1))
        ),
        "received_at",
        points,
        moments=True,
    )
    raised = _per_quarter(
        public_issues().filter(visit__start_date__gte=first, visit__start_date__lte=last), "visit__start_date", points
    )
    solved = _per_quarter(
        public_issues().filter(status=ProblemIssue.Status.SOLVED, solved_on__gte=first, solved_on__lte=last),
        "solved_on",
        points,
    )
    on_time = Q(status=MeasureStatus.DONE, completed_on__isnull=False, completed_on__lte=F("deadline"))
    measures = _per_quarter(
        Measure.objects.filter(issue__published_at__isnull=False, deadline__gte=first, deadline__lte=last),
        "deadline",
        points,
        done=on_time,
    )
    for index, point in enumerate(points):
        point.meetings_held = held[f"q{index}"]
        point.questions = questions[f"q{index}"]
        point.issues_raised = raised[f"q{index}"]
        point.issues_solved = solved[f"q{index}"]
        point.measures_due = measures[f"q{index}"]
        point.measures_done_on_time = measures[f"done{index}"]
    index_of = {(point.year, point.quarter): point for point in points}
    for obligation in _due_between(obligations, first, last, today):
        point = index_of[quarter_of(obligation.due)]
        point.obligations_due += 1
        if obligation.met_on_time:
            point.obligations_met_on_time += 1
    return Trends(points=points)
