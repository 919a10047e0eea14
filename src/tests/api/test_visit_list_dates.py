"""The API's list of visits narrowed to a range of start dates, like the back office's list."""

import datetime

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.meetings.models import Visit
from tests.api.conftest import client_for
from tests.factories.meetings import build_visit_world
from tests.factories.visits import another_visit

pytestmark = pytest.mark.django_db

LIST = "/api/v1/visits/"


@pytest.fixture
def world():
    return build_visit_world()


def held(world, day: datetime.date, **fields) -> Visit:
    return another_visit(world, day=day, status=Visit.Status.HELD, **fields)


def test_the_bounds_are_included_and_the_count_matches_the_records(world):
    before, first, last, after = (
        held(world, datetime.date(2026, 6, 30)),
        held(world, datetime.date(2026, 7, 1)),
        held(world, datetime.date(2026, 9, 30)),
        held(world, datetime.date(2026, 10, 1)),
    )
    body = client_for(None).get(LIST, {"start": "2026-07-01", "end": "2026-09-30"}).json()
    expected = Visit.objects.filter(
        start_date__gte=datetime.date(2026, 7, 1), start_date__lte=datetime.date(2026, 9, 30)
    ).count()
    assert body["count"] == expected == 2
    assert [visit["id"] for visit in body["results"]] == [first.pk, last.pk]
    assert before.pk not in [visit["id"] for visit in body["results"]]
    assert after.pk not in [visit["id"] for visit in body["results"]]


def test_one_bound_alone_narrows_the_list(world):
    early = held(world, datetime.date(2026, 2, 1))
    body = client_for(None).get(LIST, {"end": "2026-06-01"}).json()
    assert [visit["id"] for visit in body["results"]] == [early.pk]
    body = client_for(None).get(LIST, {"start": "2026-06-01"}).json()
    assert [visit["id"] for visit in body["results"]] == [world.visit.pk]


def test_the_dates_keep_the_readers_scope(world):
    draft = another_visit(world, day=datetime.date(2026, 8, 1), status=Visit.Status.DRAFT)
    query = {"start": "2026-07-01", "end": "2026-09-30"}
    assert client_for(None).get(LIST, query).json()["count"] == 0
    assert [v["id"] for v in client_for(world.user("ministry_viewer")).get(LIST, query).json()["results"]] == [draft.pk]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("start=2026-09-30&end=2026-07-01", "end", "The end of the range comes before its start."),
        ("start=2026-13-01", "start", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."),
    ],
)
def test_bad_dates_answer_400_with_a_clear_message(world, query, field, message):
    response = client_for(None).get(f"{LIST}?{query}&lang=en")
    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_the_detail_ignores_the_list_filters(world):
    assert client_for(None).get(f"{LIST}{world.visit.pk}/", {"start": "nonsense"}).status_code == 200


def _queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client_for(None).get(LIST, {"start": "2026-01-01", "end": "2026-12-31"}).status_code == 200
    return len(queries)


def test_the_filtered_list_query_count_does_not_grow_with_visits(world):
    held(world, datetime.date(2026, 8, 1))
    one = _queries()
    held(world, datetime.date(2026, 8, 2))
    held(world, datetime.date(2026, 8, 3))
    assert _queries() == one


def test_the_schema_documents_the_dates(tmp_path):
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--file", str(path))
    schema = yaml.safe_load(path.read_text())
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/visits/"]["get"]["parameters"]}
    assert parameters["start"]["schema"] == {"type": "string", "format": "date"}
    assert parameters["end"]["schema"] == {"type": "string", "format": "date"}
    assert parameters["start"]["in"] == "query"
