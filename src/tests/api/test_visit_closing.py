"""The API of a visit's closing (R16): what took place, part by part, and the visits to close."""

import datetime

import pytest
from rest_framework.test import APIClient

from kezdesu.meetings.models import Visit
from tests.factories.meetings import build_visit_world

pytestmark = pytest.mark.django_db


def client(user=None):
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


@pytest.fixture
def world():
    return build_visit_world(day=datetime.date(2026, 3, 10))


def outcomes(world, body, user="ministry_editor"):
    return client(world.user(user)).post(f"/api/v1/visits/{world.visit.pk}/outcomes/?lang=en", body, format="json")


def test_the_ministry_records_what_took_place_and_the_visit_closes(world):
    partly = outcomes(world, {"parts": {"meeting": {"outcome": "took_place"}}})
    assert partly.status_code == 200
    assert partly.json()["status"] == "published"
    assert {part["kind"]: part["outcome"] for part in partly.json()["parts"]}["meeting"] == "took_place"

    closed = outcomes(
        world,
        {
            "parts": {
                "reception": {"outcome": "took_place"},
                "ngo_meeting": {"outcome": "took_place"},
                "media_briefing": {"outcome": "not_held", "note": "No journalist came."},
            },
            "deputy_prime_minister_took_part": None,
        },
    )
    assert closed.status_code == 200
    assert closed.json()["status"] == "held"
    assert Visit.objects.get(pk=world.visit.pk).status == Visit.Status.HELD


def test_a_part_not_held_without_why_is_refused_and_nothing_is_saved(world):
    response = outcomes(world, {"parts": {"meeting": {"outcome": "took_place"}, "reception": {"outcome": "not_held"}}})
    assert (response.status_code, response.json()["code"]) == (400, "why_not")
    assert world.visit.parts.get(kind="meeting").outcome == "planned"


@pytest.mark.parametrize(("user", "status"), [("akimat_editor", 403), ("ministry_viewer", 403), ("coordinator", 200)])
def test_who_records_what_took_place(world, user, status):
    assert outcomes(world, {"parts": {"meeting": {"outcome": "took_place"}}}, user=user).status_code == status


def test_the_visits_to_close_are_the_users_own_and_staff_only(world):
    assert client().get("/api/v1/visits/to-close/").status_code in (401, 403)
    mine = client(world.user("ministry_editor")).get("/api/v1/visits/to-close/").json()
    others = (
        client(world.user("other_approver")).get("/api/v1/visits/to-close/")
        if "other_approver" in world.roles.users
        else None
    )
    assert [visit["id"] for visit in mine["results"]] == [world.visit.pk]
    if others is not None:
        assert others.json()["results"] == []
    outcomes(
        world,
        {
            "parts": {
                kind: {"outcome": "took_place"} for kind in ("meeting", "reception", "ngo_meeting", "media_briefing")
            }
        },
    )
    assert client(world.user("coordinator")).get("/api/v1/visits/to-close/").json()["results"] == []
