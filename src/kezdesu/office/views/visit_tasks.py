"""The publicity and coordination tasks (R12, R13, R18): a visit's tasks by party, each party working its
own; and the authorized body's overview of every upcoming visit."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.tasks import (
    TaskGroup,
    is_overdue,
    tasks_by_party,
    tasks_of_visit,
    upcoming_visits_with_tasks,
)
from kezdesu.meetings.domain.tasks import create_visit_tasks, parties_worked_by, task_definitions, update_task
from kezdesu.meetings.interfaces.press_release import press_release_docx, press_releases
from kezdesu.meetings.models import Visit, VisitTask
from kezdesu.office.views.access import StaffRequest, hidden_unless, office_view

OVERVIEW_LIMIT = 200


@dataclass(frozen=True)
class TaskRow:
    task: VisitTask
    may_update: bool
    overdue: bool


@dataclass(frozen=True)
class PartyTasks:
    group: TaskGroup
    rows: list[TaskRow]
    may_update: bool


@dataclass(frozen=True)
class TaskCell:
    task: VisitTask | None
    overdue: bool


@dataclass(frozen=True)
class VisitRow:
    visit: Visit
    cells: list[TaskCell]
    overdue: int


@office_view
def visit_tasks(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    may_work = request.user.has_perm("meetings.work_tasks", visit)
    if request.method == "POST":
        if not may_work:
            raise PermissionDenied
        if request.POST.get("action") == "create":
            create_visit_tasks(visit=visit, actor=request.user)
            messages.success(request, _("The task list is ready."))
        else:
            _save(request, list(tasks_of_visit(visit)))
        return redirect("office:visit_tasks", pk=visit.pk)
    tasks = list(tasks_of_visit(visit))
    today = timezone.localdate()
    worked = parties_worked_by(request.user, visit)  # asked once per page, not once per task
    groups = []
    for group in tasks_by_party(tasks):
        rows = [
            TaskRow(task=task, may_update=task.responsible in worked, overdue=is_overdue(task, today))
            for task in group.tasks
        ]
        groups.append(PartyTasks(group=group, rows=rows, may_update=any(row.may_update for row in rows)))
    return render(
        request,
        "office/visit/tasks.html",
        {
            "visit": visit,
            "groups": groups,
            "statuses": VisitTask.Status.choices,
            "may_work": may_work,
            "today": today,
        },
    )


def _save(request: StaffRequest, tasks: list[VisitTask]) -> None:
    """Apply the statuses and notes sent for one party's tasks; only those the user may change, only if changed."""
    changed = refused = 0
    for task in tasks:
        status = request.POST.get(f"task-{task.pk}-status")
        if status is None:
            continue
        note = request.POST.get(f"task-{task.pk}-note", task.note)
        if status == task.status and note.strip() == task.note:
            continue
        try:
            update_task(actor=request.user, task=task, status=status, note=note)
        except DomainError as error:
            refused += 1
            messages.error(request, f"{task.title}: {error.message}")
        else:
            changed += 1
    if changed:
        messages.success(request, _("Tasks changed: %(count)s.") % {"count": changed})
    elif not refused:
        messages.info(request, _("Nothing was changed."))


@hidden_unless("meetings.view_visit")  # without a visit: those who read every visit (authorized body, oversight)
def visit_tasks_overview(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    visits = list(upcoming_visits_with_tasks(today)[:OVERVIEW_LIMIT])
    language = (get_language() or "kk")[:2]
    columns = [
        (
            definition.code,
            definition.short.get(language) or definition.short["en"],
            definition.title.get(language) or definition.title["en"],
        )
        for definition in task_definitions()
    ]
    table = []
    for visit in visits:
        by_code = {task.code: task for task in visit.tasks.all()}
        cells = []
        for code, _short, _title in columns:
            task = by_code.get(code)
            cells.append(TaskCell(task=task, overdue=task is not None and is_overdue(task, today)))
        table.append(VisitRow(visit=visit, cells=cells, overdue=sum(cell.overdue for cell in cells)))
    labels = dict(VisitTask.Responsible.choices)
    parties: list[tuple[str, int]] = []
    for definition in task_definitions():  # the file lists each party's tasks together
        if parties and parties[-1][0] == definition.responsible:
            parties[-1] = (definition.responsible, parties[-1][1] + 1)
        else:
            parties.append((definition.responsible, 1))
    return render(
        request,
        "office/visit/tasks_overview.html",
        {
            "columns": columns,
            "parties": [(code, labels[code], span) for code, span in parties],
            "table": table,
            "today": today,
            "limit": OVERVIEW_LIMIT,
        },
    )


@office_view
def visit_press_release(request: StaffRequest, pk: int) -> HttpResponse:
    """The draft press release in each language, to copy; the same as a Word document."""
    visit = visit_for(request.user, pk)
    return render(request, "office/visit/press_release.html", {"visit": visit, "releases": press_releases(visit)})


@office_view
def visit_press_release_docx(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    response = HttpResponse(
        press_release_docx(visit),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="press-release-visit-{visit.pk}.docx"'
    return response


urlpatterns = [
    path("tasks/", visit_tasks_overview, name="visit_tasks_overview"),
    path("<int:pk>/tasks/", visit_tasks, name="visit_tasks"),
    path("<int:pk>/press-release/", visit_press_release, name="visit_press_release"),
    path("<int:pk>/press-release.docx", visit_press_release_docx, name="visit_press_release_docx"),
]
