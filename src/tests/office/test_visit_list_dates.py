"""The back office's list of visits narrowed to a range of start dates, as the oversight dashboard links its
figures "meetings held in Q3 2026" and "meetings held in a region in 2026" to it (R26)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kezdesu.meetings.models import Visit
from kezdesu.reports.domain.queries.oversight import region_counts
from tests.factories.meetings import build_visit_world
from tests.factories.visits import another_visit

pytestmark = pytest.mark.django_db

Q3_2026 = {"status": "held", "start": "2026-07-01", "end": "2026-09-30"}


@pytest.fixture
def world():
    return build_visit_world()


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.user("coordinator"))
    return client


def visit_list() -> str:
    return reverse("office:visit_list")


def held(world, day: datetime.date, **fields) -> Visit:
    return another_visit(world, day=day, status=Visit.Status.HELD, **fields)


def detail(visit: Visit) -> str:
    return reverse("office:visit_detail", kwargs={"pk": visit.pk})


def listed(html: str, *visits: Visit) -> list[bool]:
    return [f'href="{detail(visit)}"' in html for visit in visits]


def test_the_bounds_are_included_and_the_count_matches_the_records(coordinator, world):
    before, first, last, after = (
        held(world, datetime.date(2026, 6, 30)),
        held(world, datetime.date(2026, 7, 1)),
        held(world, datetime.date(2026, 9, 30)),
        held(world, datetime.date(2026, 10, 1)),
    )
    # Counted by its first day, like the dashboard: it starts in Q3 and ends in Q4.
    spanning = Visit.objects.create(
        organisation=world.roles.ministry,
        position=world.minister,
        region=world.roles.akimat.region,
        start_date=datetime.date(2026, 9, 30),
        end_date=datetime.date(2026, 10, 2),
        status=Visit.Status.HELD,
    )
    expected = Visit.objects.filter(
        status=Visit.Status.HELD, start_date__gte=datetime.date(2026, 7, 1), start_date__lte=datetime.date(2026, 9, 30)
    ).count()

    html = coordinator.get(visit_list(), Q3_2026).content.decode()

    assert expected == 3
    assert "<p>3 visits</p>" in html
    assert listed(html, before, first, last, spanning, after) == [False, True, True, True, False]


def test_one_visit_is_counted_in_the_singular(coordinator, world):
    held(world, datetime.date(2026, 8, 15))
    html = coordinator.get(visit_list(), Q3_2026).content.decode()
    assert "<p>1 visit</p>" in html


def test_the_region_figure_of_the_dashboard_matches_the_list(coordinator, world):
    region, other_region = world.roles.akimat.region, world.roles.other_akimat.region
    in_region = [held(world, datetime.date(2026, 1, 1)), held(world, datetime.date(2026, 12, 31))]
    elsewhere = held(world, datetime.date(2026, 5, 5), region=other_region)
    last_year = held(world, datetime.date(2025, 12, 31))
    announced = another_visit(world, day=datetime.date(2026, 5, 6))

    query = {"status": "held", "region": region.pk, "start": "2026-01-01", "end": "2026-12-31"}
    html = coordinator.get(visit_list(), query).content.decode()

    assert region_counts(year=2026).meetings_held[region.pk] == 2
    assert "<p>2 visits</p>" in html
    assert listed(html, *in_region, elsewhere, last_year, announced) == [True, True, False, False, False]


def test_the_dates_combine_with_the_ministry(coordinator, world):
    ours = held(world, datetime.date(2026, 8, 1))
    theirs = held(world, datetime.date(2026, 8, 2), organisation=world.roles.other_ministry)
    html = coordinator.get(visit_list(), {**Q3_2026, "ministry": world.roles.other_ministry.pk}).content.decode()
    assert "<p>1 visit</p>" in html
    assert listed(html, ours, theirs) == [False, True]


def test_one_bound_alone_narrows_the_list(coordinator, world):
    early, late = held(world, datetime.date(2026, 2, 1)), held(world, datetime.date(2026, 11, 1))
    html = coordinator.get(visit_list(), {"start": "2026-06-01"}).content.decode()
    assert listed(html, early, late, world.visit) == [False, True, True]
    html = coordinator.get(visit_list(), {"end": "2026-06-01"}).content.decode()
    assert listed(html, early, late, world.visit) == [True, False, False]


def test_an_end_before_the_start_is_an_error_and_the_list_is_not_filtered(coordinator, world):
    visit = held(world, datetime.date(2026, 8, 1))
    response = coordinator.get(visit_list(), {"status": "held", "start": "2026-09-30", "end": "2026-07-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {"end": ["The end of the range comes before its start."]}
    assert "The end of the range comes before its start." in html
    assert listed(html, visit, world.visit) == [True, True]
    assert "<p>2 visits</p>" in html


def test_a_malformed_date_is_an_error_not_a_crash(coordinator, world):
    response = coordinator.get(visit_list(), {"start": "2026-13-01"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"start": ["Enter a valid date."]}


def test_the_form_offers_date_inputs_holding_the_filter(coordinator):
    html = coordinator.get(visit_list(), Q3_2026).content.decode()
    assert '<input type="date" name="start" value="2026-07-01"' in html
    assert '<input type="date" name="end" value="2026-09-30"' in html
    assert '<label for="id_start">From</label>' in html
    assert '<label for="id_end">To</label>' in html


def test_the_pages_keep_the_filters(coordinator, world, monkeypatch):
    monkeypatch.setattr("kezdesu.office.views.visits.PAGE_SIZE", 2)
    for day in (1, 2, 3):
        held(world, datetime.date(2026, 8, day))
    html = coordinator.get(visit_list(), Q3_2026).content.decode()
    assert "<p>3 visits</p>" in html
    assert 'href="?status=held&amp;start=2026-07-01&amp;end=2026-09-30&amp;page=2"' in html
    second = coordinator.get(visit_list(), {**Q3_2026, "page": 2}).content.decode()
    assert "<p>3 visits</p>" in second
    assert 'href="?status=held&amp;start=2026-07-01&amp;end=2026-09-30&amp;page=1"' in second


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(visit_list(), Q3_2026).status_code == 200
    return len(queries)


def test_the_filtered_list_query_count_does_not_grow_with_visits(coordinator, world):
    held(world, datetime.date(2026, 8, 1))
    one = _queries(coordinator)
    held(world, datetime.date(2026, 8, 2))
    held(world, datetime.date(2026, 8, 3))
    assert _queries(coordinator) == one
