"""The authorized body's half-year results for the Government Apparatus (R23, G3.3).

`compile_half_year_report` consolidates the ministries' quarterly information (R22): a quarter a ministry
submitted counts as submitted (its snapshot), a quarter it did not is compiled from the records, and each
quarter says which. Submitting freezes the figures as a snapshot (no personal data), records the profile's
`half-year-results` obligation as met and tells the Government Apparatus. Until the Government's review is
recorded the report may be submitted again (a revised time).
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit, save_changed_fields
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.progress_reports import LANGUAGES, translated
from kezdesu.organisations.models import Organisation, Role
from kezdesu.planning.domain.queries.recipients import people_with_roles
from kezdesu.regulations.domain.obligations import Obligation, obligations_between, periodic_obligation
from kezdesu.regulations.models import ObligationRule
from kezdesu.reports.domain.figures import QuarterCounts
from kezdesu.reports.domain.queries.half_year import (
    half_year_dates,
    half_year_quarters,
    ministries,
    quarterly_packs,
)
from kezdesu.reports.domain.queries.instructions import instruction_state, instructions_before
from kezdesu.reports.domain.queries.systemic_problems import SystemicProblemsReport, systemic_problems_by_half_year
from kezdesu.reports.models import HalfYearReport, QuarterlyInformation

SNAPSHOT_VERSION = 1
Translated = dict[str, str]

# A ministry's quarter: submitted by its deadline, after it, not yet due, or overdue without a submission.
ON_TIME, LATE, PENDING, MISSING = "on_time", "late", "pending", "missing"
NOT_REQUIRED = "not_required"  # no obligation: the ministry is exempt, or the act in force asks for none
SUBMITTED, COMPILED, NOT_STARTED = "submitted", "compiled", "not_started"

register_kind(
    "reports.half_year.submitted",
    message=gettext_lazy("The authorized body submitted the results of the meetings for %(period)s."),
    subject=gettext_lazy("Half-year results of the meetings with the population"),
)


@dataclass(frozen=True)
class QuarterSource:
    quarter: int
    state: str  # ON_TIME, LATE (submitted, or met otherwise), PENDING, MISSING or NOT_REQUIRED
    due: str | None
    submitted_on: str | None
    source: str  # SUBMITTED (the ministry's snapshot), COMPILED (from the records) or NOT_STARTED
    counts: QuarterCounts
    by_hand: bool = False  # met by a reference typed by hand: sent outside Kezdesu


@dataclass(frozen=True)
class MinistryRow:
    organisation: str  # its code
    organisation_name: Translated
    quarters: list[QuarterSource]
    counts: QuarterCounts


@dataclass(frozen=True)
class InstructionRow:
    pk: int
    review_year: int
    review_half: int
    number: int
    text: Translated
    assignee: Translated
    deadline: str
    state: str  # queries.instructions: open, overdue, done_on_time, done_late
    done_on: str | None
    report: str


@dataclass(frozen=True)
class HalfYearFigures:
    year: int
    half: int
    start: str
    end: str
    due: str | None
    as_of: str
    ministries: list[MinistryRow]
    totals: QuarterCounts
    submissions: dict[str, int]
    systemic_problems: SystemicProblemsReport
    instructions: list[InstructionRow] = field(default_factory=list)
    instruction_counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"version": SNAPSHOT_VERSION, **asdict(self)}


def check_half_year(year: int, half: int) -> None:
    if half not in (1, 2) or not 2000 <= year <= 2100:
        raise DomainError(_("There is no such half-year."), code="half_year")


def half_year_obligation(year: int, half: int, *, today: datetime.date | None = None) -> Obligation | None:
    """The authorized body's `half-year-results` obligation, under the act in force at the half-year's end."""
    start, end = half_year_dates(year, half)
    body = Organisation.objects.filter(is_authorized_body=True).first()
    if body is None:
        return None
    return periodic_obligation(
        ObligationRule.Role.HALF_YEAR_RESULTS, body, period_start=start, period_end=end, today=today
    )


def _quarterly_obligations(year: int, half: int, today: datetime.date) -> dict[tuple[str, int], Obligation]:
    start, end = half_year_dates(year, half)
    found = {}
    for obligation in obligations_between(start=start, end=end + datetime.timedelta(days=62), today=today):
        if (
            obligation.rule.role == ObligationRule.Role.QUARTERLY_INFORMATION
            and start <= obligation.period_start <= end
        ):
            found[(obligation.debtor.code, (obligation.period_start.month - 1) // 3 + 1)] = obligation
    return found


def _compiled_counts(
    bodies: list[Organisation], year: int, quarter: int, today: datetime.date
) -> dict[int, QuarterCounts]:
    """The quarter's counts of every ministry at once (the quarterly information's compilation), by pk."""
    from kezdesu.reports.domain.figures import compile_quarterly_figures

    return {pk: figures.counts for pk, figures in compile_quarterly_figures(bodies, year, quarter, today=today).items()}


def _quarter_state(
    pack: QuarterlyInformation | None, obligation: Obligation | None, today: datetime.date
) -> tuple[str, str | None]:
    if pack is not None and pack.submitted_at is not None:
        submitted_on = timezone.localdate(pack.submitted_at)
        late = obligation is not None and submitted_on > obligation.due
        return (LATE if late else ON_TIME), submitted_on.isoformat()
    if obligation is None:
        return NOT_REQUIRED, None
    if obligation.by_hand and obligation.met_on is not None and obligation.met_on <= today:
        # Sent outside Kezdesu and recorded by hand (e.g. a letter): counted, and marked so (`by_hand`).
        return (LATE if obligation.met_on > obligation.due else ON_TIME), obligation.met_on.isoformat()
    if today > obligation.due:
        return MISSING, None
    return PENDING, None


def _instruction_rows(year: int, half: int, today: datetime.date) -> list[InstructionRow]:
    return [
        InstructionRow(
            pk=instruction.pk,
            review_year=instruction.review.report.year,
            review_half=instruction.review.report.half,
            number=instruction.number,
            text=translated(instruction, "text"),
            assignee=translated(instruction.assignee, "name"),
            deadline=instruction.deadline.isoformat(),
            state=instruction_state(instruction, today),
            done_on=instruction.done_on.isoformat() if instruction.done_on else None,
            report=instruction.report,
        )
        for instruction in instructions_before(year, half)
    ]


def compile_half_year_report(year: int, half: int, *, today: datetime.date | None = None) -> HalfYearFigures:
    """The consolidated figures of every ministry for the half-year, as they stand `today`."""
    check_half_year(year, half)
    today = today or timezone.localdate()
    start, end = half_year_dates(year, half)
    quarters = half_year_quarters(half)
    obligations = _quarterly_obligations(year, half, today)
    packs = {  # as they stood `today`: a pack submitted later did not exist yet
        (pack.organisation_id, pack.quarter): pack
        for pack in quarterly_packs(year, quarters).filter(status=QuarterlyInformation.Status.SUBMITTED)
        if pack.submitted_at is not None and timezone.localdate(pack.submitted_at) <= today
    }
    bodies = list(ministries())
    compiled = {  # the quarters begun, for every ministry at once: a fixed number of queries
        quarter: _compiled_counts(bodies, year, quarter, today)
        for quarter in quarters
        if datetime.date(year, 3 * quarter - 2, 1) <= today
    }
    rows = []
    for ministry in bodies:
        sources = []
        for quarter in quarters:
            pack = packs.get((ministry.pk, quarter))
            obligation = obligations.get((ministry.code, quarter))
            state, submitted_on = _quarter_state(pack, obligation, today)
            if pack is not None and pack.snapshot.get("counts") is not None:
                counts, source = QuarterCounts.from_json(pack.snapshot["counts"]), SUBMITTED
            elif datetime.date(year, 3 * quarter - 2, 1) > today:
                counts, source = QuarterCounts(), NOT_STARTED
            else:
                counts, source = compiled[quarter][ministry.pk], COMPILED
            sources.append(
                QuarterSource(
                    quarter=quarter,
                    state=state,
                    due=obligation.due.isoformat() if obligation is not None else None,
                    submitted_on=submitted_on,
                    source=source,
                    counts=counts,
                    by_hand=pack is None and obligation is not None and obligation.by_hand,
                )
            )
        rows.append(
            MinistryRow(
                organisation=ministry.code,
                organisation_name=translated(ministry, "name"),
                quarters=sources,
                counts=sum((source.counts for source in sources), QuarterCounts()),
            )
        )
    submissions = dict.fromkeys((ON_TIME, LATE, PENDING, MISSING, NOT_REQUIRED), 0)
    for row in rows:
        for quarter_source in row.quarters:
            submissions[quarter_source.state] += 1
    instructions = _instruction_rows(year, half, today)
    instruction_counts = dict.fromkeys(("open", "overdue", "done_on_time", "done_late"), 0)
    for instruction in instructions:
        instruction_counts[instruction.state] = instruction_counts.get(instruction.state, 0) + 1
    obligation = half_year_obligation(year, half, today=today)
    return HalfYearFigures(
        year=year,
        half=half,
        start=start.isoformat(),
        end=end.isoformat(),
        due=obligation.due.isoformat() if obligation is not None else None,
        as_of=min(today, end).isoformat(),
        ministries=rows,
        totals=sum((row.counts for row in rows), QuarterCounts()),
        submissions=submissions,
        systemic_problems=systemic_problems_by_half_year(year, half, today=today),
        instructions=instructions,
        instruction_counts=instruction_counts,
    )


def _check_not_reviewed(report: HalfYearReport) -> None:
    if hasattr(report, "review"):
        raise DomainError(
            _("The Government has reviewed these results: they can no longer be changed."), code="reviewed"
        )


def _locked_report(year: int, half: int) -> HalfYearReport:
    HalfYearReport.objects.get_or_create(year=year, half=half)
    return HalfYearReport.objects.select_for_update().get(year=year, half=half)


def save_half_year_narrative(
    *,
    actor: Any,
    year: int,
    half: int,
    narrative_kk: str,
    narrative_ru: str,
    narrative_en: str = "",
    revision: int,
) -> HalfYearReport:
    """Create or edit the report's narrative. `revision` is the one the editor saw (0 for a new report)."""
    if not actor.has_perm("reports.prepare_half_year_report"):
        raise NotPermitted(_("Only the authorized body's coordinators prepare the half-year results."))
    check_half_year(year, half)
    new = {
        "narrative_kk": narrative_kk.strip(),
        "narrative_ru": narrative_ru.strip(),
        "narrative_en": narrative_en.strip(),
    }
    with transaction.atomic():
        report = _locked_report(year, half)
        if report.revision != revision:
            raise DomainError(
                _("Someone changed the report meanwhile. Your text is kept below: compare it and save again."),
                code="changed_meanwhile",
            )
        _check_not_reviewed(report)
        save_changed_fields(
            actor=actor,
            instance=report,
            new=new,
            action="reports.half_year.save_narrative",
            organisation=Organisation.objects.filter(is_authorized_body=True).first(),
        )
    return report


