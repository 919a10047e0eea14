"""The publicity and coordination tasks of a visit (R12, R13, R18), from meetings/data/visit_tasks.yaml.

Each party works its own tasks: the akimat's editors and approvers the akimat's (G2, P4.1, P4.2), the
authorized body's coordinators the national media's (P5.1), the ministry's editors and approvers the
ministry's (P3.2–P3.4). Everyone who reads the visit sees them all; the authorized body sees every
visit's (R18: it is kept informed at every stage).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.models import Visit, VisitPart, VisitTask
from kezdesu.organisations.rules import hosts_visit, is_coordinator, is_superuser, prepares_visit
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import coordinators, people_with_roles
from kezdesu.regulations.domain.calendar import WorkingCalendar

TASKS_FILE = Path(__file__).resolve().parent.parent / "data" / "visit_tasks.yaml"
LANGUAGES = ("kk", "ru", "en")
NOTE_LENGTH = 2000
FINISHED = (VisitTask.Status.DONE, VisitTask.Status.NOT_NEEDED)
# Each party's staff who may change its tasks; the rules' predicates, asked about the visit.
WORKERS = {
    VisitTask.Responsible.AKIMAT: hosts_visit,
    VisitTask.Responsible.AUTHORIZED_BODY: lambda user, visit: is_coordinator(user),
    VisitTask.Responsible.MINISTRY: prepares_visit,
}

register_kind(
    "meetings.akimat_tasks_done",
    message=gettext_lazy(
        "The akimat has finished its preparation tasks for the visit of %(official)s to %(region)s on %(date)s: "
        "the venue, equipment, media and announcements."
    ),
    subject=gettext_lazy("The akimat is ready for the visit of %(official)s to %(region)s"),
)


@dataclass(frozen=True)
class TaskDefinition:
    code: str
    responsible: str
    clause: str
    days_before: int
    title: dict[str, str]
    short: dict[str, str]


@cache
def task_definitions() -> tuple[TaskDefinition, ...]:
    """The task list, in the file's order (read once per process)."""
    data = yaml.safe_load(TASKS_FILE.read_text(encoding="utf-8"))
    definitions = tuple(
        TaskDefinition(
            code=row["code"],
            responsible=row["responsible"],
            clause=row["clause"],
            days_before=int(row["days_before"]),
            title={language: row["title"][language] for language in LANGUAGES},
            short={language: row["short"][language] for language in LANGUAGES},
        )
        for row in data["tasks"]
    )
    responsibles = set(VisitTask.Responsible.values)
    for definition in definitions:
        if definition.responsible not in responsibles:
            raise ValueError(f"{TASKS_FILE}: unknown responsible party {definition.responsible!r}")
    return definitions


def meeting_day(visit: Visit) -> datetime.date:
    """The day of the meeting with the population: its part's start, or the visit's first day."""
    meeting = next((part for part in visit.parts.all() if part.kind == VisitPart.Kind.MEETING), None)
    if meeting is not None and meeting.starts_at is not None:
        return timezone.localdate(meeting.starts_at)
    return visit.start_date


def due_date(day: datetime.date, days_before: int, calendar: WorkingCalendar) -> datetime.date:
    """`days_before` the meeting's day, moved back to a working day: the work must be done before."""
    due = day - datetime.timedelta(days=days_before)
    while not calendar.is_working_day(due):
        due -= datetime.timedelta(days=1)
    return due


