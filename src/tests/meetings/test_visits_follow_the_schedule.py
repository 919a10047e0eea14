"""An amendment of the schedule moves the visits that carry out its items (planning's schedule_frozen signal)."""

import datetime

import pytest

from kezdesu.meetings.models import VisitPart
from kezdesu.planning.domain.draft import update_item
from tests.factories.date_vote import build_scheduled_visit
from tests.factories.meetings import at
from tests.factories.planning import agree_and_approve

pytestmark = pytest.mark.django_db

MARCH_17 = datetime.date(2027, 3, 17)


def test_an_amendment_moving_an_item_moves_its_visit_and_the_times_of_its_parts():
    world = build_scheduled_visit()
    coordinator = world.user("coordinator")
    working_item = world.schedule.version.items.get(uid=world.item.uid)
    update_item(actor=coordinator, item=working_item, start_date=MARCH_17, end_date=MARCH_17)

    agree_and_approve(world.schedule, reason="The minister's agenda changed")

    world.visit.refresh_from_db()
    meeting = world.visit.parts.get(kind=VisitPart.Kind.MEETING)
    assert (world.visit.start_date, world.visit.end_date) == (MARCH_17, MARCH_17)
    assert (meeting.starts_at, meeting.ends_at) == (at(10, day=MARCH_17), at(12, day=MARCH_17))


def test_an_amendment_that_leaves_the_item_alone_leaves_its_visit_alone():
    world = build_scheduled_visit()
    coordinator = world.user("coordinator")
    working_item = world.schedule.version.items.get(uid=world.item.uid)
    update_item(actor=coordinator, item=working_item, topics_en="Roads and water")

    agree_and_approve(world.schedule, reason="Topics widened")

    world.visit.refresh_from_db()
    assert world.visit.start_date == world.item.start_date
