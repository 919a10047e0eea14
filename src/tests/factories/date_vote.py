"""The vote on a visit's date (R9): options on working days of March 2027, and a visit carrying out an
item of an approved schedule.

`build_scheduled_visit()` approves a one-item schedule for the first half of 2027 (as the authorized
body and the Government would) and creates the visit of that item, with its meeting part, on 10 March.
"""

import datetime
from dataclasses import dataclass

from kezdesu.meetings.models import DateOption, Visit, VisitPart
from kezdesu.planning.domain.draft import add_item
from kezdesu.planning.domain.versions import approve_schedule, submit_schedule
from kezdesu.planning.domain.warnings import draft_warnings
from kezdesu.planning.models import ItemAgreement, ScheduleItem, ScheduleVersion, WarningAcknowledgement
from tests.factories.meetings import VISIT_DAY, at
from tests.factories.planning import ScheduleWorld, build_schedule_world

ACT_DATE = datetime.date(2026, 11, 20)
# Wednesday 10 (the visit's first day), Thursday 11 and Friday 12 March 2027 are working days.
OPTION_DAYS = (VISIT_DAY, datetime.date(2027, 3, 11), datetime.date(2027, 3, 12))


def offer_options(visit: Visit, days: tuple[datetime.date, ...] = OPTION_DAYS) -> list[DateOption]:
    """Options from 10:00 to 12:00 on each day, made directly (not through the domain)."""
    return [DateOption.objects.create(visit=visit, starts_at=at(10, day=day), ends_at=at(12, day=day)) for day in days]


@dataclass
class ScheduledVisit:
    schedule: ScheduleWorld
    item: ScheduleItem
    approved: ScheduleVersion
    visit: Visit

    def user(self, role_name: str):
        return self.schedule.user(role_name)


def approve(world: ScheduleWorld) -> ScheduleVersion:
    """Agree every item, acknowledge every warning, submit and approve, as tests/planning/test_versions.py."""
    ItemAgreement.objects.update(decision=ItemAgreement.Decision.AGREED)
    for warning in draft_warnings(world.version):
        if not warning.is_acknowledged:
            WarningAcknowledgement.objects.create(version=world.version, key=warning.key, note="Accepted")
    submit_schedule(actor=world.user("coordinator"), period=world.period)
    return approve_schedule(
        actor=world.user("government_approver"), period=world.period, act_number="No. 5", act_date=ACT_DATE
    )


def build_scheduled_visit() -> ScheduledVisit:
    world = build_schedule_world()
    region = world.roles.akimat.region
    item = add_item(
        actor=world.user("coordinator"),
        version=world.version,
        organisation=world.roles.ministry,
        position=world.minister,
        region=region,
        start_date=VISIT_DAY,
        end_date=VISIT_DAY,
        topics_en="Roads",
    )
    approved = approve(world)
    visit = Visit.objects.create(
        schedule_uid=item.uid,
        period=world.period,
        organisation=world.roles.ministry,
        position=world.minister,
        region=region,
        start_date=VISIT_DAY,
        end_date=VISIT_DAY,
        status=Visit.Status.PUBLISHED,
        title_en="Minister A meets the population",
    )
    VisitPart.objects.create(visit=visit, kind=VisitPart.Kind.MEETING, starts_at=at(10), ends_at=at(12))
    VisitPart.objects.create(visit=visit, kind=VisitPart.Kind.RECEPTION, starts_at=at(13), ends_at=at(15))
    return ScheduledVisit(schedule=world, item=item, approved=approved, visit=visit)
