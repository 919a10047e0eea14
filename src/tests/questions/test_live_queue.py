"""The live page's queued intake (questions/domain/live_queue.py): accepted, queued in Redis, drained in batches.

The queue tests need Redis: they run when REDIS_URL is set (CI's PostgreSQL + Redis pass), each under its own
key prefix, removed afterwards. Without Redis the same intake stores the question at once.
"""

import datetime
import io
import json
import os
import uuid

import pytest
from django.utils import timezone

from kezdesu.core.errors import DomainError
from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import LiveMeeting
from kezdesu.questions.domain.live_queue import (
    accept_live_question,
    drain_live_questions,
    processing_key,
    queue_key,
    queued_count,
    redis_client,
    store_live_questions,
)
from kezdesu.questions.models import Channel, Question
from tests.factories.live import build_live_world

pytestmark = pytest.mark.django_db

ROAD = "When will the road to the district hospital be lit at night?"
PHONE = "Call me back on +7 701 123 45 67 about the road to the hospital"


@pytest.fixture
def world():
    return build_live_world()


@pytest.fixture
def queue(settings):
    """Redis as the queue, under a prefix of this test's own."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("The queue needs Redis: set REDIS_URL (CI's PostgreSQL + Redis pass does).")
    settings.REDIS_URL = os.environ["REDIS_URL"]
    settings.CELERY_TASK_ALWAYS_EAGER = True  # no worker in tests: the drain runs when the test calls it
    settings.KEZDESU_LIVE_QUEUE_PREFIX = f"test-live-queue:{uuid.uuid4()}"
    yield
    client = redis_client()
    keys = list(client.scan_iter(f"{settings.KEZDESU_LIVE_QUEUE_PREFIX}*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def no_queue(settings):
    settings.REDIS_URL = ""


def live_questions(visit):
    return Question.objects.filter(visit=visit, channel=Channel.LIVE_PAGE).order_by("pk")


def test_a_queued_question_is_stored_by_the_drain_as_the_form_would(world, queue, django_capture_on_commit_callbacks):
    moment = timezone.now() - datetime.timedelta(seconds=3)
    accepted = accept_live_question(visit_id=world.visit.pk, text=f"  {ROAD} ", network_key="n1", now=moment)
    assert accepted.queued is True
    assert live_questions(world.visit).count() == 0
    assert queued_count() == 1
    revision = LiveMeeting.objects.get(pk=world.meeting.pk).revision

    with django_capture_on_commit_callbacks(execute=True):
        drained = drain_live_questions()

    assert (drained.taken, drained.stored, drained.malformed) == (1, 1, 0)
    question = live_questions(world.visit).get()
    assert (question.external_id, question.text, question.published_text) == (accepted.id, ROAD, ROAD)
    assert (question.status, question.received_at, question.region) == (
        Question.Status.PUBLISHED,
        moment,
        world.visit.region,
    )
    assert queued_count() == 0
    assert AuditLog.objects.filter(action="questions.live_received", target_id=str(question.pk)).count() == 1
    assert LiveMeeting.objects.get(pk=world.meeting.pk).revision == revision + 1


def test_a_batch_drained_twice_stores_each_question_once(world, queue):
    for number in range(3):
        accept_live_question(visit_id=world.visit.pk, text=f"{ROAD} Number {number}.")
    client = redis_client()
    items = [json.loads(value) for value in client.lrange(queue_key(), 0, -1)]
    drain_live_questions()
    # A drain that crashed after its commit, before removing its processing list: the items come back.
    client.rpush(processing_key(), *[json.dumps(item) for item in items])

    drained = drain_live_questions()

    assert (drained.taken, drained.stored) == (3, 0)
    assert live_questions(world.visit).count() == 3
    assert AuditLog.objects.filter(action="questions.live_received").count() == 3
    assert store_live_questions(items) == []


def test_items_left_in_processing_by_a_crashed_drain_are_stored_first(world, queue):
    accept_live_question(visit_id=world.visit.pk, text=ROAD)
    client = redis_client()
    client.lmove(queue_key(), processing_key(), "LEFT", "RIGHT")  # taken, then the drain died

    drained = drain_live_questions(max_items=10)

    assert (drained.taken, drained.stored) == (1, 1)
    assert queued_count() == 0


def test_a_flagged_queued_question_waits_for_a_moderator(world, queue):
    accept_live_question(visit_id=world.visit.pk, text=PHONE)
    drain_live_questions()
    question = live_questions(world.visit).get()
    assert (question.status, question.published_text) == (Question.Status.RECEIVED, "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<script>alert(1)</script> and the road?", "Write the question as plain text: it contains HTML tags or"),
        ("Road?", "The question is too short: write at least 10 characters."),
        ("x" * 3001, "The question is too long: 3001 characters, at most 3000."),
        (None, "The question is too short: write at least 10 characters."),
    ],
)
def test_invalid_text_is_refused_with_the_intake_messages_and_nothing_queued(world, queue, text, message):
    with pytest.raises(DomainError) as refused:
        accept_live_question(visit_id=world.visit.pk, text=text)
    assert str(refused.value.message).startswith(message)
    assert refused.value.code == "text"
    assert queued_count() == 0


def test_a_closed_meeting_refuses_queued_questions(world, queue):
    world.meeting.stage = LiveMeeting.Stage.CLOSED
    world.meeting.save(update_fields=["stage"])
    with pytest.raises(DomainError) as refused:
        accept_live_question(visit_id=world.visit.pk, text=ROAD)
    assert refused.value.code == "questions_closed"


def test_one_network_is_limited_per_minute(world, queue, settings):
    settings.KEZDESU_LIVE_QUESTIONS_PER_MINUTE = 2
    key = f"net-{uuid.uuid4()}"
    accept_live_question(visit_id=world.visit.pk, text=ROAD, network_key=key)
    accept_live_question(visit_id=world.visit.pk, text=ROAD, network_key=key)
    with pytest.raises(DomainError) as refused:
        accept_live_question(visit_id=world.visit.pk, text=ROAD, network_key=key)
    assert refused.value.code == "too_many"
    assert queued_count() == 2


def test_without_redis_the_question_is_stored_at_once(world, no_queue):
    accepted = accept_live_question(visit_id=world.visit.pk, text=ROAD, network_key="n1")
    assert accepted.queued is False
    question = live_questions(world.visit).get()
    assert accepted.question == question
    assert (question.external_id, question.status) == (accepted.id, Question.Status.PUBLISHED)
    assert drain_live_questions().taken == 0


def test_without_redis_a_flagged_question_waits_and_a_bad_one_is_refused(world, no_queue):
    accept_live_question(visit_id=world.visit.pk, text=PHONE)
    assert live_questions(world.visit).get().status == Question.Status.RECEIVED
    with pytest.raises(DomainError) as refused:
        accept_live_question(visit_id=world.visit.pk, text="<b>road</b> repairs, when?")
    assert refused.value.code == "text"
    assert live_questions(world.visit).count() == 1


def test_a_district_outside_the_region_is_refused(world, no_queue):
    from tests.factories.organisations import DistrictFactory

    elsewhere = DistrictFactory()
    with pytest.raises(DomainError) as refused:
        accept_live_question(visit_id=world.visit.pk, text=ROAD, district_id=elsewhere.pk)
    assert refused.value.code == "district_region"


def test_the_task_and_the_command_drain_the_queue(world, queue):
    from django.core.management import call_command

    from kezdesu.questions.tasks import task_drain_live_questions

    accept_live_question(visit_id=world.visit.pk, text=ROAD)
    assert task_drain_live_questions() == 1
    accept_live_question(visit_id=world.visit.pk, text=f"{ROAD} Again.")
    out = io.StringIO()
    call_command("drain_live_questions", stdout=out)
    assert out.getvalue() == "Stored 1 questions; 0 still queued.\n"
    assert live_questions(world.visit).count() == 2


def test_the_command_says_there_is_no_queue_without_redis(no_queue):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("drain_live_questions", stdout=out)
    assert out.getvalue() == "No REDIS_URL: live questions are stored at once, there is no queue.\n"
