"""The live stream API: every role on each endpoint, then the behaviour (revisions, imports, the webhook)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from kezdesu.meetings.models import LiveMeeting, OfficialAccount
from kezdesu.questions.domain.live_moderation import shortlist_question
from kezdesu.questions.interfaces.broadcast_webhook import signature_of
from kezdesu.questions.models import Channel, Question
from tests.api.visit_roles import MODERATORS, ROLES
from tests.factories.live import build_live_world

pytestmark = pytest.mark.django_db

CREATORS = {role: 201 if status == 200 else status for role, status in MODERATORS.items()}


@pytest.fixture
def world():
    return build_live_world()


def client_for(world, role: str) -> APIClient:
    client = APIClient()
    user = world.user(role)
    if user is not None:
        client.force_authenticate(user)
    return client


def endpoint(name: str, world, **kwargs: int) -> str:
    return reverse(f"api:live-{name}", kwargs={"visit_id": world.visit.pk, **kwargs})


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_stream(world, role):
    assert client_for(world, role).get(endpoint("stream", world)).status_code == MODERATORS[role]


@pytest.mark.parametrize("role", ROLES)
def test_who_shortlists(world, role):
    question = world.questions[0]
    response = client_for(world, role).post(
        endpoint("shortlist", world, pk=question.pk), {"revision": 0}, format="json"
    )
    assert response.status_code == MODERATORS[role]


@pytest.mark.parametrize("role", ROLES)
def test_who_records_an_outcome(world, role):
    question = world.questions[0]
    response = client_for(world, role).post(
        endpoint("outcome", world, pk=question.pk), {"revision": 0, "outcome": "in_writing"}, format="json"
    )
    assert response.status_code == MODERATORS[role]


@pytest.mark.parametrize("role", ROLES)
def test_who_puts_a_question_on_screen(world, role):
    response = client_for(world, role).post(
        endpoint("current-question", world), {"question": world.questions[0].pk}, format="json"
    )
    assert response.status_code == MODERATORS[role]


@pytest.mark.parametrize("role", ROLES)
def test_who_enters_hall_questions(world, role):
    response = client_for(world, role).post(
        endpoint("hall-questions", world), {"text": "A question asked in the hall aloud"}, format="json"
    )
    assert response.status_code == CREATORS[role]


@pytest.mark.parametrize("role", ROLES)
def test_who_imports_comment_files(world, role):
    content = json.dumps({"data": [{"id": "1", "message": "A comment under the broadcast"}]}).encode()
    upload = SimpleUploadedFile("comments.json", content, "application/json")
    response = client_for(world, role).post(
        endpoint("comment-imports", world), {"platform": "facebook", "file": upload}, format="multipart"
    )
    assert response.status_code == CREATORS[role]


def test_the_stream_lists_with_filters_and_the_revision(world):
    Question.objects.filter(pk=world.questions[1].pk).update(votes=4)
    response = client_for(world, "ministry_editor").get(endpoint("stream", world), {"order": "votes"})
    results = response.json()["results"]
    assert next(row["id"] for row in results) == world.questions[1].pk
    assert results[0]["votes"] == 4
    assert results[0]["revision"] == 0
    assert results[0]["group_size"] == 1
    hall = client_for(world, "ministry_editor").get(endpoint("stream", world), {"channel": "hall"}).json()
    assert [row["id"] for row in hall["results"]] == [world.questions[3].pk]


def test_a_stale_revision_answers_409_naming_who(world):
    question = world.questions[0]
    other = world.user("akimat_editor")
    shortlist_question(actor=other, question=question, revision=0)
    response = client_for(world, "ministry_editor").post(
        endpoint("outcome", world, pk=question.pk) + "?lang=en", {"revision": 0, "outcome": "answered"}, format="json"
    )
    assert response.status_code == 409
    who = other.get_full_name() or other.get_username()
    assert response.json() == {
        "detail": f"Another moderator ({who}) has just shortlisted this question — the question is shown as it is now.",
        "code": "changed_meanwhile",
    }


def test_forwarding_through_the_api(world):
    akimat_id = world.visit_world.roles.akimat.pk
    response = client_for(world, "coordinator").post(
        endpoint("outcome", world, pk=world.questions[0].pk),
        {"revision": 0, "outcome": "forwarded", "forwarded_to": akimat_id, "note": "Roads are the akimat's"},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["outcome"], response.json()["forwarded_to"], response.json()["revision"]) == (
        "forwarded",
        akimat_id,
        1,
    )


def test_the_current_question_and_clearing_it(world):
    client = client_for(world, "ministry_editor")
    response = client.post(endpoint("current-question", world), {"question": world.questions[1].pk}, format="json")
    assert response.json() == {"current_question": world.questions[1].pk, "stage": "not_started"}
    assert LiveMeeting.objects.get(pk=world.meeting.pk).current_question_id == world.questions[1].pk
    cleared = client.post(endpoint("current-question", world), {"question": None}, format="json")
    assert cleared.json()["current_question"] is None


def test_publish_and_hide_through_the_api(world):
    client = client_for(world, "ministry_editor")
    hidden = client.post(
        endpoint("hide", world, pk=world.questions[0].pk), {"revision": 0, "reason": "off_topic"}, format="json"
    )
    assert (hidden.status_code, hidden.json()["status"], hidden.json()["revision"]) == (200, "hidden", 1)
    published = client.post(endpoint("publish", world, pk=world.questions[0].pk), {"revision": 1}, format="json")
    assert (published.status_code, published.json()["status"]) == (200, "published")


def test_a_hall_question_through_the_api(world):
    response = client_for(world, "akimat_editor").post(
        endpoint("hall-questions", world), {"text": "When will the new stadium open?"}, format="json"
    )
    assert (response.status_code, response.json()["channel"], response.json()["status"]) == (201, "hall", "published")


def test_the_webhook_end_to_end(world):
    account = OfficialAccount.objects.get(organisation=world.visit.organisation)
    account.webhook_secret = "k"
    account.save(update_fields=["webhook_secret"])
    body = json.dumps({"id": "c1", "text": "A question from the broadcast chat"}).encode()
    url = reverse("api:live-broadcast-comments", args=[world.visit.pk])
    headers = {"HTTP_X_KEZDESU_ACCOUNT": str(account.pk), "HTTP_X_KEZDESU_SIGNATURE": signature_of("k", body)}
    assert APIClient().post(url, body, content_type="application/json", **headers).status_code == 201
    assert APIClient().post(url, body, content_type="application/json", **headers).status_code == 200
    unsigned = APIClient().post(url, body, content_type="application/json", HTTP_X_KEZDESU_ACCOUNT=str(account.pk))
    assert unsigned.status_code == 401
    assert (
        APIClient()
        .post(reverse("api:live-broadcast-comments", args=[999999]), body, content_type="application/json", **headers)
        .status_code
        == 404
    )
    assert Question.objects.filter(channel=Channel.BROADCAST).count() == 1


def test_the_schema_documents_the_live_endpoints(world):
    schema = client_for(world, "superuser").get(reverse("api:schema"), {"format": "json"}).json()
    assert "/api/v1/visits/{visit_id}/broadcast-comments/" in schema["paths"]
    assert schema["paths"]["/api/v1/visits/{visit_id}/live/questions/"]["get"]["summary"] == (
        "List the meeting's question stream"
    )
