"""The oversight dashboards' API (R26): nationwide readers only, the figures the pages show."""

from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from kezdesu.api.views import oversight as oversight_views
from tests.reports.oversight_world import TODAY, build_oversight_world

pytestmark = pytest.mark.django_db

PATHS = ("/api/v1/oversight/compliance/?year=2027", "/api/v1/oversight/overdue/", "/api/v1/oversight/trends/")


@pytest.fixture
def world(monkeypatch):
    monkeypatch.setattr(oversight_views, "timezone", SimpleNamespace(localdate=lambda: TODAY))
    return build_oversight_world()


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("path", PATHS)
def test_only_nationwide_readers_may_read(world, path):
    for role in ("coordinator", "apparatus_oversight", "presidential_oversight"):
        assert _client(world.user(role)).get(path).status_code == 200, role
    for role in ("ministry_approver", "akimat_viewer"):
        assert _client(world.user(role)).get(path).status_code == 403, role
    assert _client().get(path).status_code in (401, 403)


def test_compliance_gives_each_quarters_outcome(world):
    data = _client(world.user("apparatus_oversight")).get(PATHS[0]).json()

    rows = {row["organisation"]["code"]: row for row in data["ministries"]}
    assert data["year"] == 2027
    assert [(cell["met_on_time"], cell["assessed"], cell["share"]) for cell in rows["ministry-a"]["cells"]] == [
        (1, 1, 100),
        (0, 1, 0),
        (0, 1, 0),
        (0, 1, 0),
    ]
    assert rows["ministry-b"]["exempt"] is True
    assert rows["ministry-b"]["cells"][0]["band"] == "exempt"
    assert [row["organisation"]["code"] for row in data["akimats"]] == ["akimat-x", "akimat-y"]


def test_overdue_lists_bodies_most_overdue_first(world):
    data = _client(world.user("presidential_oversight")).get(PATHS[1] + "?lang=en").json()

    rows = {row["organisation"]["code"]: row for row in data}
    assert rows["ministry-a"] == {
        "organisation": {"code": "ministry-a", "name": "Ministry A", "kind": "ministry"},
        "obligations": 2,
        "measures": 2,
        "instructions": 0,
        "total": 4,
    }
    assert rows["akimat-x"]["instructions"] == 1
    assert [row["total"] for row in data] == sorted((row["total"] for row in data), reverse=True)


def test_trends_give_eight_quarters_oldest_first(world):
    data = _client(world.user("coordinator")).get(PATHS[2]).json()

    assert [(point["year"], point["quarter"]) for point in data][:1] == [(2026, 1)]
    assert len(data) == 8
    assert (data[5]["meetings_held"], data[5]["questions"], data[6]["issues_solved"]) == (2, 2, 1)
