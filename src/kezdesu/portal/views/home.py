"""The home page for citizens (issue 14): today's meetings and the next ones, nearest to the visitor's region
first, each with what one can do on it now; the latest published results; a search box; where to go next.

A fixed number of queries whatever the number of meetings: the regions, the visits of the coming weeks with
their parts, the latest results.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kezdesu.core.collation import collated
from kezdesu.followup.domain.queries.publications import latest_publications
from kezdesu.meetings.domain.queries.coming import public_visits_between
from kezdesu.organisations.domain.region_nearness import distance_km
from kezdesu.organisations.models import Region
from kezdesu.portal.citizen_actions import VisitEntry, citizen_actions
from kezdesu.portal.region_choice import chosen_region, remember_region

HORIZON_DAYS = 92  # about a quarter: each ministry meets the population at least once a quarter
COMING_SHOWN = 6
RESULTS_SHOWN = 3


def _day(entry: VisitEntry) -> datetime.date:
    """The day of the visit's meeting with the population (Astana time), else the visit's first day."""
    meeting = entry.meeting
    if meeting is not None and meeting.starts_at is not None:
        return timezone.localdate(meeting.starts_at)
    return entry.visit.start_date


def _ordered(entries: list[VisitEntry], region: Region | None) -> list[VisitEntry]:
    """Nearest to the chosen region first, then soonest; without a region, soonest first."""

    def when(entry: VisitEntry) -> tuple[datetime.date, datetime.datetime | None, int]:
        meeting = entry.meeting
        starts = meeting.starts_at if meeting is not None and meeting.starts_at is not None else None
        return (entry.visit.start_date, starts or datetime.datetime.max.replace(tzinfo=datetime.UTC), entry.visit.pk)

    if region is None:
        return sorted(entries, key=when)
    return sorted(entries, key=lambda entry: (distance_km(region.kato, entry.visit.region.kato), when(entry)))


def home(request: HttpRequest) -> HttpResponse:
    regions = collated(Region.objects.all())
    region, changed = chosen_region(request, regions)
    now = timezone.now()
    today = timezone.localdate(now)
    visits = public_visits_between(first=today, last=today + datetime.timedelta(days=HORIZON_DAYS))
    entries = [citizen_actions(visit, now=now) for visit in visits]
    coming = _ordered([entry for entry in entries if _day(entry) > today], region)
    response = render(
        request,
        "portal/home.html",
        {
            "regions": regions,
            "region": region,
            "today": today,
            "today_entries": _ordered([entry for entry in entries if _day(entry) <= today], region),
            "coming_entries": coming[:COMING_SHOWN],
            "more_coming": len(coming) > COMING_SHOWN,
            "publications": list(latest_publications(limit=RESULTS_SHOWN)),
        },
    )
    if changed:
        remember_region(response, region)
    return response
