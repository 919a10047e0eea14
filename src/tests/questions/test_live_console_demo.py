import pytest
from django.utils import timezone

from kezdesu.demo.clock import DemoClock
from kezdesu.demo.live_console import add_live_console_demo, demo_webhook_secret
from kezdesu.meetings.models import OfficialAccount
from kezdesu.organisations.models import Role
from kezdesu.questions.models import Channel, Question
from tests.factories.meetings import build_visit_world
from tests.factories.organisations import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_imports_each_platforms_comments_once_and_sets_webhook_secrets():
    world = build_visit_world()
    editor = UserFactory(username=f"{world.roles.ministry.code}.editor", is_demo=True)
    MembershipFactory(user=editor, organisation=world.roles.ministry, role=Role.EDITOR)
    clock = DemoClock(timezone.localdate())
    assert add_live_console_demo(clock, [world.visit]) == {"visits": 1, "comments": 12, "webhook_secrets": 1}
    platforms = {q.external_id.split(":")[0] for q in Question.objects.filter(channel=Channel.BROADCAST)}
    assert platforms == {"youtube", "facebook", "telegram", "vk"}
    account = OfficialAccount.objects.get(organisation=world.roles.ministry)
    assert account.webhook_secret == demo_webhook_secret(account)
    assert add_live_console_demo(clock, [world.visit]) == {"visits": 1, "comments": 0, "webhook_secrets": 0}
    assert Question.objects.filter(channel=Channel.BROADCAST).count() == 12
