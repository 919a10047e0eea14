"""Calendars of visits: a visit's own iCal file and the schedule feeds, with the parts' real times, where they
are, the visit's page, and a SEQUENCE that grows when the visit changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from kezdesu.meetings.domain.parts import update_part
from kezdesu.meetings.domain.visits import cancel_visit
from kezdesu.meetings.models import Visit, VisitPart
from tests.factories.meetings import ALMATY, at, build_visit_world
from tests.factories.visits import another_visit, approved_item
from tests.portal.ical_checks import by_uid, parsed

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_visit_world()
    world.item = approved_item(world, day=world.visit.start_date)
    Visit.objects.filter(pk=world.visit.pk).update(schedule_uid=world.item.uid)
    world.visit.refresh_from_db()
    return world


def calendar_url(visit, language="en"):
    with translation.override(language):
        return reverse("portal:visit_calendar", kwargs={"pk": visit.pk})


def test_a_visit_calendar_has_each_part_at_its_time_in_almaty_with_place_map_point_and_page(client, world):
    response = client.get(calendar_url(world.visit))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, events = parsed(response.content)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Almaty"]
    events = by_uid(events)
    uid = str(world.item.uid)
    assert sorted(events) == sorted(
        [f"{uid}@kezdesu", f"{uid}-reception@kezdesu", f"{uid}-ngo_meeting@kezdesu", f"{uid}-media_briefing@kezdesu"]
    )
    meeting = events[f"{uid}@kezdesu"]  # the schedule item's UID: the all-day item becomes the timed meeting
    assert meeting.decoded("DTSTART") == at(10)
    assert meeting["DTSTART"].params["TZID"] == "Asia/Almaty"
    assert meeting.decoded("DTSTART").utcoffset() == at(10).utcoffset()
    assert meeting.decoded("DTEND") == at(12)
    assert str(meeting["SUMMARY"]) == "Minister A meets the population"
    assert str(meeting["LOCATION"]) == "Palace of Culture, 1 Main Street"
    assert meeting["GEO"].latitude == pytest.approx(43.238949)
    assert meeting["GEO"].longitude == pytest.approx(76.889709)
    assert str(meeting["URL"]) == f"http://testserver/en/visits/{world.visit.pk}/"
    assert str(meeting["STATUS"]) == "CONFIRMED"
    assert f"http://testserver/en/visits/{world.visit.pk}/" in str(meeting["DESCRIPTION"])
    assert "Come to the hall or ask online." in str(meeting["DESCRIPTION"])
    reception = events[f"{uid}-reception@kezdesu"]
    assert str(reception["SUMMARY"]).startswith("Personal reception of citizens: Minister A, ")
    assert reception.decoded("DTSTART") == at(13)


def test_the_calendar_speaks_the_language_of_its_address(client, world):
    Visit.objects.filter(pk=world.visit.pk).update(title_ru="Министр А встречается с населением")
    VisitPart.objects.filter(visit=world.visit).update(venue_ru="Дворец культуры", address_ru="ул. Главная, 1")

    response = client.get(calendar_url(world.visit, "ru"))

    assert response["Content-Language"] == "ru"
    events = by_uid(parsed(response.content)[1])
    meeting = events[f"{world.item.uid}@kezdesu"]
    assert str(meeting["SUMMARY"]) == "Министр А встречается с населением"
    assert str(meeting["LOCATION"]) == "Дворец культуры, ул. Главная, 1"
    assert str(meeting["URL"]) == f"http://testserver/ru/visits/{world.visit.pk}/"


def test_a_change_of_the_visit_raises_the_sequence_and_the_stamp(client, world):
    before = by_uid(parsed(client.get(calendar_url(world.visit)).content)[1])[f"{world.item.uid}@kezdesu"]
    part = world.visit.parts.get(kind=VisitPart.Kind.MEETING)

    update_part(actor=world.user("ministry_editor"), part=part, starts_at=at(11), ends_at=at(13))

    after = by_uid(parsed(client.get(calendar_url(world.visit)).content)[1])[f"{world.item.uid}@kezdesu"]
    assert after.decoded("DTSTART") == at(11)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTAMP") >= before.decoded("DTSTAMP")


def test_a_cancelled_visit_says_cancelled_and_a_draft_has_no_calendar(client, world):
    Visit.objects.filter(pk=world.visit.pk).update(published_at=at(9, day=datetime.date(2027, 2, 1)))
    world.visit.refresh_from_db()
    cancel_visit(actor=world.user("ministry_approver"), visit=world.visit, reason="Floods")

    events = parsed(client.get(calendar_url(world.visit)).content)[1]

    assert {str(event["STATUS"]) for event in events} == {"CANCELLED"}
    # The page of a cancelled visit is closed: the events link to the item's entry in the schedule.
    assert {str(event["URL"]) for event in events} == {f"http://testserver/en/schedule/2027/3/#item-{world.item.uid}"}
    draft = another_visit(world, day=datetime.date(2027, 4, 1), status=Visit.Status.DRAFT)
    assert client.get(calendar_url(draft)).status_code == 404


def test_a_visit_whose_date_the_population_votes_on_is_tentative(client, world):
    Visit.objects.filter(pk=world.visit.pk).update(vote_closes_at=at(9, day=datetime.date(2027, 3, 1)))

    events = parsed(client.get(calendar_url(world.visit)).content)[1]

    assert {str(event["STATUS"]) for event in events} == {"TENTATIVE"}


def test_a_visit_without_a_time_yet_is_one_all_day_event(client, world):
    VisitPart.objects.filter(visit=world.visit).update(starts_at=None, ends_at=None)

    [event] = parsed(client.get(calendar_url(world.visit)).content)[1]

    assert event.decoded("DTSTART") == world.visit.start_date
    assert event.decoded("DTEND") == world.visit.start_date + datetime.timedelta(days=1)
    assert str(event["UID"]) == f"{world.item.uid}@kezdesu"


def test_the_schedule_feed_shows_an_announced_visit_at_its_times_and_other_items_all_day(client, world):
    other = approved_item(world, day=datetime.date(2027, 5, 20))

    response = client.get("/schedule.ics?lang=en")

    events = by_uid(parsed(response.content)[1])
    meeting = events[f"{world.item.uid}@kezdesu"]
    assert meeting.decoded("DTSTART") == at(10)
    assert str(meeting["URL"]) == f"http://testserver/en/visits/{world.visit.pk}/"
    assert int(meeting["SEQUENCE"]) >= world.item.version.number
    assert f"{world.item.uid}-reception@kezdesu" in events
    planned = events[f"{other.uid}@kezdesu"]
    assert planned.decoded("DTSTART") == datetime.date(2027, 5, 20)
    assert str(planned["STATUS"]) == "TENTATIVE"
    assert str(planned["URL"]) == f"http://testserver/en/schedule/2027/5/#item-{other.uid}"
    # No event is all-day when its time is known.
    for uid, event in events.items():
        if uid != f"{other.uid}@kezdesu":
            assert isinstance(event.decoded("DTSTART"), datetime.datetime)


def test_the_ministry_and_region_feeds_follow_the_visit_too(client, world):
    ministry = client.get(f"/schedule/ministry/{world.item.organisation.code}.ics")
    region = client.get(f"/schedule/region/{world.item.region.kato}.ics")

    for response in (ministry, region):
        events = by_uid(parsed(response.content)[1])
        assert events[f"{world.item.uid}@kezdesu"].decoded("DTSTART") == at(10)


def test_the_schedule_feed_is_modified_when_a_visit_changes(client, world):
    first = client.get("/schedule.ics")
    assert client.get("/schedule.ics", headers={"if-none-match": first["ETag"]}).status_code == 304

    part = world.visit.parts.get(kind=VisitPart.Kind.MEETING)
    update_part(actor=world.user("ministry_editor"), part=part, starts_at=at(14), ends_at=at(16))

    again = client.get("/schedule.ics", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    meeting = by_uid(parsed(again.content)[1])[f"{world.item.uid}@kezdesu"]
    assert meeting.decoded("DTSTART") == datetime.datetime(2027, 3, 10, 14, 0, tzinfo=ALMATY)


def test_the_visit_page_links_to_its_calendar(client, world):
    with translation.override("en"):
        page = client.get(reverse("portal:visit_detail", kwargs={"pk": world.visit.pk})).content.decode()
    assert f'href="{calendar_url(world.visit)}" type="text/calendar"' in page
    assert "Add to calendar (iCal)" in page


def test_the_schedule_page_links_to_the_feeds_and_the_open_data(client, world):
    with translation.override("en"):
        page = client.get(reverse("portal:schedule")).content.decode()
    assert 'href="/schedule.ics?lang=en" type="text/calendar"' in page
    assert 'href="/en/open-data/schedule.csv"' in page
    assert 'href="/en/open-data/visits.json"' in page
