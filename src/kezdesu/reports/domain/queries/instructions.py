"""The Government's instructions (P6.1) as tracked tasks: the one definition of "overdue", and who sees which.

An instruction is overdue when it is still being executed and its deadline has passed; the half-year report,
the instructions pages, the dashboards and the daily notices all read it from here.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from kezdesu.organisations.domain.queries.scope import organisations_in_scope, sees_everything
from kezdesu.reports.models import Instruction

# The states an instruction is shown in (its status plus the deadline read against a day).
OPEN, OVERDUE, DONE_ON_TIME, DONE_LATE, WITHDRAWN = "open", "overdue", "done_on_time", "done_late", "withdrawn"
# The filters of the lists: by status, and overdue.
INSTRUCTION_FILTERS = ("open", "overdue", "done", "withdrawn")


def overdue_instructions_q(today: datetime.date, prefix: str = "") -> Q:
    """Instructions still being executed whose deadline has passed."""
    return Q(**{f"{prefix}status": Instruction.Status.OPEN, f"{prefix}deadline__lt": today})


def instruction_state(instruction: Instruction, today: datetime.date) -> str:
    if instruction.status == Instruction.Status.WITHDRAWN:
        return WITHDRAWN
    if instruction.status == Instruction.Status.DONE:
        done_on = instruction.done_on or today
        return DONE_ON_TIME if done_on <= instruction.deadline else DONE_LATE
    return OVERDUE if instruction.deadline < today else OPEN


def instructions_with_context() -> QuerySet[Instruction]:
    return Instruction.objects.select_related("review__report", "assignee").order_by(
        "review__report__year", "review__report__half", "number"
    )


def reads_half_year_results(user: Any) -> bool:
    """Nationwide readers, and the Apparatus's approvers who record the Government's review."""
    return bool(user.has_perm("reports.view_half_year_report"))


def instructions_for(user: Any) -> QuerySet[Instruction]:
    """Every instruction for a reader of the half-year results; otherwise those given to the user's own bodies."""
    instructions = instructions_with_context()
    if sees_everything(user) or reads_half_year_results(user):
        return instructions
    return instructions.filter(assignee__in=organisations_in_scope(user))


def filter_by_state(instructions: QuerySet[Instruction], state: str, today: datetime.date) -> QuerySet[Instruction]:
    if state == OVERDUE:
        return instructions.filter(overdue_instructions_q(today))
    if state == OPEN:
        return instructions.filter(status=Instruction.Status.OPEN)
    if state == "done":
        return instructions.filter(status=Instruction.Status.DONE)
    if state == WITHDRAWN:
        return instructions.filter(status=Instruction.Status.WITHDRAWN)
    return instructions


def filter_by_assignee(instructions: QuerySet[Instruction], code: str) -> QuerySet[Instruction]:
    """Those given to the body with the code, or to one of its committees (counted for their ministry)."""
    if not code:
        return instructions
    return instructions.filter(Q(assignee__code=code) | Q(assignee__parent__code=code))


def instructions_before(year: int, half: int) -> QuerySet[Instruction]:
    """The instructions given at the reviews of earlier half-years, for a report's follow-up section."""
    earlier = Q(review__report__year__lt=year) | Q(review__report__year=year, review__report__half__lt=half)
    return instructions_with_context().filter(earlier).exclude(status=Instruction.Status.WITHDRAWN)
