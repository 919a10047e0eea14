"""Submitting, approving and amending a period's schedule (R8, G3.1), as pretalx freezes releases.

The working version is edited; approval freezes a copy numbered n+1 with the approving act and
supersedes the copy before it; an amendment freezes the next copy with its reason. Each step
locks the working version's row, so two people cannot approve or amend the same draft twice.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import Organisation, Role
from kezdesu.planning.domain.diff import Diff, version_diff
from kezdesu.planning.domain.draft import working_version
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.periods import period_deadlines
from kezdesu.planning.domain.queries.recipients import people_with_roles
from kezdesu.planning.domain.queries.schedule import akimat_of_region, current_approved_version
from kezdesu.planning.domain.warnings import outstanding_warnings
from kezdesu.planning.models import PlanningPeriod, ScheduleItem, ScheduleVersion
from kezdesu.planning.signals import schedule_frozen
from kezdesu.regulations.domain.obligations import ObligationState, record_fulfilment

__all__ = ["Diff", "amend_schedule", "approve_schedule", "freeze_amendment", "submit_schedule", "version_diff"]

SUBMITTED_REFERENCE = "Submitted in Kezdesu"
GOVERNMENT_KINDS = (Organisation.Kind.GOVERNMENT, Organisation.Kind.GOVERNMENT_APPARATUS)
PARTY_ROLES = (Role.VIEWER, Role.EDITOR, Role.APPROVER)
COPIED_FIELDS = (
    "uid",
    "organisation_id",
    "position_id",
    "region_id",
    "district_id",
    "start_date",
    "end_date",
    "topics",
    "is_unscheduled",
    "risk_flag_id",
    "proposal_id",
    "deputy_prime_minister_required",
    "other_akims",
)


def _locked_working_version(period: PlanningPeriod) -> ScheduleVersion:
    working_version(period)
    return ScheduleVersion.objects.select_for_update().select_related("period").get(period=period, number=None)


def _period_params(period: PlanningPeriod) -> dict[str, str]:
    return {"period_start": period.start.isoformat(), "period_end": period.end.isoformat()}


def _parties(items: Iterable[ScheduleItem]) -> list[Organisation]:
    """The ministries and akimats concerned by the items."""
    parties: dict[int, Organisation] = {}
    for item in items:
        parties[item.organisation_id] = item.organisation
        akimat = akimat_of_region(item.region)
        if akimat is not None:
            parties[akimat.pk] = akimat
    return list(parties.values())


def _record_planning_step(
    *, actor: Any, version: ScheduleVersion, owed_by: Callable[[Organisation], bool], met_on: date, reference: str
) -> None:
    """The period's planning obligations owed by the body this step is taken for are met (R7, R8)."""
    for obligation in period_deadlines(version.period):
        debtor = obligation.debtor.organisation
        if debtor is None or not owed_by(debtor) or obligation.state == ObligationState.MET:
            continue
        record_fulfilment(actor=actor, obligation=obligation, met_on=met_on, reference=reference, record=version)


def submit_schedule(*, actor: Any, period: PlanningPeriod) -> ScheduleVersion:
    if not actor.has_perm("planning.submit_schedule"):
        raise NotPermitted(_("Only the authorized body submits the draft schedule."))
    with transaction.atomic():
        version = _locked_working_version(period)
        if version.status != ScheduleVersion.Status.WORKING:
            raise DomainError(_("The draft is already submitted."), code="already_submitted")
        if not version.items.exists():
            raise DomainError(_("The draft has no meetings."), code="empty")
        outstanding = outstanding_warnings(version)
        if outstanding:
            raise DomainError(
                _("Resolve or acknowledge every warning before submitting (%(count)s left).")
                % {"count": len(outstanding)},
                code="warnings",
            )
        version.status = ScheduleVersion.Status.SUBMITTED
        version.submitted_at = timezone.now()
        version.save(update_fields=["status", "submitted_at"])
        record_audit(
            actor=actor,
            action="planning.schedule.submit",
            target=version,
            old={"status": ScheduleVersion.Status.WORKING},
            new={"status": version.status},
        )
        _record_planning_step(
            actor=actor,
            version=version,
            owed_by=lambda debtor: debtor.is_authorized_body,
            met_on=timezone.localdate(),
            reference=SUBMITTED_REFERENCE,
        )
    return version


