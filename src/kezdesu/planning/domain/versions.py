"""Submitting and approving a period's schedule and its amendments (R8, G3.1), as pretalx freezes releases.

The working version is edited; the authorized body submits it to the Government once every party has
agreed (acknowledging a warning is not agreeing: a pending or refused agreement blocks the submission);
the Government approves it with its act, which freezes a copy numbered n+1 and supersedes the one before.
An amendment takes the same road: the working draft's changes since the approved version, with the reason,
are submitted (the parties a change affects are asked again) and become the next version only with the
approving act's number and date. Each step locks the working version's row, so two people cannot submit or
approve the same draft twice; an approved draft with no change since offers nothing to submit.
"""

from collections.abc import Iterable
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
from kezdesu.planning.domain.queries.recipients import people_with_roles
from kezdesu.planning.domain.queries.schedule import akimat_of_region, current_approved_version
from kezdesu.planning.domain.texts import per_language
from kezdesu.planning.domain.warnings import outstanding_warnings
from kezdesu.planning.models import ItemAgreement, PlanningPeriod, ScheduleItem, ScheduleVersion
from kezdesu.planning.signals import schedule_frozen

__all__ = ["Diff", "approve_schedule", "submit_schedule", "version_diff"]

PARTY_ROLES = (Role.VIEWER, Role.EDITOR, Role.APPROVER)
GOVERNMENT_KINDS = (Organisation.Kind.GOVERNMENT, Organisation.Kind.GOVERNMENT_APPARATUS)
COPIED_FIELDS = (
    "uid",
    "organisation_id",
    "position_id",
    "region_id",
    "district_id",
    "start_date",
    "end_date",
    *per_language("topics"),
    "is_unscheduled",
    "risk_flag_id",
    "proposal_id",
    "deputy_prime_minister_required",
    "deputy_prime_minister_id",
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


def submit_schedule(*, actor: Any, period: PlanningPeriod, reason: str = "") -> ScheduleVersion:
    """Submit the working draft to the Government: the period's schedule, or, once one is approved, an
    amendment of it with its `reason`."""
    if not actor.has_perm("planning.submit_schedule"):
        raise NotPermitted(_("Only the authorized body submits the draft schedule."))
    reason = reason.strip()
    with transaction.atomic():
        version = _locked_working_version(period)
        if version.status != ScheduleVersion.Status.WORKING:
            raise DomainError(_("The draft is already submitted."), code="already_submitted")
        if not version.items.exists():
            raise DomainError(_("The draft has no meetings."), code="empty")
        approved = current_approved_version(period)
        if approved is not None:
            if not version_diff(approved, version):
                raise DomainError(
                    _(
                        "The schedule is approved (version %(number)s) and the draft has not changed since: there is "
                        "nothing to submit."
                    )
                    % {"number": approved.number},
                    code="no_change",
                )
            if not reason:
                raise DomainError(_("Give the reason for the amendment."), code="reason")
        outstanding = outstanding_warnings(version)
        if outstanding:
            raise DomainError(
                _("Resolve every blocking warning and acknowledge the others before submitting (%(count)s left).")
                % {"count": len(outstanding)},
                code="warnings",
            )
        version.status = ScheduleVersion.Status.SUBMITTED
        version.submitted_at = timezone.now()
        version.reason = reason if approved is not None else ""
        version.save(update_fields=["status", "submitted_at", "reason"])
        record_audit(
            actor=actor,
            action="planning.schedule.submit",
            target=version,
            old={"status": ScheduleVersion.Status.WORKING},
            new={"status": version.status, **({"amendment_reason": reason} if approved is not None else {})},
        )
        notify(
            recipients=people_with_roles(_government_bodies(), (Role.APPROVER,)),
            kind="schedule.amendment_submitted" if approved is not None else "schedule.submitted",
            params={**_period_params(period), **({"reason": reason} if approved is not None else {})},
        )
    return version


def _government_bodies() -> list[Organisation]:
    return list(Organisation.objects.filter(kind__in=GOVERNMENT_KINDS, is_active=True))


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
    # The frozen version keeps the parties' answers as they stood: the meeting was agreed with the akimat (G1.1).
    copy_of = {item.pk: copy.pk for item, copy in zip(items, copies, strict=True)}
    ItemAgreement.objects.bulk_create(
        [
            ItemAgreement(
                item_id=copy_of[agreement.item_id],
                organisation_id=agreement.organisation_id,
                decision=agreement.decision,
                comment=agreement.comment,
                decided_by_id=agreement.decided_by_id,
                decided_at=agreement.decided_at,
                paper_reference=agreement.paper_reference,
            )
            for agreement in ItemAgreement.objects.filter(item__in=items)
        ]
    )
    schedule_frozen.send(sender=ScheduleVersion, version=frozen, actor=actor)
    return frozen


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
        approved = current_approved_version(period)
        diff = version_diff(approved, working) if approved is not None else None
        if approved is not None and approved.act_date is not None and act_date < approved.act_date:
            raise DomainError(
                _("The approving act's date cannot be before the act of the version it amends (%(date)s).")
                % {"date": f"{approved.act_date:%d.%m.%Y}"},
                code="act_date",
            )
        frozen = _freeze(actor=actor, working=working, act_number=act_number, act_date=act_date, reason=working.reason)
        working.status = ScheduleVersion.Status.WORKING
        working.reason = ""
        working.save(update_fields=["status", "reason"])
        record_audit(
            actor=actor,
            action="planning.schedule.approve",
            target=frozen,
            new={
                "number": frozen.number,
                "act_number": act_number,
                "act_date": act_date.isoformat(),
                **({"reason": frozen.reason} if approved is not None else {}),
            },
        )
        if diff is not None:  # an amendment: the parties of what changed are told what changed
            for party in _parties(diff.affected_items()):
                notify(
                    recipients=people_with_roles([party], PARTY_ROLES),
                    kind="schedule.amended",
                    params={
                        **_period_params(period),
                        "number": frozen.number,
                        "organisation": translated(party),
                        "reason": frozen.reason,
                    },
                )
            return frozen
        notify(
            recipients=people_with_roles(_parties(frozen.items.select_related("organisation", "region")), PARTY_ROLES),
            kind="schedule.approved",
            params={**_period_params(period), "act_number": act_number, "act_date": act_date.isoformat()},
        )
    return frozen
