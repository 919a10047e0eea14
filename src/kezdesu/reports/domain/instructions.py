"""The Government's half-yearly review of the results (P6.1) and the instructions it gives, tracked to their
execution like tasks: the Government Apparatus's approvers record the review and the instructions, the executor
body reports on each, and those still open past their deadline are chased once by a daily job.

Instructions are numbered within their review under a lock on the review, so two approvers adding at once get
1 and 2, not 1 twice.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.progress_reports import LANGUAGES, translated
from kezdesu.organisations.models import Organisation, Role, User
from kezdesu.planning.domain.queries.recipients import coordinators, people_with_roles
from kezdesu.regulations.models import Reminder
from kezdesu.reports.domain.half_year import apparatus_readers, period_label
from kezdesu.reports.domain.queries.instructions import overdue_instructions_q
from kezdesu.reports.models import GovernmentReview, HalfYearReport, Instruction

logger = logging.getLogger(__name__)

REVIEW_FIELDS = ("reviewed_on", "reference", "conclusions_kk", "conclusions_ru", "conclusions_en")
INSTRUCTION_FIELDS = ("text_kk", "text_ru", "text_en", "assignee", "deadline")

register_kind(
    "reports.instruction.given",
    message=gettext_lazy(
        "The Government gave %(assignee)s instruction No. %(number)s on %(period)s, due %(deadline)s: %(text)s"
    ),
    subject=gettext_lazy("An instruction of the Government"),
)
register_kind(
    "reports.instruction.reported",
    message=gettext_lazy("%(assignee)s reported instruction No. %(number)s on %(period)s executed."),
    subject=gettext_lazy("An instruction of the Government executed"),
)
register_kind(
    "reports.instruction.overdue",
    message=gettext_lazy(
        "Instruction No. %(number)s on %(period)s to %(assignee)s was due on %(deadline)s and is not yet executed."
    ),
    subject=gettext_lazy("An instruction of the Government is overdue"),
)


def _changed_meanwhile() -> DomainError:
    return DomainError(
        _("Someone changed this meanwhile. Your text is kept below: compare it and save again."),
        code="changed_meanwhile",
    )


def _authorized_body() -> Organisation | None:
    return Organisation.objects.filter(is_authorized_body=True).first()


def executors(assignee: Organisation) -> QuerySet[User]:
    """Who executes an instruction: the body's editors and approvers; for the authorized body its coordinators."""
    if assignee.is_authorized_body:
        return coordinators()
    return people_with_roles([assignee], (Role.EDITOR, Role.APPROVER))


def instruction_link(instruction: Instruction) -> str:
    return reverse("office:instruction", kwargs={"pk": instruction.pk})


def _params(instruction: Instruction) -> dict[str, Any]:
    report = instruction.review.report
    return {
        "number": instruction.number,
        "period": period_label(report.year, report.half),
        "assignee": translated(instruction.assignee, "name"),
        "deadline": instruction.deadline.isoformat(),
        "text": {code: getattr(instruction, f"text_{code}", None) or instruction.text for code in LANGUAGES},
    }


def _check_recorder(actor: Any) -> None:
    if not actor.has_perm("reports.record_government_review"):
        raise NotPermitted(_("Only the Government Apparatus's approvers record the Government's review."))