@transaction.atomic
def create_visit_tasks(*, visit: Visit, actor: Any = None) -> list[VisitTask]:
    """Add the tasks the visit lacks and re-date the unfinished ones (the meeting's day may have moved).

    Idempotent: run it again and nothing changes. `actor` is None when the system does it.
    """
    day = meeting_day(visit)
    calendar = WorkingCalendar.for_range(day - datetime.timedelta(days=60), day)
    existing = {task.code: task for task in VisitTask.objects.filter(visit=visit)}
    created: list[str] = []
    redated: dict[str, tuple[str, str]] = {}
    for definition in task_definitions():
        due = due_date(day, definition.days_before, calendar)
        task = existing.get(definition.code)
        if task is None:
            VisitTask.objects.create(
                visit=visit,
                code=definition.code,
                responsible=definition.responsible,
                title_kk=definition.title["kk"],
                title_ru=definition.title["ru"],
                title_en=definition.title["en"],
                source=definition.clause,
                due_date=due,
            )
            created.append(definition.code)
        elif task.status not in FINISHED and task.due_date != due:
            redated[task.code] = (str(task.due_date), str(due))
            task.due_date = due
            task.save(update_fields=["due_date", "updated_at"])
    if created or redated:
        record_audit(
            actor=actor,
            action="meetings.tasks.create",
            target=visit,
            organisation=visit.organisation,
            old={"due": {code: old for code, (old, _new) in redated.items()}} if redated else None,
            new={"created": created, "due": {code: new for code, (_old, new) in redated.items()}},
        )
    return list(VisitTask.objects.filter(visit=visit).order_by("due_date", "id"))


def parties_worked_by(user: Any, visit: Visit) -> set[str]:
    """The responsible parties whose tasks of `visit` the user may change."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    if not user.has_perm("meetings.work_tasks", visit):
        return set()
    if is_superuser(user):  # administrators record what a party reports outside Kezdesu (e.g. by letter)
        return set(VisitTask.Responsible.values)
    return {party for party, works in WORKERS.items() if works(user, visit)}


def may_update_task(user: Any, task: VisitTask) -> bool:
    """Whether `user` works for the party responsible for `task`."""
    return task.responsible in parties_worked_by(user, task.visit)


@transaction.atomic
def update_task(*, actor: Any, task: VisitTask, status: str, note: str | None = None) -> VisitTask:
    """Set a task's status (and its note, when given) for the responsible party."""
    if not may_update_task(actor, task):
        raise NotPermitted(_("Only the responsible party's staff may change this task."))
    if status not in VisitTask.Status.values:
        raise DomainError(_("Choose one of the task's statuses."), code="status")
    note = task.note if note is None else note.strip()
    if len(note) > NOTE_LENGTH:
        raise DomainError(_("A note has at most %(max)s characters.") % {"max": NOTE_LENGTH}, code="note")
    if task.status == status and task.note == note:
        return task
    old = {"status": task.status, "note": task.note}
    task.status, task.note, task.updated_by = status, note, actor
    task.save(update_fields=["status", "note", "updated_by", "updated_at"])
    record_audit(
        actor=actor,
        action="meetings.task.update",
        target=task,
        organisation=task.visit.organisation,
        old=old,
        new={"status": status, "note": note},
    )
    if status in FINISHED and old["status"] not in FINISHED and task.responsible == VisitTask.Responsible.AKIMAT:
        _tell_when_akimat_ready(task.visit)
    return task


def _tell_when_akimat_ready(visit: Visit) -> None:
    """Tell the authorized body and the ministry once, when the akimat's last task is finished (R18).

    One message per visit rather than one per task: the overview shows the rest.
    """
    unfinished = VisitTask.objects.filter(visit=visit, responsible=VisitTask.Responsible.AKIMAT).exclude(
        status__in=FINISHED
    )
    if unfinished.exists():
        return
    try:
        link = reverse("office:visit_tasks", kwargs={"pk": visit.pk})
    except NoReverseMatch:  # the office's pages not mounted (e.g. an API-only deployment)
        link = ""
    notify(
        recipients=[*coordinators(), *people_with_roles([visit.organisation])],
        kind="meetings.akimat_tasks_done",
        params={
            "official": translated(visit.position, "title"),
            "region": translated(visit.region),
            "date": visit.start_date.isoformat(),
        },
        link=link,
    )
