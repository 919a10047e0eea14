import pytest
from django.utils import timezone

from kezdesu.demo.clock import DemoClock
from kezdesu.demo.moderation import add_moderation_demo
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Role
from kezdesu.questions.domain.moderation_checks import removed_marker
from kezdesu.questions.models import Question, QuestionGroup
from tests.factories.meetings import build_visit_world
from tests.factories.organisations import MembershipFactory, UserFactory
from tests.factories.questions import question

pytestmark = pytest.mark.django_db


def test_the_demo_moderates_a_held_visit_once():
    world = build_visit_world(status=Visit.Status.HELD)
    editor = UserFactory(username=f"{world.roles.ministry.code}.editor", is_demo=True)
    MembershipFactory(user=editor, organisation=world.roles.ministry, role=Role.EDITOR)
    for _ in range(2):
        question(world.visit, "Когда отремонтируют дорогу в селе?")
    clock = DemoClock(timezone.localdate())
    first = add_moderation_demo(clock, [world.visit])
    assert first == {"visits": 1, "groups": 1, "published": 4, "hidden": 2}
    # The marker is in the question's language (Russian here), whatever the catalogue says it is.
    marker = removed_marker("ru")
    assert Question.objects.get(external_id="demo-moderation-1").published_text == (
        f"Позвоните мне по номеру {marker}, когда починят уличное освещение на нашей улице?"
    )
    assert add_moderation_demo(clock, [world.visit]) == {"visits": 0, "groups": 0, "published": 0, "hidden": 0}
    assert QuestionGroup.objects.count() == 1
