"""The public schedule leads somewhere (issue 14): each entry an announced visit carries out links to its meeting
page, and the list opens on the current month with the nearest meeting from today marked."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.meetings.models import Visit
from tests.factories.organisations import RegionFactory
from tests.factories.planning_published import ApprovedVersionFactory, PublishedItemFactory
from tests.portal.wayfinding import at, freeze

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 3, 11)


def item_on(day: datetime.date, **values):
    return PublishedItemFactory(version=ApprovedVersionFactory(), start_date=day, end_date=day, **values)


def visit_for(item, status: str = Visit.Status.PUBLISHED) -> Visit:
    return Visit.objects.create(
        schedule_uid=item.uid,
        organisation=item.organisation,
        position=item.position,
        region=item.region,
        start_date=item.start_date,
        end_date=item.end_date,
        status=status,
    )


@pytest.fixture(autouse=True)
def today(monkeypatch):
    freeze(monkeypatch, at(9, day=TODAY))


@pytest.mark.parametrize("path", ["/en/schedule/", "/en/schedule/2030/3/"])
def test_an_entry_links_to_its_announced_or_held_visit_only(client, path):
    announced, held, draft, without = (item_on(TODAY + datetime.timedelta(days=n)) for n in range(4))
    links = {
        visit_for(announced): True,
        visit_for(held, Visit.Status.HELD): True,
        visit_for(draft, Visit.Status.DRAFT): False,
    }

    html = client.get(path).content.decode()

    for visit, linked in links.items():
        assert (f'<a class="card-link" href="/en/visits/{visit.pk}/">' in html) is linked
    assert html.count('class="card-link"') == 2
    assert f'id="item-{without.uid}"' in html


@pytest.mark.parametrize("path", ["/ru/schedule/", "/ru/schedule/2030/3/"])
def test_the_links_cost_no_query_per_entry(client, path):
    visit_for(item_on(TODAY))
    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    for days in (1, 2):
        visit_for(item_on(TODAY + datetime.timedelta(days=days), region=RegionFactory()))
    with CaptureQueriesContext(connection) as three:
        assert client.get(path).status_code == 200

    assert len(one) == len(three)
    assert three.captured_queries  # sanity


def test_the_list_opens_on_the_current_month_with_the_nearest_meeting_marked(client):
    january = item_on(datetime.date(2030, 1, 20))
    past = item_on(datetime.date(2030, 3, 4))
    nearest = item_on(datetime.date(2030, 3, 12))
    april = item_on(datetime.date(2030, 4, 2))

    response = client.get("/en/schedule/")

    html = response.content.decode()
    assert [item for month in response.context["months"] for item in month.items] == [past, nearest, april]
    assert response.context["today_item"] == nearest
    assert '<li id="today" class="schedule-list__today"><p class="today-marker">Next meeting from today</p>' in html
    assert html.index('id="today"') < html.index(f'id="item-{nearest.uid}"')
    assert '<a href="#today">Go to today</a>' in html
    assert '<a href="?from=2030-01">January 2030</a>' in html
    assert f'id="item-{january.uid}"' not in html


def test_a_meeting_today_is_marked_today(client):
    item_on(datetime.date(2030, 3, 2))
    today = item_on(TODAY)

    html = client.get("/en/schedule/").content.decode()

    assert '<p class="today-marker">Today</p>' in html
    assert html.index('id="today"') < html.index(f'id="item-{today.uid}"')


def test_earlier_months_open_from_the_month_chosen_and_keep_the_filters(client):
    region = RegionFactory()
    january = item_on(datetime.date(2030, 1, 20), region=region)
    march = item_on(datetime.date(2030, 3, 12), region=region)

    response = client.get("/en/schedule/", {"from": "2030-01", "region": region.kato})

    assert [item for month in response.context["months"] for item in month.items] == [january, march]
    html = response.content.decode()
    assert f'<a href="?from=2030-03&amp;region={region.kato}">From the current month</a>' in html
    assert client.get("/en/schedule/", {"from": "nonsense"}).status_code == 200


def test_the_list_opens_on_the_page_of_today(client):
    from kezdesu.portal.views.schedule import PAGE_SIZE

    version = ApprovedVersionFactory()
    region = RegionFactory()
    for n in range(PAGE_SIZE + 2):  # a busy month: today's meeting falls on the second page
        day = datetime.date(2030, 3, 1) if n < PAGE_SIZE + 1 else TODAY
        PublishedItemFactory(version=version, region=region, start_date=day, end_date=day)

    response = client.get("/en/schedule/")

    assert response.context["page"].number == 2
    assert response.context["today_item"].start_date == TODAY
    assert response.context["today_url"] == "#today"
    assert client.get("/en/schedule/", {"page": 1}).context["today_url"] == "?page=2#today"


def test_on_a_phone_the_map_waits_behind_a_link(client):
    html = client.get("/en/schedule/").content.decode()

    assert '<li class="jump-links__map"><a href="#regions-map">Meetings by region on a map</a></li>' in html
    assert '<div class="schedule-map" id="regions-map">' in html
    assert html.index('class="schedule-layout__main"') < html.index('id="regions-map"')
