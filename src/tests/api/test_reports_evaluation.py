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


def test_the_rule_the_approving_order_and_the_imputed_values_are_exposed(world):
    coordinator = _as(world, "coordinator")
    created = coordinator.post("/api/v1/evaluations/", {"year": YEAR}, format="json").json()
    assert created["missing"] == "average"
    assert created["approval_reference"] == {"kk": "", "ru": "", "en": ""}
    detail_before = coordinator.get(f"/api/v1/evaluations/{YEAR}/preview/").json()
    b = next(row for row in detail_before["results"] if row["organisation"] == "ministry-b")
    issues = b["criteria"][3]
    assert (issues["indicator"], issues["value"], issues["imputed"], issues["average_of"], issues["points"]) == (
        "issues_solved_on_time", "0.3333", True, 1, "6.67",
    )  # fmt: skip
    assert (b["criteria"][0]["imputed"], b["criteria"][0]["average_of"]) == (False, None)
    body = {
        "criteria": [
            {"indicator": "meeting_frequency", "weight": "50"},
            {"indicator": "issues_solved_on_time", "weight": "50"},
        ],
        "note_kk": "", "note_ru": "", "missing": "median", "revision": 0,
        "approval_reference_kk": "№ 5 бұйрық", "approval_reference_ru": "Приказ № 5",
        "approval_reference_en": "Order No. 5",
    }  # fmt: skip
    assert coordinator.put(f"/api/v1/evaluations/{YEAR}/criteria/", body, format="json").status_code == 400
    body["missing"] = "zero"
    saved = coordinator.put(f"/api/v1/evaluations/{YEAR}/criteria/", body, format="json").json()
    assert saved["missing"] == "zero"
    assert saved["approval_reference"] == {"kk": "№ 5 бұйрық", "ru": "Приказ № 5", "en": "Order No. 5"}
    coordinator.post(f"/api/v1/evaluations/{YEAR}/publish/")
    detail = _as(world, "anonymous").get(f"/api/v1/evaluations/{YEAR}/").json()
    assert detail["missing"] == "zero"
    b = next(row for row in detail["results"] if row["organisation"] == "ministry-b")
    assert [(c["value"], c["imputed"], c["average_of"], c["points"]) for c in b["criteria"]] == [
        ("0.0000", False, None, "0.00"),
        ("0.0000", True, None, "0.00"),
    ]
    assert _as(world, "anonymous").get("/api/v1/evaluations/").json()[0]["approval_reference"]["ru"] == "Приказ № 5"
