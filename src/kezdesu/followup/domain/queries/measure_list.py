"""The public list of the action plans' measures: the measures of published problem issues, filtered by
executor, deadline and state (and by their issue's filters), shared by the portal and the public API.

The oversight dashboard links its measure figures here, so "overdue" and "done on time" are those of states.py
and a committee's measures count for its ministry, as in the reports.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from kezdesu.followup.domain.queries.public_issues import OVERDUE, IssueFilters, public_measures
from kezdesu.followup.domain.queries.states import (
    OPEN_MEASURE_STATUSES,
    done_late_q,
    done_on_time_q,
    overdue_measures_q,
)
from kezdesu.followup.models import Measure
from kezdesu.organisations.models import Organisation

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
OPEN = "open"  # not finished and not overdue
MEASURE_STATES = (OVERDUE, DONE_ON_TIME, DONE_LATE, OPEN)


@dataclass(frozen=True)
class MeasureFilters:
    issue: IssueFilters = field(default_factory=IssueFilters)  # on the measure's problem issue
    executor: Organisation | None = None
    due_from: datetime.date | None = None  # inclusive bounds of the deadline
    due_to: datetime.date | None = None
    state: str = ""  # one of MEASURE_STATES, or "" for all


def executor_q(body: Organisation) -> Q:
    """A body's measures and, for a ministry, its committees' (they count for it, as in the reports)."""
    return Q(executor=body) | Q(executor__parent=body, executor__kind=Organisation.Kind.COMMITTEE)


def state_q(state: str, *, today: datetime.date) -> Q:
    """The measures in `state` (one of MEASURE_STATES) on `today`."""
    if state == OVERDUE:
        return overdue_measures_q(today)
    if state == DONE_ON_TIME:
        return done_on_time_q()
    if state == DONE_LATE:
        return done_late_q()
    if state == OPEN:
        return Q(status__in=OPEN_MEASURE_STATUSES) & ~overdue_measures_q(today)
    raise ValueError(f"Unknown measure state: {state!r}")


def public_measure_list(filters: MeasureFilters, *, today: datetime.date) -> QuerySet[Measure]:
    """Public measures matching `filters`, annotated with `is_overdue`, with their issue, its visit's ministry,
    its region and the executor: a list of them costs one query however long."""
    measures = public_measures(filters.issue, today=today)
    if filters.executor is not None:
        measures = measures.filter(executor_q(filters.executor))
    if filters.due_from is not None:
        measures = measures.filter(deadline__gte=filters.due_from)
    if filters.due_to is not None:
        measures = measures.filter(deadline__lte=filters.due_to)
    if filters.state:
        measures = measures.filter(state_q(filters.state, today=today))
    return measures
