"""The ministry's quarterly report on solving the problem issues raised (R21, P3.7).

`compile_progress_report` reads the figures as they stood at the quarter's end (each measure's last progress
update of or before the quarter); publishing stores them as a snapshot (no personal data: no staff, no askers),
so the report reads the same later, and records the profile's `quarterly-progress` obligation as met.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit, save_changed_fields
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.queries.progress_reports import end_of_day, last_updates, quarter_bounds, report_issues
from kezdesu.followup.domain.queries.states import CLOSED_ISSUE_STATUSES, OPEN_MEASURE_STATUSES
from kezdesu.followup.domain.timeline import record_event
from kezdesu.followup.models import IssueEvent, Measure, MeasureStatus, ProblemIssue, ProgressReport
from kezdesu.followup.signals import progress_report_published
from kezdesu.meetings.interfaces.public_page import visit_title
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.obligations import Obligation, periodic_obligation
from kezdesu.regulations.models import ObligationRule

LANGUAGES = ("kk", "ru", "en")
SNAPSHOT_VERSION = 1

Translated = dict[str, str]


def translated(obj: Any, name: str) -> Translated:
    """A translated field as {"kk", "ru", "en"}, each falling back like modeltranslation (kk → ru → en)."""
    values = {code: (getattr(obj, f"{name}_{code}", None) or "") for code in LANGUAGES}
    fallback = values["kk"] or values["ru"] or values["en"] or (getattr(obj, name, "") or "")
    return {code: value or fallback for code, value in values.items()}


def visit_titles(visit: Any) -> Translated:
    """The visit's usual title in each language."""
    titles = {}
    for code in LANGUAGES:
        with translation.override(code):
            titles[code] = str(visit_title(visit))
    return titles


def pick(value: Translated | str, language: str | None = None) -> str:
    """The text of a translated snapshot value in `language` (the active one by default)."""
    if isinstance(value, str):
        return value
    language = (language or translation.get_language() or "kk")[:2]
    return value.get(language) or value.get("kk") or value.get("ru") or value.get("en") or ""


