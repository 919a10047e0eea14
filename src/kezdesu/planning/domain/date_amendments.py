"""A meeting's date chosen after the population's vote (R9) carried into the schedule as an amendment.

The ministry's approver fixes the date; the schedule belongs to the authorized body and is the Government's
act. So the change is written to the working draft in the same transaction, and then:
- the ministry's agreement stands (its approver chose the date), and the akimat of the region is asked to
  agree the new date again (G1.1: the date is agreed with the local executive body);
- the coordinators are told to submit the amendment once the akimat agrees: like any amendment it becomes
  the schedule in force only with the approving act's number and date (`versions.py`);
- if the draft is submitted to the Government, it cannot change: the coordinators are told to carry
  the new date over once the draft is approved.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.planning.domain.draft import working_version
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import coordinators, people_with_roles
from kezdesu.planning.domain.queries.schedule import akimat_of_region, current_approved_version
from kezdesu.planning.models import ItemAgreement, PlanningPeriod, ScheduleItem, ScheduleVersion

register_kind(
    "schedule.date_change_pending",
    message=gettext_lazy(
        "After the population's vote, %(official)s meets the population of %(region)s on %(start)s – %(end)s. "
        "The change is in the working draft and the akimat is asked to agree it: once it agrees, submit the "
        "amendment of the schedule for approval."
    ),
    subject=gettext_lazy("Amend the schedule: new date for %(official)s in %(region)s"),
)
register_kind(
    "schedule.date_change_blocked",
    message=gettext_lazy(
        "After the population's vote, %(official)s meets the population of %(region)s on %(start)s – %(end)s. "
        "The draft schedule is submitted to the Government and could not change: please carry the new date "
        "over once it is approved."
    ),
    subject=gettext_lazy("New date to carry over: %(official)s in %(region)s"),
)


def amendment_reason() -> str:
    """The stored reason, written once in the site's default language like any reason typed in the office."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Date chosen after the population's vote")


class Outcome(StrEnum):
    PENDING = "pending"  # in the working draft: the akimat is asked, then the amendment is submitted
    DRAFT_ONLY = "draft_only"  # no approved schedule yet: the draft itself carries the date
    BLOCKED = "blocked"  # the draft is submitted and cannot change; the coordinators are told
    NOT_FOUND = "not_found"  # the schedule has no such item (any more)
    UNCHANGED = "unchanged"  # the residents chose the dates the schedule already has


@dataclass(frozen=True)
class DateAmendment:
    outcome: Outcome
    item: ScheduleItem | None = None
    version: ScheduleVersion | None = None


def _params(item: ScheduleItem, start_date: date, end_date: date) -> dict[str, Any]:
    period = item.version.period
    return {
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "official": translated(item.position, "title"),
        "region": translated(item.region),
        "start": start_date.isoformat(),
        "end": end_date.isoformat(),
    }


def amend_item_dates(
    *, actor: Any, period: PlanningPeriod, uid: UUID, start_date: date, end_date: date
) -> DateAmendment:
    """Move the schedule item `uid` to the dates the population chose (the caller checked the decision)."""
    with transaction.atomic():
        working_version(period)
        working = ScheduleVersion.objects.select_for_update().select_related("period").get(period=period, number=None)
        item = (
            ScheduleItem.objects.select_related("organisation", "position", "region", "version__period")
            .filter(version=working, uid=uid)
            .first()
        )
        approved = current_approved_version(period)
        if item is None:
            in_force = (
                approved.items.filter(uid=uid).select_related("position", "region", "version__period").first()
                if approved is not None
                else None
            )
            # Removed from the working draft by the coordinator: nothing to carry the date into.
            if in_force is not None and working.status == ScheduleVersion.Status.SUBMITTED:
                notify(
                    recipients=coordinators(),
                    kind="schedule.date_change_blocked",
                    params=_params(in_force, start_date, end_date),
                )
                return DateAmendment(outcome=Outcome.BLOCKED, item=in_force)
            return DateAmendment(outcome=Outcome.NOT_FOUND)
        if (item.start_date, item.end_date) == (start_date, end_date):
            return DateAmendment(outcome=Outcome.UNCHANGED, item=item)
        if working.status != ScheduleVersion.Status.WORKING:
            notify(
                recipients=coordinators(),
                kind="schedule.date_change_blocked",
                params=_params(item, start_date, end_date),
            )
            return DateAmendment(outcome=Outcome.BLOCKED, item=item)
        old = {"start_date": item.start_date.isoformat(), "end_date": item.end_date.isoformat()}
        item.start_date, item.end_date = start_date, end_date
        item.save(update_fields=["start_date", "end_date"])
        record_audit(
            actor=actor,
            action="planning.item.update",
            target=item,
            organisation=item.organisation,
            old=old,
            new={"start_date": start_date.isoformat(), "end_date": end_date.isoformat(), "source": "date_vote"},
        )
        _ask_again(actor=actor, item=item)
        params = _params(item, start_date, end_date)
        if approved is None:
            return DateAmendment(outcome=Outcome.DRAFT_ONLY, item=item)
        notify(recipients=coordinators(), kind="schedule.date_change_pending", params=params)
        return DateAmendment(outcome=Outcome.PENDING, item=item)


def _ask_again(*, actor: Any, item: ScheduleItem) -> None:
    """The ministry chose the date (its agreement stands); the region's akimat is asked to agree it."""
    akimat = akimat_of_region(item.region)
    for agreement in ItemAgreement.objects.filter(item=item).select_related("organisation"):
        if agreement.organisation_id == item.organisation_id:
            decision, by, comment = ItemAgreement.Decision.AGREED, actor, ""
        elif akimat is not None and agreement.organisation_id == akimat.pk:
            decision, by, comment = ItemAgreement.Decision.PENDING, None, ""
        else:
            continue
        if agreement.decision == decision and decision == ItemAgreement.Decision.AGREED:
            continue
        old = {"decision": agreement.decision}
        agreement.decision, agreement.comment, agreement.paper_reference = decision, comment, ""
        agreement.decided_by = by
        agreement.decided_at = timezone.now() if by is not None else None
        agreement.save(update_fields=["decision", "comment", "paper_reference", "decided_by", "decided_at"])
        record_audit(
            actor=actor,
            action="planning.agreement.date_vote",
            target=agreement,
            organisation=agreement.organisation,
            old=old,
            new={"decision": decision, "source": "date_vote"},
        )
    if akimat is not None:
        notify(
            recipients=people_with_roles([akimat]),
            kind="schedule.agreement_requested",
            params={
                "organisation": translated(akimat),
                "official": translated(item.position, "title"),
                "region": translated(item.region),
                "start": item.start_date.isoformat(),
                "end": item.end_date.isoformat(),
            },
        )
