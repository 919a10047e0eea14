"""The half-year results, the Government's instructions and the systemic problems report in the API (R23, R11)."""

import datetime

import pytest
from django.utils import timezone, translation
from rest_framework.test import APIClient

from kezdesu.reports.models import HalfYearReport, Instruction
from tests.factories.reports_half_year import (
    build_half_year_world,
    instruction,
    reviewed_report,
    sent_problem,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return build_half_year_world()


def client_for(world, role):
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(world.user(role))
    return client


REPORT = "/api/v1/half-year-reports/2026/1/"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 403),
        ("ministry_approver", 404),
        ("akimat_viewer", 404),
        ("coordinator", 200),
        ("apparatus_oversight", 200),
        ("apparatus_approver", 200),
        ("presidential_oversight", 200),
    ],
)
def test_who_reads_the_half_year_results(world, role, expected):
    client = client_for(world, role)
    assert client.get("/api/v1/half-year-reports/").status_code == expected
    assert client.get(REPORT).status_code == expected


def test_the_coordinator_writes_and_submits_and_the_apparatus_reviews(world):
    coordinator = client_for(world, "coordinator")
    narrative = {"narrative_kk": "Қ", "narrative_ru": "Р", "revision": 0}
    saved = coordinator.post(f"{REPORT}narrative/", narrative, format="json")
    assert saved.status_code == 200
    assert saved.json()["revision"] == 1
    stale = coordinator.post(f"{REPORT}narrative/", narrative, format="json")
    assert (stale.status_code, stale.json()["code"]) == (400, "changed_meanwhile")
    assert client_for(world, "apparatus_approver").post(f"{REPORT}submit/").status_code == 403
    submitted = coordinator.post(f"{REPORT}submit/")
    assert submitted.status_code == 200
    body = submitted.json()
    assert (body["status"], body["frozen"]) == ("submitted", True)
    assert {row["organisation"] for row in body["figures"]["ministries"]} == {"ministry-a", "ministry-b", "culture"}

    review = {
        "reviewed_on": timezone.localdate().isoformat(),
        "reference": "Minutes No. 7",
        "conclusions_kk": "Қ",
        "conclusions_ru": "Р",
    }
    assert coordinator.post(f"{REPORT}review/", review, format="json").status_code == 403
    recorded = client_for(world, "apparatus_approver").post(f"{REPORT}review/", review, format="json")
    assert recorded.status_code == 200
    assert recorded.json()["review"]["reference"] == "Minutes No. 7"
    listed = client_for(world, "apparatus_oversight").get("/api/v1/half-year-reports/").json()
    assert next(row for row in listed if (row["year"], row["half"]) == (2026, 1))["status"] == "submitted"


def test_instructions_are_created_by_the_apparatus_and_reported_by_their_executor(world):
    HalfYearReport.objects.create(year=2025, half=2)  # a draft: no review yet
    given = {
        "year": 2025,
        "half": 2,
        "text_kk": "Қ",
        "text_ru": "Р",
        "assignee": "ministry-a",
        "deadline": "2026-09-01",
    }
    approver = client_for(world, "apparatus_approver")
    assert approver.post("/api/v1/instructions/", given, format="json").json()["code"] == "no_review"
    HalfYearReport.objects.all().delete()
    reviewed_report(world)
    assert client_for(world, "coordinator").post("/api/v1/instructions/", given, format="json").status_code == 403
    created = approver.post("/api/v1/instructions/", given, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["number"] == 1

    assert client_for(world, "other_editor").get(f"/api/v1/instructions/{pk}/").status_code == 404
    assert client_for(world, "other_editor").get("/api/v1/instructions/").json() == []
    report = {"report": "Done", "done_on": "2026-01-10", "revision": 0}
    assert (
        client_for(world, "ministry_viewer")
        .post(f"/api/v1/instructions/{pk}/report/", report, format="json")
        .status_code
        == 403
    )
    done = client_for(world, "ministry_editor").post(f"/api/v1/instructions/{pk}/report/", report, format="json")
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["state"]) == ("done", "done_on_time")
    assert Instruction.objects.get().reported_by == world.user("ministry_editor")


def test_the_instructions_list_filters_and_its_queries_do_not_grow(world, django_assert_max_num_queries):
    review = reviewed_report(world)
    instruction(review, 1, world.roles.ministry, deadline=datetime.date(2026, 3, 1))
    instruction(review, 2, world.roles.ministry, deadline=datetime.date(2099, 3, 1))
    client = client_for(world, "apparatus_oversight")
    assert [row["number"] for row in client.get("/api/v1/instructions/?state=overdue").json()] == [1]
    with django_assert_max_num_queries(20) as one:
        client.get("/api/v1/instructions/")
    for number in range(3, 6):
        instruction(review, number, world.roles.other_ministry, deadline=datetime.date(2026, 3, 1))
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(client.get("/api/v1/instructions/").json()) == 5


def test_the_systemic_problems_report_by_reader(world):
    sent_problem(world.roles.akimat, "Water in the district", body=world.roles.ministry)
    sent_problem(world.roles.other_akimat, "Roads of the region", body=world.roles.other_ministry)
    url = "/api/v1/systemic-problems-report/?year=2026&half=1"

    def titles(role, extra=""):
        body = client_for(world, role).get(url + extra).json()
        return sorted(problem["title"] for akimat in body["akimats"] for problem in akimat["problems"])

    assert titles("apparatus_oversight") == ["Roads of the region", "Water in the district"]
    assert titles("apparatus_oversight", "&akimat=akimat-y") == ["Roads of the region"]
    assert titles("akimat_viewer") == ["Water in the district"]
    assert titles("other_editor") == ["Roads of the region"]
    assert client_for(world, "no_role").get(url).status_code == 404
    assert client_for(world, "anonymous").get(url).status_code == 403
