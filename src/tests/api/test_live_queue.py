"""The live page's queued intake endpoint (POST /api/v1/visits/<id>/live/ask/): the DRF view, the WSGI fast
path that answers the same address before Django, and the schema."""

import io
import json
import os
import uuid

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from rest_framework.test import APIClient

from kezdesu.meetings.models import LiveMeeting
from kezdesu.portal.live_fast_path import LiveFastPath
from kezdesu.questions.domain.live_queue import drain_live_questions, queued_count, redis_client
from kezdesu.questions.models import Channel, Question
from tests.factories.live import build_live_world

pytestmark = pytest.mark.django_db

ROAD = "When will the road to the district hospital be lit at night?"


@pytest.fixture
def world():
    return build_live_world()


@pytest.fixture
def no_queue(settings):
    settings.REDIS_URL = ""


@pytest.fixture
def queue(settings):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("The queue needs Redis: set REDIS_URL (CI's PostgreSQL + Redis pass does).")
    settings.REDIS_URL = os.environ["REDIS_URL"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.KEZDESU_LIVE_QUEUE_PREFIX = f"test-live-ask:{uuid.uuid4()}"
    yield
    client = redis_client()
    keys = list(client.scan_iter(f"{settings.KEZDESU_LIVE_QUEUE_PREFIX}*"))
    if keys:
        client.delete(*keys)


def url(visit_id):
    return reverse("api:live-ask", args=[visit_id])


def post(visit_id, body, **extra):
    return APIClient().post(url(visit_id), json.dumps(body), content_type="application/json", **extra)


def test_the_address_is_the_one_the_fast_path_answers(world):
    assert url(world.visit.pk) == f"/api/v1/visits/{world.visit.pk}/live/ask/"


def test_without_redis_the_endpoint_stores_the_question_at_once(world, no_queue):
    response = post(world.visit.pk, {"text": ROAD})
    assert response.status_code == 201
    question = Question.objects.get(visit=world.visit, channel=Channel.LIVE_PAGE)
    assert response.json() == {"id": question.external_id, "status": "published"}


def test_refusals_answer_400_with_the_intake_message_in_the_asked_language(world, no_queue):
    response = post(world.visit.pk, {"text": "Road?"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The question is too short: write at least 10 characters.",
        "code": "text",
    }
    assert not Question.objects.filter(channel=Channel.LIVE_PAGE).exists()


def test_a_closed_meeting_and_a_missing_visit_are_refused(world, no_queue):
    world.meeting.stage = LiveMeeting.Stage.CLOSED
    world.meeting.save(update_fields=["stage"])
    assert post(world.visit.pk, {"text": ROAD}).json()["code"] == "questions_closed"
    assert post(world.visit.pk + 1000, {"text": ROAD}).status_code == 404


def test_a_body_that_is_not_a_json_object_is_refused(world, no_queue):
    response = APIClient().post(url(world.visit.pk), "[1, 2]", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "parse_error")


def test_with_redis_the_endpoint_queues_and_the_drain_stores(world, queue):
    response = post(world.visit.pk, {"text": ROAD})
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    assert queued_count() == 1
    drain_live_questions()
    question = Question.objects.get(visit=world.visit, channel=Channel.LIVE_PAGE)
    assert question.external_id == response.json()["id"]


def call_fast_path(path, body, method="POST"):
    def django(environ, start_response):
        start_response("418 I'm a teapot", [])
        return [b"django"]

    answered = {}

    def start_response(status, headers):
        answered["status"], answered["headers"] = status, dict(headers)

    data = json.dumps(body).encode()
    # As Django's test client does: the test's transaction must outlive the request's signals.
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "10.0.0.1",
        "CONTENT_LENGTH": str(len(data)),
        "CONTENT_TYPE": "application/json",
        "HTTP_ACCEPT_LANGUAGE": "en",
        "wsgi.input": io.BytesIO(data),
        "wsgi.url_scheme": "http",
    }
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body_out = b"".join(LiveFastPath(django)(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answered, body_out


def test_the_fast_path_answers_the_intake_before_django(world, no_queue, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    answered, body = call_fast_path(f"/api/v1/visits/{world.visit.pk}/live/ask/", {"text": ROAD})
    assert answered["status"] == "201 Created"
    assert answered["headers"]["Content-Type"] == "application/json"
    assert json.loads(body)["status"] == "published"
    answered, body = call_fast_path(f"/api/v1/visits/{world.visit.pk}/live/ask/", {"text": "<b>x</b> and more"})
    assert (answered["status"], json.loads(body)["code"]) == ("400 Bad Request", "text")
    answered, body = call_fast_path(f"/api/v1/visits/{world.visit.pk}/live/ask/", {"text": ROAD}, method="GET")
    assert body == b"django"


def test_the_schema_documents_the_intake_endpoint(world):
    superuser = world.user("superuser")
    client = APIClient()
    client.force_authenticate(superuser)
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/visits/{visit_id}/live/ask/"]["post"]
    assert operation["summary"] == "Ask a question at the live meeting (public)"
    assert sorted(operation["responses"]) == ["201", "202", "400", "404", "413"]