def _freeze(*, actor: Any, working: ScheduleVersion, **fields: Any) -> ScheduleVersion:
    """Copy the working items into the next numbered version, superseding the approved one."""
    period = working.period
    last = ScheduleVersion.objects.filter(period=period).aggregate(last=Max("number"))["last"] or 0
    ScheduleVersion.objects.filter(period=period, status=ScheduleVersion.Status.APPROVED).update(
        status=ScheduleVersion.Status.SUPERSEDED
    )
    frozen = ScheduleVersion.objects.create(
        period=period,
        number=last + 1,
        status=ScheduleVersion.Status.APPROVED,
        submitted_at=working.submitted_at,
        frozen_at=timezone.now(),
        created_by=actor,
        **fields,
    )
    items = list(working.items.prefetch_related("akim_positions"))
    copies = ScheduleItem.objects.bulk_create(
        [ScheduleItem(version=frozen, **{name: getattr(item, name) for name in COPIED_FIELDS}) for item in items]
    )
    through = ScheduleItem.akim_positions.through
    through.objects.bulk_create(
        [
            through(scheduleitem_id=copy.pk, position_id=position.pk)
            for item, copy in zip(items, copies, strict=True)
            for position in item.akim_positions.all()
        ]
    )
    schedule_frozen.send(sender=ScheduleVersion, version=frozen, actor=actor)
    return frozen


def freeze_amendment(*, working: ScheduleVersion, reason: str) -> ScheduleVersion:
    """Freeze the working draft as an amendment the system makes on another body's lawful decision.

    No permission check: the caller (e.g. `planning.domain.date_amendments`) has checked the decision
    it carries out, locked `working` and found it differing from the approved version in that change only.
    """
    return _freeze(actor=None, working=working, reason=reason)


def approve_schedule(*, actor: Any, period: PlanningPeriod, act_number: str, act_date: date) -> ScheduleVersion:
    """The Government approves the submitted draft: it is frozen as the schedule in force."""
    if not actor.has_perm("planning.approve_schedule"):
        raise NotPermitted(_("Only the Government approves the schedule."))
    act_number = act_number.strip()
    if not act_number:
        raise DomainError(_("Give the approving act's number."), code="act_number")
    if act_date > timezone.localdate():
        raise DomainError(_("The approving act's date cannot be in the future."), code="act_date")
    with transaction.atomic():
        working = _locked_working_version(period)
        if working.status != ScheduleVersion.Status.SUBMITTED:
            raise DomainError(_("Only a submitted draft can be approved."), code="not_submitted")
        frozen = _freeze(actor=actor, working=working, act_number=act_number, act_date=act_date)
        working.status = ScheduleVersion.Status.WORKING
        working.save(update_fields=["status"])
        record_audit(
            actor=actor,
            action="planning.schedule.approve",
            target=frozen,
            new={"number": frozen.number, "act_number": act_number, "act_date": act_date.isoformat()},
        )
        _record_planning_step(
            actor=actor,
            version=frozen,
            owed_by=lambda debtor: debtor.kind in GOVERNMENT_KINDS,
            met_on=act_date,
            reference=act_number,
        )
        notify(
            recipients=people_with_roles(_parties(frozen.items.select_related("organisation", "region")), PARTY_ROLES),
            kind="schedule.approved",
            params={**_period_params(period), "act_number": act_number, "act_date": act_date.isoformat()},
        )
    return frozen


def amend_schedule(*, actor: Any, period: PlanningPeriod, reason: str) -> ScheduleVersion:
    """Freeze the working draft as the next version of an approved schedule, with the reason."""
    if not actor.has_perm("planning.amend_schedule"):
        raise NotPermitted(_("Only the authorized body amends the schedule."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason for the amendment."), code="reason")
    with transaction.atomic():
        working = _locked_working_version(period)
        if working.status != ScheduleVersion.Status.WORKING:
            raise DomainError(_("The draft is submitted and awaits approval."), code="submitted")
        approved = current_approved_version(period)
        if approved is None:
            raise DomainError(_("There is no approved schedule to amend yet."), code="not_approved")
        diff = version_diff(approved, working)
        if not diff:
            raise DomainError(_("The draft does not differ from the approved schedule."), code="no_change")
        frozen = _freeze(actor=actor, working=working, reason=reason)
        record_audit(
            actor=actor,
            action="planning.schedule.amend",
            target=frozen,
            new={
                "number": frozen.number,
                "reason": reason,
                "added": len(diff.added),
                "removed": len(diff.removed),
                "changed": len(diff.changed),
            },
        )
        for party in _parties(diff.affected_items()):
            notify(
                recipients=people_with_roles([party], PARTY_ROLES),
                kind="schedule.amended",
                params={
                    **_period_params(period),
                    "number": frozen.number,
                    "organisation": translated(party),
                    "reason": reason,
                },
            )
    return frozen