def localise(value: Any, language: str | None = None) -> Any:
    """A snapshot with each translated value replaced by its text in `language`, for templates."""
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES):
            return pick(value, language)
        return {key: localise(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [localise(item, language) for item in value]
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        try:  # a date: templates format it
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


@dataclass(frozen=True)
class ReportMeasure:
    pk: int
    text: Translated
    deadline: str
    executor: Translated
    executor_position: Translated
    status: str
    percent: int
    overdue: bool


@dataclass(frozen=True)
class ReportIssue:
    pk: int
    number: int
    title: Translated
    visit_pk: int
    visit: Translated
    region: Translated
    district: Translated
    status: str
    overdue: bool
    measures: list[ReportMeasure] = field(default_factory=list)


@dataclass(frozen=True)
class ReportCounts:
    raised: int
    solved: int
    in_progress: int
    overdue: int
    not_solvable: int


@dataclass(frozen=True)
class CompiledReport:
    organisation: str  # its code
    organisation_name: Translated
    year: int
    quarter: int
    start: str
    end: str
    as_of: str
    counts: ReportCounts
    issues: list[ReportIssue]

    def to_json(self) -> dict[str, Any]:
        return {"version": SNAPSHOT_VERSION, **asdict(self)}


def _executor(measure: Measure) -> Translated:
    if measure.executor is not None:
        return translated(measure.executor, "name")
    return dict.fromkeys(LANGUAGES, measure.executor_company)


def empty_translated() -> Translated:
    return dict.fromkeys(LANGUAGES, "")


def compile_progress_report(
    organisation: Organisation, year: int, quarter: int, *, today: datetime.date | None = None
) -> CompiledReport:
    """The report's figures as they stood at the quarter's end (or today, for the quarter under way)."""
    start, end = quarter_bounds(year, quarter)
    as_of = min(end, today or timezone.localdate())
    issues = list(report_issues(organisation, published_before=end_of_day(end)))
    updates = last_updates(
        [measure for issue in issues for measure in issue.measures.all()], year=year, quarter=quarter
    )
    rows: list[ReportIssue] = []
    counts = {"solved": 0, "in_progress": 0, "overdue": 0, "not_solvable": 0}
    for issue in issues:
        measures = []
        for measure in issue.measures.all():
            update = updates.get(measure.pk)
            status = update.status if update is not None else MeasureStatus.PLANNED
            percent = update.percent if update is not None else 0
            measures.append(
                ReportMeasure(
                    pk=measure.pk,
                    text=translated(measure, "text"),
                    deadline=measure.deadline.isoformat(),
                    executor=_executor(measure),
                    executor_position=translated(measure, "executor_position"),
                    status=str(status),
                    percent=percent,
                    # The one definition of overdue (queries.states), applied to the status at the quarter's end.
                    overdue=status in OPEN_MEASURE_STATUSES and measure.deadline < as_of,
                )
            )
        solved_by_then = issue.status == ProblemIssue.Status.SOLVED and (
            issue.solved_on is None or issue.solved_on <= end
        )
        closed = solved_by_then or issue.status == ProblemIssue.Status.NOT_SOLVABLE
        status = (
            issue.status if closed or issue.status not in CLOSED_ISSUE_STATUSES else ProblemIssue.Status.IN_PROGRESS
        )
        overdue = not closed and any(measure.overdue for measure in measures)
        if solved_by_then:
            counts["solved"] += 1
        elif issue.status == ProblemIssue.Status.NOT_SOLVABLE:
            counts["not_solvable"] += 1
        else:
            counts["in_progress"] += 1
        counts["overdue"] += int(overdue)
        rows.append(
            ReportIssue(
                pk=issue.pk,
                number=issue.number,
                title=translated(issue, "title"),
                visit_pk=issue.visit_id,
                visit=visit_titles(issue.visit),
                region=translated(issue.region, "name"),
                district=translated(issue.district, "name") if issue.district is not None else empty_translated(),
                status=str(status),
                overdue=overdue,
                measures=measures,
            )
        )
    return CompiledReport(
        organisation=organisation.code,
        organisation_name=translated(organisation, "name"),
        year=year,
        quarter=quarter,
        start=start.isoformat(),
        end=end.isoformat(),
        as_of=as_of.isoformat(),
        counts=ReportCounts(raised=len(rows), **counts),
        issues=rows,
    )


def progress_obligation(
    organisation: Organisation, year: int, quarter: int, *, today: datetime.date | None = None
) -> Obligation | None:
    """The ministry's quarterly-progress obligation (R21) for the quarter, under the act in force at its end."""
    start, end = quarter_bounds(year, quarter)
    return periodic_obligation(
        ObligationRule.Role.QUARTERLY_PROGRESS, organisation, period_start=start, period_end=end, today=today
    )


def _check_quarter(year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise DomainError(_("There is no such quarter."), code="quarter")


def save_narrative(
    *,
    actor: Any,
    organisation: Organisation,
    year: int,
    quarter: int,
    narrative_kk: str,
    narrative_ru: str,
    narrative_en: str = "",
    revision: int,
) -> ProgressReport:
    """Create or edit the report's narrative. `revision` is the one the editor saw (0 for a new report)."""
    if not actor.has_perm("followup.prepare_progress_report", organisation):
        raise NotPermitted(_("You may not prepare this ministry's progress report."))
    _check_quarter(year, quarter)
    new = {
        "narrative_kk": narrative_kk.strip(),
        "narrative_ru": narrative_ru.strip(),
        "narrative_en": narrative_en.strip(),
    }
    with transaction.atomic():
        ProgressReport.objects.get_or_create(organisation=organisation, year=year, quarter=quarter)
        report = ProgressReport.objects.select_for_update().get(organisation=organisation, year=year, quarter=quarter)
        if report.revision != revision:
            raise DomainError(
                _("Someone changed the report meanwhile. Your text is kept below: compare it and save again."),
                code="changed_meanwhile",
            )
        save_changed_fields(
            actor=actor,
            instance=report,
            new=new,
            action="followup.progress_report.save_narrative",
            organisation=organisation,
        )
    return report


def public_report_url(organisation: Organisation, year: int, quarter: int) -> str:
    from django.conf import settings
    from django.urls import NoReverseMatch, reverse

    try:
        with translation.override(settings.LANGUAGE_CODE):
            return reverse(
                "portal:progress_report_public",
                kwargs={"organisation": organisation.code, "year": year, "quarter": quarter},
            )
    except NoReverseMatch:
        return f"/progress/{organisation.code}/{year}/q{quarter}/"


def publish_progress_report(
    *, actor: Any, organisation: Organisation, year: int, quarter: int, now: datetime.datetime | None = None
) -> ProgressReport:
    """Publish (or republish, with a revised time) the quarter's report as it stands."""
    if not actor.has_perm("followup.publish_progress_report", organisation):
        raise NotPermitted(_("Only the ministry's approver publishes its progress report."))
    _check_quarter(year, quarter)
    now = now or timezone.now()
    today = timezone.localdate(now)
    start, _end = quarter_bounds(year, quarter)
    if start > today:
        raise DomainError(_("This quarter has not started yet."), code="not_started")
    with transaction.atomic():
        ProgressReport.objects.get_or_create(organisation=organisation, year=year, quarter=quarter)
        report = ProgressReport.objects.select_for_update().get(organisation=organisation, year=year, quarter=quarter)
        compiled = compile_progress_report(organisation, year, quarter, today=today)
        republish = report.published_at is not None
        snapshot = compiled.to_json()
        snapshot["published_at"] = (report.published_at or now).isoformat()
        snapshot["revised_at"] = now.isoformat() if republish else None
        snapshot["narrative"] = {code: getattr(report, f"narrative_{code}", "") or "" for code in LANGUAGES}
        report.snapshot = snapshot
        if not republish:
            report.published_at, report.published_by = now, actor
        report.revision += 1
        report.save(update_fields=["snapshot", "published_at", "published_by", "revision"])
        if not republish:  # the public history tells of the report once; a revision corrects it silently
            issues = list(ProblemIssue.objects.filter(pk__in=[row.pk for row in compiled.issues]))
            for issue in issues:
                record_event(
                    issue=issue, kind=IssueEvent.Kind.REPORT, params={"year": year, "quarter": quarter}, at=now
                )
            progress_report_published.send(sender=ProgressReport, report=report, issues=issues)
        record_audit(
            actor=actor,
            action="followup.progress_report.republish" if republish else "followup.progress_report.publish",
            target=report,
            organisation=organisation,
            new={"at": now, "issues": len(compiled.issues), **asdict(compiled.counts)},
        )
    return report