def record_government_review(
    *,
    actor: Any,
    report: HalfYearReport,
    reviewed_on: datetime.date,
    reference: str,
    conclusions_kk: str,
    conclusions_ru: str,
    conclusions_en: str = "",
    revision: int = 0,
) -> GovernmentReview:
    """Record (or correct) the Government's review of submitted results. `revision`: the review's, as seen."""
    _check_recorder(actor)
    reference = reference.strip()
    if not reference:
        raise DomainError(_("Give the reference of the review, e.g. the minutes' number and date."), code="reference")
    if reviewed_on > timezone.localdate():
        raise DomainError(_("The date of the review cannot be in the future."), code="future")
    new = {
        "reviewed_on": reviewed_on,
        "reference": reference,
        "conclusions_kk": conclusions_kk.strip(),
        "conclusions_ru": conclusions_ru.strip(),
        "conclusions_en": conclusions_en.strip(),
    }
    with transaction.atomic():
        report = HalfYearReport.objects.select_for_update().get(pk=report.pk)
        if report.status != HalfYearReport.Status.SUBMITTED or report.submitted_at is None:
            raise DomainError(_("The results have not been submitted yet."), code="not_submitted")
        if reviewed_on < timezone.localdate(report.submitted_at):
            raise DomainError(_("The review cannot be earlier than the submission."), code="before_submission")
        review = GovernmentReview.objects.filter(report=report).first()
        if review is None:
            if revision != 0:
                raise _changed_meanwhile()
            review = GovernmentReview.objects.create(report=report, recorded_by=actor, revision=1, **new)
            record_audit(
                actor=actor,
                action="reports.review.record",
                target=review,
                new=snapshot(review, REVIEW_FIELDS),
            )
            return review
        if review.revision != revision:
            raise _changed_meanwhile()
        old_values, new_values = changed(snapshot(review, REVIEW_FIELDS), new)
        if not new_values:
            return review
        for name, value in new.items():
            setattr(review, name, value)
        review.revision += 1
        review.save(update_fields=[*new, "revision"])
        record_audit(actor=actor, action="reports.review.update", target=review, old=old_values, new=new_values)
    return review


def _validate_instruction(*, text_kk: str, text_ru: str, assignee: Organisation, deadline: datetime.date) -> None:
    if not text_kk.strip() or not text_ru.strip():
        raise DomainError(_("Write the instruction in Kazakh and in Russian."), code="text")
    executing_kinds = (Organisation.Kind.MINISTRY, Organisation.Kind.COMMITTEE, Organisation.Kind.AKIMAT)
    if assignee.kind not in executing_kinds and not assignee.is_authorized_body:
        raise DomainError(_("The executor must be a ministry, a committee or an akimat."), code="assignee")
    if deadline is None:
        raise DomainError(_("Give the deadline."), code="deadline")


def add_instruction(
    *,
    actor: Any,
    review: GovernmentReview,
    text_kk: str,
    text_ru: str,
    text_en: str = "",
    assignee: Organisation,
    deadline: datetime.date,
) -> Instruction:
    """Record an instruction given at the review, numbered next, and tell the executor body."""
    _check_recorder(actor)
    _validate_instruction(text_kk=text_kk, text_ru=text_ru, assignee=assignee, deadline=deadline)
    with transaction.atomic():
        review = GovernmentReview.objects.select_for_update().select_related("report").get(pk=review.pk)
        last = Instruction.objects.filter(review=review).aggregate(last=Max("number"))["last"] or 0
        instruction = Instruction.objects.create(
            review=review,
            number=last + 1,
            text=text_kk.strip(),
            text_kk=text_kk.strip(),
            text_ru=text_ru.strip(),
            text_en=text_en.strip(),
            assignee=assignee,
            deadline=deadline,
            created_by=actor,
        )
        record_audit(
            actor=actor,
            action="reports.instruction.add",
            target=instruction,
            organisation=assignee,
            new={"number": instruction.number, **snapshot(instruction, INSTRUCTION_FIELDS)},
        )
        notify(
            recipients=executors(assignee),
            kind="reports.instruction.given",
            params=_params(instruction),
            link=instruction_link(instruction),
        )
    return instruction


def _locked_open(instruction: Instruction, revision: int) -> Instruction:
    locked = Instruction.objects.select_for_update().select_related("review__report", "assignee").get(pk=instruction.pk)
    if locked.revision != revision:
        raise _changed_meanwhile()
    if locked.status != Instruction.Status.OPEN:
        raise DomainError(_("Only an instruction being executed can be changed."), code="not_open")
    return locked


def update_instruction(
    *,
    actor: Any,
    instruction: Instruction,
    text_kk: str,
    text_ru: str,
    text_en: str = "",
    assignee: Organisation,
    deadline: datetime.date,
    revision: int,
) -> Instruction:
    _check_recorder(actor)
    _validate_instruction(text_kk=text_kk, text_ru=text_ru, assignee=assignee, deadline=deadline)
    new = {
        "text_kk": text_kk.strip(),
        "text_ru": text_ru.strip(),
        "text_en": text_en.strip(),
        "assignee": assignee,
        "deadline": deadline,
    }
    with transaction.atomic():
        instruction = _locked_open(instruction, revision)
        old_values, new_values = changed(snapshot(instruction, INSTRUCTION_FIELDS), snapshot_values(new))
        if not new_values:
            return instruction
        for name, value in new.items():
            setattr(instruction, name, value)
        instruction.revision += 1
        instruction.save(update_fields=[*new, "revision"])
        record_audit(
            actor=actor,
            action="reports.instruction.update",
            target=instruction,
            organisation=assignee,
            old=old_values,
            new=new_values,
        )
    return instruction


