"""The agendas and tasks demo: entered through the domain, and idempotent."""

import pytest
from django.utils import timezone

from kezdesu.demo.agenda import add_agenda_demo
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import VOTE_OPEN
from kezdesu.meetings.models import AgendaItem, VisitTask
from kezdesu.organisations.models import User
from tests.factories.agenda import with_profile
from tests.factories.meetings import build_visit_world
from tests.factories.organisations import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_sets_the_agenda_and_tasks_once():
    with_profile()
    world = build_visit_world()
    UserFactory(username="admin", is_superuser=True, is_staff=True, is_demo=True)
    User.objects.filter(username="akimat_editor").update(is_demo=True)  # the only party with a demo account
    clock = DemoClock(timezone.localdate())
    first = add_agenda_demo(clock, {VOTE_OPEN: world.visit})
    second = add_agenda_demo(clock, {VOTE_OPEN: world.visit})
    agenda = list(AgendaItem.objects.filter(part__visit=world.visit).values_list("kind", "planned_minutes"))
    assert agenda == [("opening", 5), ("presentation", 25), ("questions", 85), ("closing", 5)]
    assert first["task_lists"] == 1
    assert first["tasks_changed"] == 8
    assert second == {"agendas": 0, "task_lists": 0, "tasks_changed": 0}
    venue = VisitTask.objects.get(visit=world.visit, code="venue")
    assert (venue.status, venue.updated_by.username) == ("done", "akimat_editor")
