import datetime

import pytest
from icalendar import Calendar

from kezdesu.planning.models import ScheduleVersion
from tests.factories.organisations import DistrictFactory, OrganisationFactory, RegionFactory
from tests.factories.planning import ScheduleItemFactory
from tests.factories.planning_published import ApprovedVersionFactory, PublishedItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    region = RegionFactory(kato="920000001", name_kk="Сынақ облысы", name_ru="Тестовая область")
    return PublishedItemFactory(
        organisation=OrganisationFactory(code="ministry-x"),
        region=region,
        district=DistrictFactory(region=region, name_ru="Тестовый район"),
        start_date=datetime.date(2030, 2, 10),
        end_date=datetime.date(2030, 2, 12),
        topics="Water supply",
        is_unscheduled=True,
    )


def events(response):
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_the_whole_schedule_feed_has_a_vtimezone_and_all_day_events(client, item):
    response = client.get("/schedule.ics?lang=ru")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, [event] = events(response)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Almaty"]
    assert str(calendar["X-WR-CALNAME"]) == "Встречи министров с населением"
    assert str(event["UID"]) == f"{item.uid}@kezdesu"
    assert event.decoded("DTSTART") == datetime.date(2030, 2, 10)
    assert event.decoded("DTEND") == datetime.date(2030, 2, 13)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert str(event["SUMMARY"]) == "Министр — Тестовая область"
    assert str(event["LOCATION"]) == "Тестовый район, Тестовая область"
    assert "Water supply" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver/ru/schedule/2030/2/#item-{item.uid}"


def test_the_feed_is_in_kazakh_by_default(client, item):
    _calendar, [event] = events(client.get("/schedule.ics"))

    assert str(event["SUMMARY"]) == "Министр — Сынақ облысы"
    assert str(event["URL"]).startswith("http://testserver/kk/schedule/")


def test_the_uid_stays_the_same_in_the_amended_version(client, item):
    item.version.status = ScheduleVersion.Status.SUPERSEDED
    item.version.save(update_fields=["status"])
    amended = ApprovedVersionFactory(
        period=item.version.period, number=2, frozen_at=item.version.frozen_at + datetime.timedelta(days=30)
    )
    ScheduleItemFactory(
        version=amended,
        uid=item.uid,
        organisation=item.organisation,
        position=item.position,
        region=item.region,
        start_date=datetime.date(2030, 3, 3),
    )

    _calendar, [event] = events(client.get("/schedule.ics"))

    assert str(event["UID"]) == f"{item.uid}@kezdesu"
    assert event.decoded("DTSTART") == datetime.date(2030, 3, 3)


def test_ministry_and_region_feeds_hold_only_their_items(client, item):
    PublishedItemFactory(version=item.version)

    assert len(events(client.get("/schedule/ministry/ministry-x.ics"))[1]) == 1
    assert len(events(client.get("/schedule/region/920000001.ics"))[1]) == 1
    assert len(events(client.get("/schedule.ics"))[1]) == 2
    assert client.get("/schedule/ministry/no-such.ics").status_code == 404
    assert client.get("/schedule/region/999999999.ics").status_code == 404


def test_the_feed_answers_not_modified_until_a_new_version_is_approved(client, item):
    first = client.get("/schedule.ics")

    assert "max-age=900" in first["Cache-Control"]
    assert client.get("/schedule.ics", headers={"if-none-match": first["ETag"]}).status_code == 304
    assert client.get("/schedule.ics", headers={"if-modified-since": first["Last-Modified"]}).status_code == 304

    ApprovedVersionFactory(
        period=item.version.period, number=2, frozen_at=item.version.frozen_at + datetime.timedelta(days=1)
    )

    assert client.get("/schedule.ics", headers={"if-none-match": first["ETag"]}).status_code == 200