def apparatus_readers() -> Any:
    """Who hears of the results: the Government Apparatus's approvers and oversight readers."""
    apparatus = Organisation.objects.filter(
        kind__in=(Organisation.Kind.GOVERNMENT_APPARATUS, Organisation.Kind.GOVERNMENT)
    )
    return people_with_roles(apparatus, (Role.APPROVER, Role.OVERSIGHT))


def report_link(year: int, half: int) -> str:
    return reverse("office:half_year_report", kwargs={"year": year, "half": half})


def period_label(year: int, half: int) -> dict[str, str]:
    labels = {}
    for code in LANGUAGES:
        with translation.override(code):
            labels[code] = (
                _("the first half of %(year)s") % {"year": year}
                if half == 1
                else _("the second half of %(year)s") % {"year": year}
            )
    return labels


def submit_half_year_report(
    *, actor: Any, year: int, half: int, now: datetime.datetime | None = None
) -> HalfYearReport:
    """Freeze the consolidated figures and send them to the Government Apparatus (again, until reviewed)."""
    if not actor.has_perm("reports.prepare_half_year_report"):
        raise NotPermitted(_("Only the authorized body's coordinators submit the half-year results."))
    check_half_year(year, half)
    now = now or timezone.now()
    today = timezone.localdate(now)
    start, _end = half_year_dates(year, half)
    if start > today:
        raise DomainError(_("This half-year has not started yet."), code="not_started")
    with transaction.atomic():
        report = _locked_report(year, half)
        _check_not_reviewed(report)
        figures = compile_half_year_report(year, half, today=today)
        resubmission = report.submitted_at is not None
        snapshot = figures.to_json()
        snapshot["submitted_at"] = (report.submitted_at or now).isoformat()
        snapshot["revised_at"] = now.isoformat() if resubmission else None
        snapshot["narrative"] = {code: getattr(report, f"narrative_{code}", "") or "" for code in LANGUAGES}
        report.snapshot = snapshot
        report.status = HalfYearReport.Status.SUBMITTED
        if not resubmission:
            report.submitted_at, report.submitted_by = now, actor
        report.revision += 1
        report.save(update_fields=["snapshot", "status", "submitted_at", "submitted_by", "revision"])
        obligation = half_year_obligation(year, half, today=today)  # met by the submission (reports.domain.evidence)
        record_audit(
            actor=actor,
            action="reports.half_year.resubmit" if resubmission else "reports.half_year.submit",
            target=report,
            organisation=obligation.debtor.organisation if obligation is not None else None,
            new={"at": now, "totals": asdict(figures.totals), "submissions": figures.submissions},
        )
        notify(
            recipients=apparatus_readers(),
            kind="reports.half_year.submitted",
            params={"period": period_label(year, half)},
            link=report_link(year, half),
        )
    return report