def snapshot_values(values: dict[str, Any]) -> dict[str, Any]:
    """Values as `snapshot` stores them (an organisation by its key)."""
    return {name: (value.pk if isinstance(value, Organisation) else value) for name, value in values.items()}


def withdraw_instruction(*, actor: Any, instruction: Instruction, revision: int) -> Instruction:
    _check_recorder(actor)
    with transaction.atomic():
        instruction = _locked_open(instruction, revision)
        instruction.status = Instruction.Status.WITHDRAWN
        instruction.revision += 1
        instruction.save(update_fields=["status", "revision"])
        record_audit(
            actor=actor,
            action="reports.instruction.withdraw",
            target=instruction,
            organisation=instruction.assignee,
            old={"status": Instruction.Status.OPEN},
            new={"status": Instruction.Status.WITHDRAWN},
        )
    return instruction


def report_on_instruction(
    *, actor: Any, instruction: Instruction, report: str, done_on: datetime.date, revision: int
) -> Instruction:
    """The executor body reports the instruction executed (or corrects its report)."""
    if not actor.has_perm("reports.report_on_instruction", instruction):
        raise NotPermitted(_("Only the executor body reports on this instruction."))
    report = report.strip()
    if not report:
        raise DomainError(_("Say what was done."), code="report")
    if done_on > timezone.localdate():
        raise DomainError(_("The date of execution cannot be in the future."), code="future")
    with transaction.atomic():
        locked = (
            Instruction.objects.select_for_update().select_related("review__report", "assignee").get(pk=instruction.pk)
        )
        if locked.revision != revision:
            raise _changed_meanwhile()
        if locked.status == Instruction.Status.WITHDRAWN:
            raise DomainError(_("This instruction was withdrawn."), code="withdrawn")
        if done_on < locked.review.reviewed_on:
            raise DomainError(_("The date of execution cannot be earlier than the review."), code="before_review")
        first = locked.status == Instruction.Status.OPEN
        old = {"status": locked.status, "report": locked.report, "done_on": locked.done_on}
        locked.status = Instruction.Status.DONE
        locked.report, locked.done_on = report, done_on
        locked.reported_by, locked.reported_at = actor, timezone.now()
        locked.revision += 1
        locked.save(update_fields=["status", "report", "done_on", "reported_by", "reported_at", "revision"])
        old_values, new_values = changed(old, {"status": locked.status, "report": report, "done_on": done_on})
        record_audit(
            actor=actor,
            action="reports.instruction.report",
            target=locked,
            organisation=locked.assignee,
            old=old_values,
            new=new_values,
        )
        if first:
            notify(
                recipients=apparatus_readers(),
                kind="reports.instruction.reported",
                params=_params(locked),
                link=instruction_link(locked),
            )
    return locked


def reminder_key(instruction: Instruction) -> str:
    return f"instruction:{instruction.pk}"


def notify_overdue_instructions(*, today: datetime.date) -> int:
    """Tell each overdue instruction's executors once; returns how many notices went out."""
    sent = 0
    late = (
        Instruction.objects.filter(overdue_instructions_q(today))
        .select_related("review__report", "assignee")
        .order_by("pk")
    )
    for instruction in late:
        # One transaction per instruction: its Reminder rows and notifications commit together.
        with transaction.atomic():
            recipients = [
                user
                for user in executors(instruction.assignee)
                if Reminder.objects.get_or_create(
                    obligation_key=reminder_key(instruction), kind=Reminder.Kind.OVERDUE, recipient=user
                )[1]
            ]
            if recipients:
                notify(
                    recipients=recipients,
                    kind="reports.instruction.overdue",
                    params=_params(instruction),
                    link=instruction_link(instruction),
                )
                sent += len(recipients)
    if sent:
        record_audit(actor=None, action="reports.instruction_overdue_notices_sent", new={"date": today, "sent": sent})
    logger.info("Overdue instruction notices for %s: %d sent", today, sent)
    return sent
