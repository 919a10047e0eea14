"""Reads of the action plan: a visit's measures, an executor's workspace, quarters and the latest reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from kezdesu.followup.domain.queries.states import OPEN_MEASURE_STATUSES, overdue_measures_q
from kezdesu.followup.models import Measure, ProgressUpdate
from kezdesu.meetings.models import Visit
from kezdesu.organisations.domain.queries.scope import memberships_of
from kezdesu.organisations.models import Role

EXECUTOR_ROLES = (Role.EDITOR, Role.APPROVER)


def quarter_of(day: datetime.date) -> tuple[int, int]:
    """(year, quarter) of a day."""
    return day.year, (day.month - 1) // 3 + 1


def plan_measures(visit: Visit) -> QuerySet[Measure]:
    """The visit's measures in the plan's order, with what a row shows."""
    return (
        Measure.objects.filter(issue__visit=visit)
        .select_related("issue", "executor")
        .order_by("issue__number", "order", "pk")
    )


def _latest_updates() -> Prefetch:
    return Prefetch(
        "updates",
        queryset=ProgressUpdate.objects.order_by("-reported_at", "-pk"),
        to_attr="latest_updates",
    )


def latest_update(measure: Measure) -> ProgressUpdate | None:
    """The last report on a measure fetched by `measures_for_executor` (or one query otherwise)."""
    updates = getattr(measure, "latest_updates", None)
    if updates is not None:
        return updates[0] if updates else None
    return measure.updates.order_by("-reported_at", "-pk").first()


def measures_for_executor(user: object) -> QuerySet[Measure]:
    """The measures a user reports on: their bodies' measures, and the company measures of the visits their
    ministry prepares."""
    organisation_ids = list(
        memberships_of(user).filter(role__in=EXECUTOR_ROLES).values_list("organisation_id", flat=True)
    )
    if not organisation_ids:
        return Measure.objects.none()
    scope = Q(executor_id__in=organisation_ids) | Q(executor__parent_id__in=organisation_ids)
    scope |= Q(executor__isnull=True, issue__visit__organisation_id__in=organisation_ids)
    return (
        Measure.objects.filter(scope)
        .select_related("issue__visit__organisation", "issue__visit__region", "issue__visit__position", "executor")
        .prefetch_related(_latest_updates())
        .order_by("deadline", "issue__visit_id", "issue__number", "order", "pk")
    )


@dataclass(frozen=True)
class WorkspaceFilters:
    status: str = ""
    overdue: bool = False
    unreported: bool = False  # not yet reported in the current quarter


def filter_workspace(
    measures: QuerySet[Measure], filters: WorkspaceFilters, *, today: datetime.date
) -> QuerySet[Measure]:
    if filters.status:
        measures = measures.filter(status=filters.status)
    if filters.overdue:
        measures = measures.filter(overdue_measures_q(today))
    if filters.unreported:
        year, quarter = quarter_of(today)
        reported = ProgressUpdate.objects.filter(measure=OuterRef("pk"), year=year, quarter=quarter)
        measures = measures.filter(~Exists(reported), status__in=OPEN_MEASURE_STATUSES)
    return measures


def days_left(measure: Measure, today: datetime.date) -> int:
    """Days until the deadline; negative once it has passed."""
    return (measure.deadline - today).days
