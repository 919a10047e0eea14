"""The public calendar of the schedule in force: a list by month, a month grid, a map of regions (S6).

The list is paged: the whole schedule of a year runs to hundreds of meetings. It opens on the current month,
on the page of the nearest meeting on or after today (marked `#today`), with links to the earlier months; each
entry an announced visit carries out links to its meeting page.
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
from django.utils import timezone

from kezdesu.meetings.domain.queries.schedule_visits import with_public_visit
from kezdesu.planning.domain.queries.published import approved_versions, published_counts_by_region, published_items
from kezdesu.planning.interfaces.region_map import RegionMap, region_map
from kezdesu.planning.models import ScheduleItem
from kezdesu.portal.schedule_filters import ScheduleFilterForm

PAGE_SIZE = 50
FROM = "from"  # the month the list starts with, YYYY-MM; the current month when absent


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


def _month_asked(request: HttpRequest, today: datetime.date) -> datetime.date:
    """The first day of the month the list starts with: `?from=YYYY-MM`, else the current month."""
    try:
        year, month = (int(part) for part in request.GET.get(FROM, "").split("-"))
        return datetime.date(year, month, 1) if 2000 <= year <= 2100 else today.replace(day=1)
    except ValueError:
        return today.replace(day=1)


@dataclass(frozen=True)
class ListStart:
    earlier_months: list[datetime.date]  # months before the list's first with meetings, to start from instead
    today_index: int | None  # the position in the list of the nearest meeting on or after today


def _list_start(items: QuerySet[ScheduleItem], first: datetime.date, today: datetime.date) -> ListStart:
    """Where the list starts and where today falls in it, from the items' dates alone (one query)."""
    spans = list(items.prefetch_related(None).values_list("start_date", "end_date"))
    earlier = sorted({start.replace(day=1) for start, end in spans if end < first})
    listed = [end for _start, end in spans if end >= first]
    index = next((number for number, end in enumerate(listed) if end >= today), None) if first <= today else None
    return ListStart(earlier_months=earlier, today_index=index)


def schedule_list(request: HttpRequest) -> HttpResponse:
    form = ScheduleFilterForm(request.GET)
    today = timezone.localdate()
    first = _month_asked(request, today)
    start = _list_start(published_items(**form.filters()), first, today)
    items: QuerySet[ScheduleItem] = with_public_visit(published_items(start=first, **form.filters()))
    paginator = Paginator(items, PAGE_SIZE)
    today_page = start.today_index // PAGE_SIZE + 1 if start.today_index is not None else None
    page = paginator.get_page(request.GET.get("page", today_page))
    page.object_list = list(page.object_list)
    today_item = None
    if today_page == page.number and start.today_index is not None:
        today_item = page.object_list[start.today_index - (page.number - 1) * PAGE_SIZE]
    # A month cut by a page break shows its heading again on the next page.
    months = [
        MonthGroup(first_day=datetime.date(year, month, 1), items=list(group))
        for (year, month), group in groupby(
            page.object_list, key=lambda item: (item.start_date.year, item.start_date.month)
        )
    ]
    query = _query_with(request)
    return render(
        request,
        "portal/schedule/list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "months": months,
            "region_map": _region_map(request, form),
            "feeds": _feed_links(form),
            "documents": list(approved_versions().order_by("period__start")),
            "today": today,
            "today_item": today_item,
            "today_url": _today_url(request, today_page, page.number) if today_page is not None else "",
            "earlier_months": [
                (month, "?" + _query_with(request, **{FROM: month.strftime("%Y-%m")})) for month in start.earlier_months
            ],
            "list_start": first,
            "current_month_url": "?" + _query_with(request, **{FROM: today.strftime("%Y-%m")}),
        },
    )


def _today_url(request: HttpRequest, today_page: int, shown_page: int) -> str:
    if today_page == shown_page:
        return "#today"
    return "?" + _query_with(request, page=str(today_page)) + "#today"


def schedule_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    form = ScheduleFilterForm(request.GET)
    items = list(with_public_visit(published_items(start=first, end=last, **form.filters())))
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
