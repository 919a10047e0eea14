"""The problem issues' date filters (the oversight dashboard's trends link here): raised (the visit's start date)
and solved (solved_on), inclusive, on the portal list, the open data files and the public API; a range that ends
before it starts is an error and is left out."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from kezdesu.followup.domain.queries.states import public_issues
from kezdesu.followup.models import ProblemIssue
from tests.factories.followup import build_followup_world, issue
from tests.factories.visits import another_visit

pytestmark = pytest.mark.django_db


def _url(name="issue_list", language="en", **kwargs):
    with translation.override(language):
        return reverse(f"portal:{name}", kwargs=kwargs)


@pytest.fixture
def world():
    world = build_followup_world(publish=True)
    later = another_visit(world.live.visit_world, day=world.visit.start_date + datetime.timedelta(days=100))
    world.later = issue(later, 1, title="Water in the school", competent_company="Co", published_at=timezone.now())
    ProblemIssue.objects.filter(pk=world.road.pk).update(
        status=ProblemIssue.Status.SOLVED, solved_on=datetime.date(2027, 6, 30)
    )
    ProblemIssue.objects.filter(pk=world.later.pk).update(
        status=ProblemIssue.Status.SOLVED, solved_on=datetime.date(2027, 7, 1)
    )
    return world


def _titles(client, **params):
    response = client.get(_url(), params)
    assert response.status_code == 200
    return sorted(issue.title_en for issue in response.context["page"].object_list)


def test_raised_filters_on_the_visits_start_date_inclusive(client, world):
    first, later = world.visit.start_date, world.later.visit.start_date
    day = datetime.timedelta(days=1)
    assert _titles(client, raised_from=first, raised_to=first) == [
        "Gas in the village",
        "Road to the district hospital",
    ]
    assert _titles(client, raised_from=first + day) == ["Water in the school"]
    assert _titles(client, raised_to=later - day) == ["Gas in the village", "Road to the district hospital"]
    assert _titles(client, raised_from=later, raised_to=later) == ["Water in the school"]


def test_solved_filters_on_the_day_solved_inclusive(client, world):
    assert _titles(client, solved_from="2027-06-30", solved_to="2027-06-30") == ["Road to the district hospital"]
    assert _titles(client, solved_from="2027-07-01") == ["Water in the school"]
    assert _titles(client, solved_to="2027-07-01") == ["Road to the district hospital", "Water in the school"]
    assert _titles(client, status="solved", solved_from="2027-04-01", solved_to="2027-06-30") == [
        "Road to the district hospital"
    ]


def test_the_other_filters_still_work_with_dates(client, world):
    start = world.visit.start_date
    assert _titles(client, q="gas", raised_from=start) == ["Gas in the village"]
    assert _titles(client, ministry=world.visit.organisation.code, raised_to=start) == [
        "Gas in the village",
        "Road to the district hospital",
    ]
    assert _titles(client, year=world.later.visit.start_date.year, solved_from="2027-07-01") == ["Water in the school"]


def test_a_quarters_links_match_the_dashboards_definitions(client, world):
    start, end = datetime.date(2027, 4, 1), datetime.date(2027, 6, 30)
    raised = public_issues().filter(visit__start_date__gte=start, visit__start_date__lte=end)
    solved = public_issues().filter(status=ProblemIssue.Status.SOLVED, solved_on__gte=start, solved_on__lte=end)
    assert _titles(client, raised_from=start, raised_to=end) == sorted(i.title_en for i in raised)
    assert _titles(client, status="solved", solved_from=start, solved_to=end) == sorted(i.title_en for i in solved)


def test_the_form_has_date_controls_with_labels(client, world):
    page = client.get(_url(), {"solved_from": "2027-06-30"}).content.decode()
    for name in ("raised_from", "raised_to", "solved_from", "solved_to"):
        assert f'type="date" name="{name}"' in page
    assert 'value="2027-06-30"' in page
    for label in ("Raised on or after", "Raised on or before", "Solved on or after", "Solved on or before"):
        assert label in page


def test_a_range_that_ends_before_it_starts_is_an_error_and_is_left_out(client, world):
    response = client.get(_url(), {"raised_from": "2027-12-31", "raised_to": "2027-01-01", "q": "gas"})
    page = response.content.decode()
    assert "This date is before the start of the range (“Raised on or after”)." in page
    assert [issue.title_en for issue in response.context["page"].object_list] == ["Gas in the village"]
    response = client.get(_url(), {"solved_from": "2027-07-01", "solved_to": "2027-06-30"})
    assert "This date is before the start of the range (“Solved on or after”)." in response.content.decode()
    assert "Enter a valid date." in client.get(_url(), {"raised_from": "2027-02-30"}).content.decode()


def test_open_data_and_the_api_read_the_same_dates(client, world):
    data = b"".join(
        client.get(_url("open_data_issues", format="json"), {"solved_from": "2027-07-01"}).streaming_content
    )
    assert [row["title_en"] for row in json.loads(data)["rows"]] == ["Water in the school"]
    api = APIClient()
    rows = api.get("/api/v1/problem-issues/", {"raised_to": world.visit.start_date.isoformat()}).json()["results"]
    assert sorted(row["id"] for row in rows) == sorted([world.road.pk, world.gas.pk])
    rows = api.get("/api/v1/problem-issues/", {"solved_to": "2027-06-30"}).json()["results"]
    assert [row["id"] for row in rows] == [world.road.pk]
    bad = api.get("/api/v1/problem-issues/", {"solved_from": "2027-07-01", "solved_to": "2027-06-30"})
    assert bad.json()["count"] == 3  # left out, as an unknown value is
