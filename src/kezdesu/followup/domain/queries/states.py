"""The one definition of "overdue" and of an issue's public state, shared by the office, the portal, the
reports and the API."""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue

OPEN_MEASURE_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)
CLOSED_ISSUE_STATUSES = (ProblemIssue.Status.SOLVED, ProblemIssue.Status.NOT_SOLVABLE)


def overdue_measures_q(today: datetime.date, prefix: str = "") -> Q:
    """Measures not finished whose deadline has passed."""
    return Q(**{f"{prefix}status__in": OPEN_MEASURE_STATUSES, f"{prefix}deadline__lt": today})


def done_on_time_q(prefix: str = "") -> Q:
    """Measures done by their deadline (the day of the deadline included)."""
    return Q(
        **{
            f"{prefix}status": MeasureStatus.DONE,
            f"{prefix}completed_on__isnull": False,
            f"{prefix}completed_on__lte": F(f"{prefix}deadline"),
        }
    )


def done_late_q(prefix: str = "") -> Q:
    """Measures done after their deadline."""
    return Q(**{f"{prefix}status": MeasureStatus.DONE, f"{prefix}completed_on__gt": F(f"{prefix}deadline")})


def is_measure_overdue(measure: Measure, today: datetime.date) -> bool:
    return measure.status in OPEN_MEASURE_STATUSES and measure.deadline < today


def with_overdue(issues: QuerySet[ProblemIssue], today: datetime.date) -> QuerySet[ProblemIssue]:
    """Annotate `is_overdue`: an issue not closed with at least one overdue measure."""
    late = Measure.objects.filter(overdue_measures_q(today), issue=OuterRef("pk"))
    return issues.annotate(has_late_measure=Exists(late)).annotate(
        is_overdue=Q(has_late_measure=True) & ~Q(status__in=CLOSED_ISSUE_STATUSES)
    )


def public_issues() -> QuerySet[ProblemIssue]:
    return ProblemIssue.objects.filter(published_at__isnull=False)
