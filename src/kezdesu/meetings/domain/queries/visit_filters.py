"""Narrowing a list of visits by the filters the back office's list and the API share."""

import datetime

from django.db.models import QuerySet

from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation, Region


def filtered_visits(
    visits: QuerySet[Visit],
    *,
    status: str = "",
    region: Region | None = None,
    ministry: Organisation | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> QuerySet[Visit]:
    """The visits that match every filter given. The dates bound the visit's first day, both included, as the
    oversight figures count a visit in the quarter or year it starts in."""
    if status:
        visits = visits.filter(status=status)
    if region is not None:
        visits = visits.filter(region=region)
    if ministry is not None:
        visits = visits.filter(organisation=ministry)
    if start is not None:
        visits = visits.filter(start_date__gte=start)
    if end is not None:
        visits = visits.filter(start_date__lte=end)
    return visits
