import pytest
from django.utils import timezone

from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import LIVE
from kezdesu.demo.live_page import add_live_page_demo
from kezdesu.questions.models import Question, QuestionVote
from tests.factories.live import build_live_world

pytestmark = pytest.mark.django_db


def test_the_demo_votes_for_the_questions_of_todays_visit_once():
    world = build_live_world()

    clock = DemoClock(timezone.localdate())
    cast = add_live_page_demo(clock, {LIVE: world.visit})
    again = add_live_page_demo(clock, {LIVE: world.visit})

    assert cast > 40
    assert again == 0
    assert QuestionVote.objects.count() == cast
    assert sum(Question.objects.filter(visit=world.visit).values_list("votes", flat=True)) == cast
