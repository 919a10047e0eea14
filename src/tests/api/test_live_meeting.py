"""The live meeting's state and clock, the timekeeper's stage actions and the record, through the API."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from kezdesu.meetings.models import LiveMeeting, TimerSegment
from tests.factories.live import build_live_world
from tests.factories.meeting_record import build_closed_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    return build_live_world()


def client_for(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def api_url(world, name):
    return reverse(f"api:{name}", kwargs={"pk": world.visit.pk})


def test_anyone_reads_the_stage_current_question_and_clock(world):
    gym = world.questions[2]
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(current_question=gym, revision=2)
    response = APIClient().get(api_url(world, "live-meeting"), {"lang": "en"})
    assert response.status_code == 200
    body = response.json()
    assert (body["stage"], body["revision"]) == ("not_started", 2)
    assert body["current_question"] == {
        "id": gym.pk,
        "text": "Will the school get a new gym?",
        "channel": "web",
        "asked": 1,
        "votes": 0,
    }
    assert body["timing"]["planned_minutes"] == 180
    assert body["timing"]["allowed_presentation_seconds"] == 45 * 60
    assert "author_name" not in str(body)
    assert "contact" not in str(body)


def test_the_live_state_answers_304_to_its_etag(world):
    first = APIClient().get(api_url(world, "live-meeting"))
    again = APIClient().get(api_url(world, "live-meeting"), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 403),
        ("no_role", 404),
        ("ministry_viewer", 403),
        ("akimat_viewer", 403),
        ("apparatus_oversight", 403),
        ("ministry_editor", 200),
        ("ministry_approver", 200),
        ("akimat_editor", 200),
        ("akimat_approver", 200),
        ("coordinator", 200),
    ],
)
def test_each_role_gets_the_expected_status_when_starting_the_presentation(world, role, expected):
    response = client_for(world.user(role)).post(
        api_url(world, "live-meeting-stage"), {"action": "presentation"}, format="json"
    )
    assert response.status_code == expected
    assert TimerSegment.objects.filter(meeting=world.meeting).count() == (1 if expected == 200 else 0)


def test_a_step_that_makes_no_sense_is_refused_with_400(world):
    response = client_for(world.user("ministry_editor")).post(
        api_url(world, "live-meeting-stage"), {"action": "resume"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Only a paused meeting can resume.", "code": "not_paused"}


def test_there_is_no_record_before_the_meeting_closes(world):
    assert APIClient().get(api_url(world, "meeting-record")).status_code == 404


def test_the_record_is_public_once_closed_without_personal_data():
    world = build_closed_world()
    body = APIClient().get(api_url(world, "meeting-record"), {"lang": "en"}).json()
    assert body["outcomes"] == {"": 0, "answered": 1, "in_writing": 1, "forwarded": 1}
    assert body["hidden"] == [{"reason": "spam or advertising", "count": 1}]
    assert [question["text"] for question in body["questions"]] == [
        "When will the road to the district hospital be repaired?",
        "Why is there no gas in our village?",
        "Will the school get a new gym?",
    ]
    assert body["participants"] == ["Akim of the region", "Deputy minister B", "Head of the regional health department"]
    assert "Berik" not in str(body)
    assert "Aigerim" not in str(body)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 403), ("no_role", 404), ("akimat_viewer", 403), ("akimat_editor", 200), ("coordinator", 200)],
)
def test_each_role_gets_the_expected_status_when_patching_the_record(role, expected):
    world = build_closed_world()
    response = client_for(world.user(role)).patch(
        api_url(world, "meeting-record"), {"attendance_hall": 340}, format="json"
    )
    assert response.status_code == expected
    assert LiveMeeting.objects.get(pk=world.meeting.pk).attendance_hall == (340 if expected == 200 else None)


def test_a_bad_recording_link_is_refused_through_the_api():
    world = build_closed_world()
    response = client_for(world.user("akimat_editor")).patch(
        api_url(world, "meeting-record"), {"recording_links": "ftp://x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "record"
