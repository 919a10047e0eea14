"""The annual evaluation in the API: public reads of the published, the coordinator's writes."""

import pytest
from rest_framework.test import APIClient

from tests.factories.reports_evaluation import YEAR, build_evaluation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_evaluation_world()


def _as(world, name):
    api = APIClient()
    if world.user(name) is not None:
        api.force_authenticate(world.user(name))
    return api


@pytest.mark.parametrize(
    ("role", "create", "preview"),
    [
        ("anonymous", 403, 403),
        ("ministry_approver", 403, 200),
        ("apparatus_oversight", 403, 200),
        ("coordinator", 201, 200),
    ],
)
def test_who_may_create_and_preview(world, role, create, preview):
    if role != "coordinator":
        _as(world, "coordinator").post("/api/v1/evaluations/", {"year": YEAR}, format="json")
    assert _as(world, role).post("/api/v1/evaluations/", {"year": YEAR}, format="json").status_code in (
        create,
        401 if create == 403 and role == "anonymous" else create,
    )
    assert _as(world, role).get(f"/api/v1/evaluations/{YEAR}/preview/").status_code in (
        preview,
        401 if role == "anonymous" else preview,
    )


def test_criteria_publish_and_public_reads(world):
    coordinator = _as(world, "coordinator")
    coordinator.post("/api/v1/evaluations/", {"year": YEAR}, format="json")
    assert _as(world, "anonymous").get(f"/api/v1/evaluations/{YEAR}/").status_code == 404
    body = {
        "criteria": [
            {"indicator": "meeting_frequency", "weight": "50"},
            {"indicator": "participation", "weight": "50"},
        ],
        "note_kk": "Әдіс",
        "note_ru": "Метод",
        "revision": 0,
    }
    assert (
        _as(world, "ministry_approver").put(f"/api/v1/evaluations/{YEAR}/criteria/", body, format="json").status_code
        == 403
    )
    assert coordinator.put(f"/api/v1/evaluations/{YEAR}/criteria/", body, format="json").status_code == 200
    assert _as(world, "ministry_approver").post(f"/api/v1/evaluations/{YEAR}/publish/").status_code == 403
    assert coordinator.post(f"/api/v1/evaluations/{YEAR}/publish/").status_code == 200
    listed = _as(world, "anonymous").get("/api/v1/evaluations/").json()
    # A: meetings 2/4 × 50 + participation 0.5 × 50; B: 0 × 50 + 1 × 50: equal scores share the rank.
    ranks = {row["organisation"]: (row["rank"], row["score"]) for row in listed[0]["results"]}
    assert ranks["ministry-a"] == ranks["ministry-b"] == (1, "50.00")
    assert ranks["ministry-x"] == (None, None)
    detail = _as(world, "anonymous").get(f"/api/v1/evaluations/{YEAR}/").json()
    a = next(row for row in detail["results"] if row["organisation"] == "ministry-a")
    assert [(c["numerator"], c["denominator"], c["points"]) for c in a["criteria"]] == [
        (2, 4, "25.00"),
        (150, 3, "25.00"),
    ]
    assert a["criteria"][0]["records"][0]["outcome"] == "on_time"
