"""The schedule in force as an iCalendar feed (RFC 5545), for calendar applications.

Items are whole days, so their events carry DATE values; the VTIMEZONE for Asia/Almaty is included,
generated from the tz database, for the timed events of announced visits (meetings.interfaces.ical) and for
clients that place all-day events by zone.
"""

import datetime
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from kezdesu.planning.models import ScheduleItem

PRODID = "-//Kezdesu//Schedule of meetings//KK"
UID_DOMAIN = "kezdesu"


def item_uid(item: ScheduleItem) -> str:
    """The same in every version of the schedule, so calendar apps update instead of duplicating."""
    return f"{item.uid}@{UID_DOMAIN}"


def item_summary(item: ScheduleItem) -> str:
    return f"{item.position.title} — {item.region.name}"


def item_location(item: ScheduleItem) -> str:
    return f"{item.district.name}, {item.region.name}" if item.district else item.region.name


def item_description(item: ScheduleItem) -> str:
    lines = [item.organisation.name]
    if item.topics:
        lines.append(_("Topics: %(topics)s") % {"topics": item.topics})
    if item.is_unscheduled:
        lines.append(_("Unscheduled meeting."))
    if item.deputy_prime_minister_required:
        lines.append(_("A deputy prime minister takes part."))
    return "\n".join(lines)


def new_calendar(name: str) -> Calendar:
    """An empty published calendar in the active language, with the VTIMEZONE of Asia/Almaty."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Subscribed clients look again every hour (the feeds answer 304 while nothing changed).
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE, first_date=datetime.date(2020, 1, 1)))
    return calendar


def item_event(item: ScheduleItem, *, url: str, stamp: datetime.datetime) -> Event:
    """The item as an all-day event: its days are approved, its times not known until a visit is announced."""
    event = Event()
    event.add("uid", item_uid(item))
    event.add("dtstamp", stamp.astimezone(datetime.UTC))  # RFC 5545: in UTC
    event.add("dtstart", item.start_date)
    # DTEND of an all-day event is exclusive: the day after the last day.
    event.add("dtend", item.end_date + datetime.timedelta(days=1))
    event.add("summary", item_summary(item))
    event.add("description", item_description(item))
    event.add("location", item_location(item))
    event.add("url", url)
    event.add("status", "TENTATIVE")
    event.add("transp", "TRANSPARENT")
    event.add("sequence", item.version.number or 0)
    return event


def schedule_calendar(
    *,
    items: Iterable[ScheduleItem],
    name: str,
    item_url: Callable[[ScheduleItem], str],
    stamp: datetime.datetime | None = None,
) -> bytes:
    """The feed for `items` in the active language; `stamp` is DTSTAMP (the schedule's last change)."""
    stamp = stamp or timezone.now()
    calendar = new_calendar(name)
    for item in items:
        calendar.add_component(item_event(item, url=item_url(item), stamp=stamp))
    return calendar.to_ical()
