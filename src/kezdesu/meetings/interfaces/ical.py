"""Visits as iCalendar events (RFC 5545): one event per part with its real times in Asia/Almaty, where it is,
its map point, its page, and whether it is confirmed, still tentative (the population votes on the date) or
cancelled. Text in the active language.

A visit's main event has the UID of the schedule item it carries out: a calendar that showed the item as an
all-day event replaces it by the meeting's times once the visit is announced. SEQUENCE grows with every
audited change of the visit (and with the schedule's version), DTSTAMP is the last change.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar, Event

from kezdesu.meetings.domain.queries.calendar import Revision
from kezdesu.meetings.interfaces.public_page import visit_title
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.planning.interfaces.ical import UID_DOMAIN, item_event, new_calendar
from kezdesu.planning.models import ScheduleItem


def visit_uid(visit: Visit, kind: str = VisitPart.Kind.MEETING) -> str:
    """Stable across every change of the visit; the main event shares the schedule item's UID."""
    base = str(visit.schedule_uid) if visit.schedule_uid else f"visit-{visit.pk}"
    return f"{base}@{UID_DOMAIN}" if kind == VisitPart.Kind.MEETING else f"{base}-{kind}@{UID_DOMAIN}"


def visit_status(visit: Visit) -> str:
    if visit.status == Visit.Status.CANCELLED:
        return "CANCELLED"
    if visit.vote_closes_at is not None and visit.date_fixed_at is None and visit.status == Visit.Status.PUBLISHED:
        return "TENTATIVE"  # the population is still asked about the date (R9)
    return "CONFIRMED"


def _place(visit: Visit) -> str:
    return f"{visit.district.name}, {visit.region.name}" if visit.district else visit.region.name


def part_location(part: VisitPart, visit: Visit) -> str:
    where = ", ".join(value for value in (part.venue, part.address) if value)
    if part.format == VisitPart.Format.ONLINE:
        return where or pgettext("event location", "Online")
    return where or _place(visit)


def _summary(visit: Visit, part: VisitPart | None) -> str:
    if part is None or part.kind == VisitPart.Kind.MEETING:
        return visit_title(visit)
    name = str(part.get_kind_display())
    return _("%(part)s: %(official)s, %(region)s") % {
        "part": name[:1].upper() + name[1:],
        "official": visit.position.title,
        "region": visit.region.name,
    }


def _description(visit: Visit, part: VisitPart | None, url: str) -> str:
    lines = [f"{visit.position.title}, {visit.organisation.name}"]
    if part is not None:
        lines.append(_("Format: %(format)s") % {"format": part.get_format_display()})
        if part.video_conference_url and part.format != VisitPart.Format.IN_PERSON:
            lines.append(_("Join online: %(url)s") % {"url": part.video_conference_url})
    if visit_status(visit) == "TENTATIVE":
        lines.append(_("The population is voting on the date: it may still change."))
    if visit.how_to_take_part and (part is None or part.kind == VisitPart.Kind.MEETING):
        lines.append(visit.how_to_take_part)
    lines.append(_("The meeting's page: %(url)s") % {"url": url})
    return "\n".join(lines)


def _stamp(visit: Visit, revision: Revision) -> datetime.datetime:
    moments = [moment for moment in (visit.updated_at, revision.changed_at, visit.published_at) if moment]
    return max(moments) if moments else timezone.now()


def visit_events(visit: Visit, *, url: str, revision: Revision, base_sequence: int = 0) -> list[Event]:
    """The visit's parts with a known time, each an event; the whole visit as days while the meeting has none.

    `url` is the visit's page; `base_sequence` the schedule version of its item, so that SEQUENCE never falls
    below the one of the item's all-day event.
    """
    stamp = _stamp(visit, revision)
    sequence = base_sequence + revision.count
    status = visit_status(visit)
    parts = [part for part in visit.parts.all() if part.starts_at is not None]
    meeting_timed = any(part.kind == VisitPart.Kind.MEETING for part in parts)
    events = []
    if not meeting_timed:
        event = Event()
        event.add("uid", visit_uid(visit))
        event.add("dtstart", visit.start_date)
        event.add("dtend", visit.end_date + datetime.timedelta(days=1))  # exclusive: the day after
        event.add("location", _place(visit))
        event.add("transp", "TRANSPARENT")
        _common(event, visit, None, url=url, stamp=stamp, sequence=sequence, status=status)
        events.append(event)
    for part in parts:
        assert part.starts_at is not None
        event = Event()
        event.add("uid", visit_uid(visit, part.kind))
        event.add("dtstart", timezone.localtime(part.starts_at))
        if part.ends_at is not None:
            event.add("dtend", timezone.localtime(part.ends_at))
        event.add("location", part_location(part, visit))
        if part.latitude is not None and part.longitude is not None:
            event.add("geo", (float(part.latitude), float(part.longitude)))
        cancelled = part.outcome == VisitPart.Outcome.NOT_HELD
        _common(
            event, visit, part, url=url, stamp=stamp, sequence=sequence, status="CANCELLED" if cancelled else status
        )
        events.append(event)
    return events


def _common(
    event: Event,
    visit: Visit,
    part: VisitPart | None,
    *,
    url: str,
    stamp: datetime.datetime,
    sequence: int,
    status: str,
) -> None:
    event.add("dtstamp", stamp.astimezone(datetime.UTC))  # RFC 5545: DTSTAMP and LAST-MODIFIED are in UTC
    event.add("last-modified", stamp.astimezone(datetime.UTC))
    event.add("summary", _summary(visit, part))
    event.add("description", _description(visit, part, url))
    event.add("url", url)
    event.add("status", status)
    event.add("sequence", sequence)
    event.add("categories", [str(visit.organisation.name)])


def visit_calendar(visit: Visit, *, name: str, url: str, revision: Revision, base_sequence: int = 0) -> bytes:
    calendar = new_calendar(name)
    for event in visit_events(visit, url=url, revision=revision, base_sequence=base_sequence):
        calendar.add_component(event)
    return calendar.to_ical()


def schedule_with_visits_calendar(
    *,
    items: Iterable[ScheduleItem],
    name: str,
    visits: dict[uuid.UUID, Visit],
    revisions: dict[int, Revision],
    item_url: Callable[[ScheduleItem], str],
    visit_url: Callable[[Visit], str],
    stamp: datetime.datetime,
) -> Calendar:
    """The schedule's items: an announced visit's parts at their times, linking to its page; the other items
    all-day, linking to their entry in the schedule. `visits` maps item uids to their visits."""
    calendar = new_calendar(name)
    for item in items:
        visit = visits.get(item.uid)
        if visit is None:
            calendar.add_component(item_event(item, url=item_url(item), stamp=stamp))
            continue
        for event in visit_events(
            visit,
            url=visit_url(visit),
            revision=revisions.get(visit.pk, Revision()),
            base_sequence=item.version.number or 0,
        ):
            calendar.add_component(event)
    return calendar
