"""The public API's measures list reads the portal's measure filters (executor, due_from, due_to, state,
ministry, region) and still the issue list's; the parameters are documented in OpenAPI."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue
from tests.factories.followup import build_followup_world, issue, measure

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 7, 15)
URL = "/api/v1/measures/"


@pytest.fixture
def world(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    world = build_followup_world(publish=True)
    # "Fund the repair" (other ministry, due 2027-06-30) is overdue; "Repair the road" (akimat) done late.
    Measure.objects.filter(pk=world.akimat_measure.pk).update(
        status=MeasureStatus.DONE, completed_on=datetime.date(2027, 10, 1), percent=100
    )
    return world


def _texts(**params):
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").get(URL, params)
    assert response.status_code == 200
    return [row["text_en"] for row in response.json()["results"]]


def test_the_measure_filters(world):
    roles = world.roles
    measure(world.gas, "Committee's", deadline=datetime.date(2027, 8, 1), executor=roles.committee, order=1)
    assert _texts(executor=roles.ministry.code) == ["Committee's"]
    assert _texts(executor=roles.committee.code) == ["Committee's"]
    assert _texts(executor=roles.other_ministry.code) == ["Fund the repair"]
    assert _texts(state="overdue") == ["Fund the repair"]
    assert _texts(state="done_late") == ["Repair the road"]
    assert _texts(state="done_on_time") == []
    assert _texts(state="open") == ["Connect the village to the gas network", "Committee's"]
    assert _texts(due_from="2027-08-01", due_to="2027-09-30") == ["Repair the road", "Committee's"]
    assert _texts(ministry=roles.ministry.code, region=world.visit.region.kato, state="overdue") == ["Fund the repair"]
    assert _texts(ministry=roles.other_ministry.code) == []


def test_the_issue_list_filters_still_apply_to_the_measures_issues(world):
    ProblemIssue.objects.filter(pk=world.road.pk).update(status=ProblemIssue.Status.SOLVED, solved_on=TODAY)
    assert _texts(status="solved") == ["Repair the road", "Fund the repair"]
    assert _texts(q="gas") == ["Connect the village to the gas network"]
    assert _texts(solved_from=TODAY.isoformat(), state="overdue") == ["Fund the repair"]
    assert _texts(year=world.visit.start_date.year, executor=world.roles.akimat.code) == ["Repair the road"]


def test_a_value_that_is_not_valid_is_left_out(world):
    everything = _texts()
    assert len(everything) == 3
    assert _texts(executor="no-such-body") == everything
    assert _texts(state="late-ish") == everything
    assert _texts(due_from="2027-12-31", due_to="2027-01-01") == everything
    assert _texts(due_to="not a date", state="overdue") == ["Fund the repair"]


def test_a_row_tells_the_state(world):
    rows = {
        row["id"]: row for row in APIClient().get(URL, {"executor": world.roles.other_ministry.code}).json()["results"]
    }
    row = rows[world.other_ministry_measure.pk]
    assert (row["overdue"], row["status"], row["deadline"], row["completed_on"], row["issue"]) == (
        True,
        "planned",
        "2027-06-30",
        None,
        world.road.pk,
    )
    assert row["executor"]["code"] == world.roles.other_ministry.code


@pytest.mark.parametrize("count", [1, 3])
def test_the_query_count_does_not_grow(world, django_assert_num_queries, count):
    Measure.objects.filter(issue=world.road).delete()
    Measure.objects.filter(pk=world.company_measure.pk).update(executor=world.roles.committee, executor_company="")
    for number in range(count - 1):
        extra = issue(
            world.visit, 10 + number, title=f"Extra {number}", competent_company="Co", published_at=timezone.now()
        )
        measure(extra, f"Extra {number}", deadline=datetime.date(2027, 1, 1), executor=world.roles.committee)
    client = APIClient()
    with django_assert_num_queries(4):  # the years of the issue filter, the executor asked for, the count, the page
        response = client.get(URL, {"executor": world.roles.ministry.code})
    assert response.json()["count"] == count
    with django_assert_num_queries(3):
        assert client.get(URL).json()["count"] == count


def test_the_schema_documents_the_filters(tmp_path):
    path = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(path))
    paths = json.loads(path.read_text())["paths"]

    def parameters(url):
        return {p["name"]: p["schema"] for p in paths[url]["get"]["parameters"]}

    measures = parameters("/api/v1/measures/")
    for name in ("executor", "state", "ministry", "region", "status", "q", "year"):
        assert name in measures
    assert sorted(measures["state"]["enum"]) == ["done_late", "done_on_time", "open", "overdue"]
    assert measures["due_from"] == measures["due_to"] == {"type": "string", "format": "date"}
    issues = parameters("/api/v1/problem-issues/")
    for name in ("raised_from", "raised_to", "solved_from", "solved_to"):
        assert issues[name] == {"type": "string", "format": "date"}
