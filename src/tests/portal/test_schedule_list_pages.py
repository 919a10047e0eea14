"""The public calendar's list is paged: a national schedule has hundreds of meetings a year."""

import datetime

import pytest

from kezdesu.portal.views.schedule import PAGE_SIZE
from tests.factories.organisations import OrganisationFactory, PositionFactory, RegionFactory
from tests.factories.planning_published import ApprovedVersionFactory, PublishedItemFactory

pytestmark = pytest.mark.django_db

ABAY = "100000000"
# The chosen ministry, the items' dates (where the list starts and where today falls), the count, the page, its
# akims, the counts by region, the regions of the map, the documents, and the three lists of the filters' choices.
LIST_QUERIES = 11


@pytest.fixture
def abay():
    return RegionFactory(kato=ABAY, name_en="Abay")


def publish(count, region, **values):
    version = ApprovedVersionFactory()
    first = datetime.date(2030, 1, 1)
    return [
        PublishedItemFactory(
            version=version,
            region=region,
            start_date=first + datetime.timedelta(days=n),
            end_date=first + datetime.timedelta(days=n),
            **values,
        )
        for n in range(count)
    ]


def test_the_list_shows_one_page_of_meetings_and_keeps_the_filters_in_its_links(client, abay):
    ministry = OrganisationFactory(code="ministry-x")
    items = publish(PAGE_SIZE + 1, abay, organisation=ministry, position=PositionFactory(organisation=ministry))

    first = client.get("/en/schedule/?ministry=ministry-x")
    second = client.get("/en/schedule/?ministry=ministry-x&page=2")

    assert [item for month in first.context["months"] for item in month.items] == items[:PAGE_SIZE]
    assert [item for month in second.context["months"] for item in month.items] == items[PAGE_SIZE:]
    assert f"Meetings 1–{PAGE_SIZE} of {PAGE_SIZE + 1}" in first.text
    assert 'href="?ministry=ministry-x&amp;page=2" rel="next"' in first.text
    assert 'href="?ministry=ministry-x&amp;page=1" rel="prev"' in second.text
    assert f'href="/en/schedule/?ministry=ministry-x&amp;region={ABAY}"' in second.text


def test_a_page_number_out_of_range_shows_the_last_page(client, abay):
    [item] = publish(1, abay)

    response = client.get("/en/schedule/?page=9")

    assert response.status_code == 200
    assert [shown for month in response.context["months"] for shown in month.items] == [item]
    assert "Page 1 of 1" not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_reads_a_fixed_number_of_queries(client, abay, django_assert_max_num_queries, count):
    ministry = OrganisationFactory(code="ministry-x")
    publish(count, abay, organisation=ministry, position=PositionFactory(organisation=ministry))

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get("/ru/schedule/?ministry=ministry-x")

    assert sum(len(month.items) for month in response.context["months"]) == count
