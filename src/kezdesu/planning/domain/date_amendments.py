"""A meeting's date chosen after the population's vote (R9) carried into the schedule as an amendment.

The ministry's approver fixes the date; the schedule belongs to the authorized body. So the change
is written to the working draft in the same transaction, and then:
- if the draft held no other change, the system freezes it at once as an amendment with the reason
  "Date chosen after the population's vote" (nobody else's pending work is published with it);
- otherwise the change waits in the draft with the coordinator's other edits, and the coordinators
  are told to amend the schedule;
- if the draft is submitted to the Government, it cannot change: the coordinators are told to carry
  the new date over once the draft is approved.
The parties' agreements are not asked again: the ministry chose the date itself and the akimat is told.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.planning.domain.draft import working_version
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import coordinators, people_with_roles
from kezdesu.planning.domain.queries.schedule import akimat_of_region, current_approved_version
from kezdesu.planning.domain.versions import PARTY_ROLES, freeze_amendment, version_diff
from kezdesu.planning.models import PlanningPeriod, ScheduleItem, ScheduleVersion

register_kind(
    "schedule.date_amended",
    message=gettext_lazy(
        "The schedule of meetings for %(period_start)s – %(period_end)s is amended (version %(number)s): "
        "%(official)s meets the population of %(region)s on %(start)s – %(end)s, the date chosen after the "
        "population's vote."
    ),
    subject=gettext_lazy("Schedule amended after the population's vote: %(official)s in %(region)s"),
)
register_kind(
    "schedule.date_change_pending",
    message=gettext_lazy(
        "After the population's vote, %(official)s meets the population of %(region)s on %(start)s – %(end)s. "
        "The change is in the working draft with other changes: please amend the schedule."
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
    AMENDED = "amended"  # frozen as a new version at once
    PENDING = "pending"  # in the working draft, awaiting the coordinator's amendment
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
        clean = approved is not None and not version_diff(approved, working)
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
        params = _params(item, start_date, end_date)
        if approved is None:
            return DateAmendment(outcome=Outcome.DRAFT_ONLY, item=item)
        if not clean:
            notify(recipients=coordinators(), kind="schedule.date_change_pending", params=params)
            return DateAmendment(outcome=Outcome.PENDING, item=item)
        reason = amendment_reason()
        frozen = freeze_amendment(working=working, reason=reason)
        # The system freezes it, on the ministry approver's decision recorded just above.
        record_audit(
            actor=None,
            action="planning.schedule.amend",
            target=frozen,
            new={"number": frozen.number, "reason": reason, "added": 0, "removed": 0, "changed": 1},
        )
        akimat = akimat_of_region(item.region)
        parties = [item.organisation] + ([akimat] if akimat is not None else [])
        notify(
            recipients=[*people_with_roles(parties, PARTY_ROLES), *coordinators()],
            kind="schedule.date_amended",
            params={**params, "number": frozen.number},
        )
        return DateAmendment(outcome=Outcome.AMENDED, item=item, version=frozen)
