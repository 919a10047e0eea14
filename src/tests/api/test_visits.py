"""Visits in the API: public reads, the staff's scope, the writes through the domain, the permission rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.meetings.models import OfficialAccount, Platform, Visit
from tests.api.conftest import client_for
from tests.factories.meetings import build_visit_world
from tests.factories.visits import another_visit

pytestmark = pytest.mark.django_db

LIST = "/api/v1/visits/"


@pytest.fixture
def world():
    return build_visit_world()


@pytest.fixture
def draft(world):
    return another_visit(world, day=datetime.date(2027, 3, 10), status=Visit.Status.DRAFT)


def detail(visit):
    return f"{LIST}{visit.pk}/"


def test_anyone_reads_an_announced_visit_with_its_parts(world):
    body = client_for(None).get(detail(world.visit), {"lang": "en"}).json()
    assert (body["status"], body["organisation"], body["official"]) == ("published", "ministry-a", "Minister A")
    assert body["title"]["en"] == "Minister A meets the population"
    assert body["page"] == f"/en/visits/{world.visit.pk}/"
    meeting = next(part for part in body["parts"] if part["kind"] == "meeting")
    assert meeting["starts_at"] == "2027-03-10T10:00:00+05:00"
    assert meeting["venue"]["en"] == "Palace of Culture"
    assert meeting["broadcasts"] == [
        {
            "id": meeting["broadcasts"][0]["id"],
            "account": meeting["broadcasts"][0]["account"],
            "platform": "youtube",
            "url": "https://www.youtube.com/watch?v=abcdefghijk",
        }
    ]
    assert len(body["parts"]) == 4


def test_drafts_are_hidden_from_the_public_and_other_ministries(world, draft):
    assert client_for(None).get(detail(draft)).status_code == 404
    assert [v["id"] for v in client_for(None).get(LIST).json()["results"]] == [world.visit.pk]
    assert client_for(world.user("no_role")).get(detail(draft)).status_code == 404
    assert client_for(world.user("ministry_viewer")).get(detail(draft)).status_code == 200
    assert client_for(world.user("akimat_viewer")).get(detail(draft)).status_code == 200


def _queries(path):
    with CaptureQueriesContext(connection) as queries:
        assert client_for(None).get(path).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_visits(world):
    one = _queries(LIST)
    another_visit(world, day=datetime.date(2027, 4, 1))
    another_visit(world, day=datetime.date(2027, 5, 1))
    assert _queries(LIST) == one


# (role, PATCH visit, PATCH part, publish a draft, cancel): 404 = not visible, 403 = refused.
PERMISSION_ROWS = [
    ("anonymous", 403, 403, 403, 403),  # refused before looking the visit up
    ("no_role", 403, 403, 404, 403),
    ("ministry_viewer", 403, 403, 403, 403),
    ("ministry_editor", 200, 200, 403, 403),
    ("ministry_approver", 200, 200, 200, 200),
    ("akimat_viewer", 403, 403, 403, 403),
    ("akimat_editor", 200, 200, 403, 403),
    ("coordinator", 200, 200, 200, 200),
    ("apparatus_oversight", 403, 403, 403, 403),
]


@pytest.mark.parametrize(("role", "patch_visit", "patch_part", "publish", "cancel"), PERMISSION_ROWS)
def test_permission_rows(world, draft, role, patch_visit, patch_part, publish, cancel):
    client = client_for(world.user(role))
    assert client.patch(detail(world.visit), {"title_ru": "Встреча"}, format="json").status_code == patch_visit
    assert (
        client.patch(f"{detail(world.visit)}parts/reception/", {"venue_kk": "Зал"}, format="json").status_code
        == patch_part
    )
    assert client.post(f"{detail(draft)}publish/").status_code == publish
    assert client.post(f"{detail(world.visit)}cancel/", {"reason": "Postponed."}, format="json").status_code == cancel


def test_a_refused_part_change_says_why(world):
    response = client_for(world.user("ministry_editor")).patch(
        f"{detail(world.visit)}parts/meeting/?lang=en", {"latitude": "59.9", "longitude": "30.3"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "The point on the map must lie in Kazakhstan.", "code": "point_outside"}


def test_a_part_change_answers_the_part(world):
    response = client_for(world.user("akimat_editor")).patch(
        f"{detail(world.visit)}parts/meeting/",
        {"starts_at": "2027-03-10T11:00:00+05:00", "ends_at": "2027-03-10T13:00:00+05:00", "venue_ru": "Дворец"},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["starts_at"], response.json()["venue"]["ru"]) == ("2027-03-10T11:00:00+05:00", "Дворец")


def test_official_accounts_are_public(world):
    OfficialAccount.objects.create(
        organisation=world.roles.other_ministry, platform=Platform.TELEGRAM, url="https://t.me/b"
    )
    body = client_for(None).get("/api/v1/official-accounts/").json()
    assert [(row["organisation"], row["platform"]) for row in body["results"]] == [
        ("ministry-a", "youtube"),
        ("ministry-b", "telegram"),
    ]
    narrowed = client_for(None).get("/api/v1/official-accounts/", {"organisation": "ministry-b"}).json()
    assert [row["url"] for row in narrowed["results"]] == ["https://t.me/b"]
    assert client_for(None).post("/api/v1/official-accounts/", {}).status_code in (403, 405)


def test_the_schema_documents_the_visits():
    from django.test import Client

    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in (
        "/api/v1/visits/",
        "/api/v1/visits/{id}/parts/{kind}/",
        "/api/v1/visits/{id}/publish/",
        "/api/v1/official-accounts/",
    ):
        assert path in schema
    assert "Announce a visit" in schema
