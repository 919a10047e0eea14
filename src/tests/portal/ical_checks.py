"""What calendar applications need of a feed (RFC 5545), checked on the parsed calendar."""

import datetime

from icalendar import Calendar


def parsed(body: bytes) -> tuple[Calendar, list]:
    """The calendar and its events, after checking the structure every client relies on."""
    calendar = Calendar.from_ical(body)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Kezdesu//")
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    events = list(calendar.walk("VEVENT"))
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)), "a UID twice in one calendar"
    for event in events:
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL", "STATUS", "SEQUENCE"):
            assert name in event, f"{name} missing in {event.get('UID')}"
        stamp = event.decoded("DTSTAMP")
        assert isinstance(stamp, datetime.datetime)
        assert stamp.utcoffset() == datetime.timedelta(0)
        assert str(event["STATUS"]) in ("CONFIRMED", "TENTATIVE", "CANCELLED")
        start = event.decoded("DTSTART")
        if isinstance(start, datetime.datetime):
            assert start.tzinfo is not None
            assert event["DTSTART"].params["TZID"] in zones, "a TZID without its VTIMEZONE"
            if "DTEND" in event:
                assert event.decoded("DTEND") > start
        else:
            assert event["DTSTART"].params["VALUE"] == "DATE"
            assert event.decoded("DTEND") > start
        assert str(event["URL"]).startswith(("http://", "https://"))
    return calendar, events


def by_uid(events: list) -> dict:
    return {str(event["UID"]): event for event in events}
