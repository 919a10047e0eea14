"""The public calendar of the schedule in force: a list by month, a month grid, a map of regions (S6).

The list is paged: the whole schedule of a year runs to hundreds of meetings.
"""

import calendar
import datetime
from dataclasses import dataclass
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse

from kezdesu.planning.domain.queries.published import approved_versions, published_counts_by_region, published_items
from kezdesu.planning.interfaces.region_map import RegionMap, region_map
from kezdesu.planning.models import ScheduleItem
from kezdesu.portal.schedule_filters import ScheduleFilterForm

PAGE_SIZE = 50


@dataclass(frozen=True)
class MonthGroup:
    first_day: datetime.date
    items: list[ScheduleItem]


@dataclass(frozen=True)
class Day:
    date: datetime.date
    in_month: bool
    items: list[ScheduleItem]


def _query_with(request: HttpRequest, **changes: str) -> str:
    query: QueryDict = request.GET.copy()
    query.pop("page", None)  # a page number means nothing once the filters change
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


def _region_map(request: HttpRequest, form: ScheduleFilterForm) -> RegionMap:
    counts = published_counts_by_region(published_items(**form.filters(with_region=False)))
    list_url = reverse("portal:schedule")
    chosen = form.filters().get("region")
    return region_map(
        counts,
        lambda kato: f"{list_url}?{_query_with(request, region=kato)}",
        current=chosen.kato if chosen is not None else None,
    )


def _feed_links(form: ScheduleFilterForm) -> dict[str, str]:
    filters = form.filters()
    links = {"all": reverse("schedule_feed")}
    if filters["ministry"] is not None:
        links["ministry"] = reverse("schedule_ministry_feed", kwargs={"code": filters["ministry"].code})
    if filters.get("region") is not None:
        links["region"] = reverse("schedule_region_feed", kwargs={"kato": filters["region"].kato})
    return links


def schedule_list(request: HttpRequest) -> HttpResponse:
    form = ScheduleFilterForm(request.GET)
    items: QuerySet[ScheduleItem] = published_items(**form.filters())
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    # A month cut by a page break shows its heading again on the next page.
    months = [
        MonthGroup(first_day=datetime.date(year, month, 1), items=list(group))
        for (year, month), group in groupby(
            page.object_list, key=lambda item: (item.start_date.year, item.start_date.month)
        )
    ]
    return render(
        request,
        "portal/schedule/list.html",
        {
            "form": form,
            "page": page,
            "query": _query_with(request),
            "months": months,
            "region_map": _region_map(request, form),
            "feeds": _feed_links(form),
            "documents": list(approved_versions().order_by("period__start")),
            "today": datetime.date.today(),
        },
    )


def schedule_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    form = ScheduleFilterForm(request.GET)
    items = list(published_items(start=first, end=last, **form.filters()))
    weeks = [
        [
            Day(
                date=day,
                in_month=day.month == month,
                items=[item for item in items if item.start_date <= day <= item.end_date],
            )
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous = first - datetime.timedelta(days=1)
    following = last + datetime.timedelta(days=1)
    query = request.GET.urlencode()
    return render(
        request,
        "portal/schedule/month.html",
        {
            "form": form,
            "first_day": first,
            "items": items,
            "weeks": weeks,
            "weekdays": [week_day.date for week_day in weeks[0]],
            "previous_url": reverse("portal:schedule_month", kwargs={"year": previous.year, "month": previous.month}),
            "next_url": reverse("portal:schedule_month", kwargs={"year": following.year, "month": following.month}),
            "query": query,
            "feeds": _feed_links(form),
        },
    )
