import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from kezdesu.planning.models import ScheduleVersion
from tests.factories.organisations import DistrictFactory, OrganisationFactory, PositionFactory, RegionFactory
from tests.factories.planning import ScheduleItemFactory, ScheduleVersionFactory
from tests.factories.planning_published import ApprovedVersionFactory, PublishedItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_the_schedule_lists_approved_items_with_translated_names(api):
    region = RegionFactory(kato="930000001", name_kk="Сынақ", name_ru="Тест", name_en="Test")
    ministry = OrganisationFactory(code="ministry-x", name_en="Ministry X")
    item = PublishedItemFactory(
        organisation=ministry,
        position=PositionFactory(organisation=ministry, code="minister", title_en="Minister", title_ru="Министр"),
        region=region,
        district=DistrictFactory(region=region, kato="930001001", name_en="Test District"),
        topics="Roads",
        is_unscheduled=True,
    )
    ScheduleItemFactory(version=ScheduleVersionFactory(period=item.version.period))  # the working version

    response = api.get("/api/v1/schedule/?lang=en")

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["results"][0] == {
        "uid": str(item.uid),
        "version": 1,
        "period": {"start": "2030-01-01", "end": "2030-06-30"},
        "ministry": {"code": "ministry-x", "name": "Ministry X"},
        "official": {
            "code": "minister",
            "level": "first_head",
            "title": "Minister",
            "title_i18n": {"kk": "Министр", "ru": "Министр", "en": "Minister"},
        },
        "region": {"kato": "930000001", "name": "Test", "name_i18n": {"kk": "Сынақ", "ru": "Тест", "en": "Test"}},
        "district": {
            "kato": "930001001",
            "name": "Test District",
            "name_i18n": {"kk": item.district.name_kk, "ru": item.district.name_ru, "en": "Test District"},
        },
        "start_date": "2030-02-10",
        "end_date": "2030-02-10",
        "topics": "Roads",
        "topics_i18n": {"kk": "", "ru": "", "en": "Roads"},
        "is_unscheduled": True,
        "deputy_prime_minister_required": False,
        "status": "planned",
        "amended": False,
        "visit": None,
        "visit_url": None,
    }


def test_the_schedule_filters_by_ministry_region_position_and_dates(api):
    ministry = OrganisationFactory(code="ministry-x")
    region = RegionFactory(kato="930000001")
    first = PublishedItemFactory(organisation=ministry, position=PositionFactory(organisation=ministry), region=region)
    second = PublishedItemFactory(version=first.version, start_date=datetime.date(2030, 4, 1))

    def uids(query):
        return [row["uid"] for row in api.get(f"/api/v1/schedule/?{query}").json()["results"]]

    assert uids("ministry=ministry-x") == [str(first.uid)]
    assert uids("region=930000001") == [str(first.uid)]
    assert uids(f"position={second.position.pk}") == [str(second.uid)]
    assert uids("from=2030-03-01") == [str(second.uid)]
    assert uids("to=2030-03-01") == [str(first.uid)]
    assert api.get("/api/v1/schedule/?from=2030-05-01&to=2030-04-01").status_code == 400


def test_the_versions_list_shows_frozen_versions_with_their_acts(api):
    approved = ApprovedVersionFactory(number=2, act_number="45", reason="Flood in the region")
    ApprovedVersionFactory(period=approved.period, number=1, status=ScheduleVersion.Status.SUPERSEDED)
    ScheduleVersionFactory(period=approved.period)  # the working version

    response = api.get("/api/v1/schedule-versions/")

    assert [(row["number"], row["status"], row["act_number"], row["reason"]) for row in response.json()["results"]] == [
        (2, "approved", "45", "Flood in the region"),
        (1, "superseded", "123", ""),
    ]


@pytest.mark.parametrize("url", ["/api/v1/schedule/", "/api/v1/schedule-versions/"])
def test_the_schedule_lists_make_the_same_number_of_queries_for_one_and_three_items(api, url):
    PublishedItemFactory()
    with CaptureQueriesContext(connection) as one:
        assert api.get(url).status_code == 200
    for number in (2, 3):
        PublishedItemFactory(
            version=ApprovedVersionFactory(
                period__start=datetime.date(2030 + number, 1, 1), period__end=datetime.date(2030 + number, 6, 30)
            )
        )
    with CaptureQueriesContext(connection) as three:
        assert api.get(url).status_code == 200

    assert len(one) == len(three)
