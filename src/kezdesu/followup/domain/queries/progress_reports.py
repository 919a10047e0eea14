"""Reads for the quarterly progress reports (R21): a ministry's public problem issues with their measures, the
measures' last progress update of or before a quarter, and the reports themselves."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kezdesu.followup.domain.queries.states import public_issues
from kezdesu.followup.models import Measure, ProblemIssue, ProgressReport, ProgressUpdate
from kezdesu.organisations.models import Organisation


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * quarter - 2, 1)
    next_start = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    return start, next_start - datetime.timedelta(days=1)


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after `day`, in Kazakhstan's time."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def report_issues(organisation: Organisation, *, published_before: datetime.datetime) -> QuerySet[ProblemIssue]:
    """The ministry's public problem issues (from its visits), with what the report shows of them."""
    measures = Measure.objects.select_related("executor").order_by("order", "pk")
    return (
        public_issues()
        .filter(visit__organisation=organisation, published_at__lt=published_before)
        .select_related(
            "visit__position", "visit__region", "visit__organisation", "region", "district", "sector", "competent_body"
        )
        .prefetch_related(Prefetch("measures", queryset=measures))
        .order_by("visit__start_date", "visit_id", "number")
    )


def last_updates(measures: Iterable[Measure], *, year: int, quarter: int) -> dict[int, ProgressUpdate]:
    """Each measure's last progress update of or before the quarter (one query)."""
    ids = [measure.pk for measure in measures]
    updates = (
        ProgressUpdate.objects.filter(measure_id__in=ids)
        .filter(Q(year__lt=year) | Q(year=year, quarter__lte=quarter))
        .order_by("measure_id", "year", "quarter", "reported_at", "pk")
    )
    found: dict[int, ProgressUpdate] = {}
    for update in updates:
        found[update.measure_id] = update  # later ones overwrite earlier ones
    return found


def reports_of(organisation: Organisation) -> dict[tuple[int, int], ProgressReport]:
    return {
        (report.year, report.quarter): report for report in ProgressReport.objects.filter(organisation=organisation)
    }


def published_reports() -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(published_at__isnull=False).select_related("organisation")


def ministries() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("name")
