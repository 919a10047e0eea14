"""Reads of the visits' publicity and coordination tasks (R12, R13, R18)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from kezdesu.meetings.models import Visit, VisitTask

OPEN = (VisitTask.Status.TODO, VisitTask.Status.IN_PROGRESS)


def is_overdue(task: VisitTask, today: datetime.date) -> bool:
    return task.status in OPEN and task.due_date is not None and task.due_date < today


def tasks_of_visit(visit: Visit) -> QuerySet[VisitTask]:
    return VisitTask.objects.filter(visit=visit).select_related("updated_by").order_by("due_date", "id")


@dataclass(frozen=True)
class TaskGroup:
    responsible: str
    label: str
    tasks: list[VisitTask]


def tasks_by_party(tasks: Iterable[VisitTask]) -> list[TaskGroup]:
    """The tasks grouped akimat, authorized body, ministry (in that order), each group by due date."""
    tasks = list(tasks)
    return [
        TaskGroup(
            responsible=value,
            label=str(label),
            tasks=[task for task in tasks if task.responsible == value],
        )
        for value, label in VisitTask.Responsible.choices
        if any(task.responsible == value for task in tasks)
    ]


def upcoming_visits_with_tasks(today: datetime.date) -> QuerySet[Visit]:
    """Visits being prepared or announced, from today on, with their tasks: the authorized body's overview."""
    return (
        Visit.objects.filter(status__in=(Visit.Status.DRAFT, Visit.Status.PUBLISHED), end_date__gte=today)
        .select_related("organisation", "position", "region")
        .prefetch_related(Prefetch("tasks", queryset=VisitTask.objects.order_by("id")))
        .order_by("start_date", "id")
    )
