import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kezdesu.planning.interfaces.region_map import buckets_for
from tests.factories.organisations import OrganisationFactory, PositionFactory, RegionFactory
from tests.factories.planning import ScheduleItemFactory, ScheduleVersionFactory
from tests.factories.planning_published import ApprovedVersionFactory, PublishedItemFactory

pytestmark = pytest.mark.django_db

ABAY = "100000000"


@pytest.fixture
def abay():
    return RegionFactory(kato=ABAY, iso_code="KZ-ABY", pcode="KZ10", name_kk="Абай", name_ru="Абайская", name_en="Abay")


def published(count, region):
    version = ApprovedVersionFactory()
    return [
        PublishedItemFactory(
            version=version,
            region=region,
            start_date=datetime.date(2030, 2 + n, 10),
            end_date=datetime.date(2030, 2 + n, 11),
            topics=f"Topic {n}",
        )
        for n in range(count)
    ]


def test_the_list_shows_approved_items_grouped_by_month(client, abay):
    items = published(2, abay)
    items[0].is_unscheduled = True
    items[0].save(update_fields=["is_unscheduled"])
    working = ScheduleItemFactory(version=ScheduleVersionFactory(period=items[0].version.period), topics="Draft only")

    response = client.get("/en/schedule/")

    assert response.status_code == 200
    page = response.content.decode()
    assert [group.first_day for group in response.context["months"]] == [
        datetime.date(2030, 2, 1),
        datetime.date(2030, 3, 1),
    ]
    assert f'id="item-{items[0].uid}"' in page
    assert "Topic 1" in page
    assert "unscheduled" in page
    assert working.topics not in page
    assert 'href="/schedule.ics?lang=en"' in page


def test_the_map_colours_regions_by_count_and_links_to_the_filtered_list(client, abay):
    published(3, abay)

    response = client.get("/en/schedule/")

    [shape] = [shape for shape in response.context["region_map"].regions if shape.kato == ABAY]
    assert (shape.count, shape.bucket.css_class, shape.url) == (3, "map-3", f"/en/schedule/?region={ABAY}")
    assert [bucket.label for bucket in response.context["region_map"].buckets] == [
        "no meetings",
        "1 meeting",
        "2 meetings",
        "3 meetings",
    ]
    page = response.content.decode()
    assert "<title>Abay: 3 meetings</title>" in page
    assert f'<th scope="row"><a href="/en/schedule/?region={ABAY}">Abay</a></th><td class="numeric">3</td>' in page


def test_the_filters_narrow_the_list_and_offer_the_matching_feeds(client, abay):
    ministry = OrganisationFactory(code="ministry-x")
    kept = PublishedItemFactory(organisation=ministry, position=PositionFactory(organisation=ministry), region=abay)
    PublishedItemFactory(version=kept.version, region=abay)

    response = client.get(f"/ru/schedule/?ministry=ministry-x&region={ABAY}&official=")

    assert [item for month in response.context["months"] for item in month.items] == [kept]
    page = response.content.decode()
    assert 'href="/schedule/ministry/ministry-x.ics?lang=ru"' in page
    assert f'href="/schedule/region/{ABAY}.ics?lang=ru"' in page


def test_the_month_view_places_items_on_their_days(client, abay):
    [item] = published(1, abay)

    response = client.get("/kk/schedule/2030/2/")

    assert response.status_code == 200
    days = {day.date: day.items for week in response.context["weeks"] for day in week}
    assert days[datetime.date(2030, 2, 10)] == [item]
    assert days[datetime.date(2030, 2, 11)] == [item]
    assert days[datetime.date(2030, 2, 12)] == []
    assert response.context["items"] == [item]
    assert client.get("/kk/schedule/2030/13/").status_code == 404


@pytest.mark.parametrize("path", ["/ru/schedule/", "/ru/schedule/2030/2/"])
def test_the_calendar_pages_make_the_same_number_of_queries_for_one_and_three_items(client, abay, path):
    published(1, abay)
    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    published(2, RegionFactory())
    with CaptureQueriesContext(connection) as three:
        assert client.get(path).status_code == 200

    assert len(one) == len(three)


def test_the_map_buckets_split_the_busiest_region_count_in_four():
    translation.activate("en")
    assert [(bucket.css_class, bucket.low, bucket.high, bucket.label) for bucket in buckets_for(37)] == [
        ("map-0", 0, 0, "no meetings"),
        ("map-1", 1, 10, "1–10 meetings"),
        ("map-2", 11, 20, "11–20 meetings"),
        ("map-3", 21, 30, "21–30 meetings"),
        ("map-4", 31, 37, "31–37 meetings"),
    ]
    assert [bucket.css_class for bucket in buckets_for(0)] == ["map-0"]
