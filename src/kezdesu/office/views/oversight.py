"""The oversight dashboards (R26) for the authorized body, the Government Apparatus and the Presidential
Administration: compliance of every ministry by quarter (a heatmap with the figures written in), maps of the
regions by meetings held and open problem issues, what each body has overdue, and the trends over the last eight
quarters (inline SVG charts with the same figures in tables). Every figure links to the records it counts.

Only nationwide readers (`reports.view_oversight`) see it; for everyone else the page does not exist (404).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kezdesu.office.queries import MET_ON_TIME
from kezdesu.office.views.access import StaffRequest, hidden_unless
from kezdesu.organisations.models import Organisation, Region
from kezdesu.planning.interfaces.region_map import MEETINGS, RegionMap, region_map
from kezdesu.portal.views.accountability import OPEN_PROBLEMS
from kezdesu.regulations.domain.obligations import ObligationState
from kezdesu.reports.domain.queries.oversight import (
    OVERDUE_LOOKBACK_DAYS,
    Cell,
    HeatmapRow,
    OverdueRow,
    TrendPoint,
    compliance,
    dashboard_obligations,
    overdue_by_body,
    region_counts,
    trends,
)

FIRST_YEAR = 2024
CHART_WIDTH = 320
CHART_HEIGHT = 120
CHART_TOP = 16  # room for the figure above the tallest bar
CHART_BOTTOM = 18  # room for the quarter's label


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]

    def chosen_year(self, default: int) -> int:
        return (self.cleaned_data.get("year") if self.is_valid() else None) or default


def _url(name: str, **params: object) -> str:
    query = {key: str(value) for key, value in params.items() if value not in (None, "")}
    return reverse(name) + ("?" + urlencode(sorted(query.items())) if query else "")


def obligations_url(**params: object) -> str:
    return _url("office:obligations", **params)


def instructions_url(organisation: Organisation) -> str:
    """The Government's instructions to the body (and its committees) past their deadline."""
    return _url("office:instructions", assignee=organisation.code, state="overdue")


def measures_url(**params: object) -> str:
    return _url("portal:measure_list", **params)


def _cell_label(cell: Cell) -> str:
    if cell.exempt:
        return gettext("exempt")
    if cell.share is None:
        return gettext("not due yet") if cell.due else "—"
    return f"{cell.share}%"


def _cell_title(row: HeatmapRow, cell: Cell) -> str:
    return gettext(
        "%(body)s, quarter %(quarter)d: %(on_time)d of %(assessed)d met on time, %(late)d late, %(overdue)d overdue, "
        "%(open)d not due yet"
    ) % {
        "body": row.organisation.name,
        "quarter": cell.quarter,
        "on_time": cell.met_on_time,
        "assessed": cell.assessed,
        "late": cell.met_late,
        "overdue": cell.overdue,
        "open": cell.open,
    }


def heatmap(rows: list[HeatmapRow]) -> list[dict[str, object]]:
    return [
        {
            "organisation": row.organisation,
            "exempt": row.exempt,
            "cells": [
                {
                    "cell": cell,
                    "label": _cell_label(cell),
                    "title": _cell_title(row, cell),
                    "url": obligations_url(debtor=row.organisation.code, start=cell.start, end=cell.end),
                }
                for cell in row.cells
            ],
        }
        for row in rows
    ]


def overdue_rows(rows: list[OverdueRow], today: datetime.date) -> list[dict[str, object]]:
    start = today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    result = []
    for row in rows:
        body = row.organisation
        result.append(
            {
                "row": row,
                "obligations_url": obligations_url(
                    debtor=body.code, state=ObligationState.OVERDUE, start=start, end=today
                ),
                "measures_url": measures_url(executor=body.code, state="overdue"),
                "instructions_url": instructions_url(body),
            }
        )
    return result


def region_maps(year: int) -> tuple[RegionMap, RegionMap]:
    counts = region_counts(year=year)
    pk_of = dict(Region.objects.values_list("kato", "pk"))
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    meetings = region_map(
        counts.meetings_held,
        lambda kato: _url("office:visit_list", status="held", region=pk_of.get(kato), start=start, end=end),
        labels=MEETINGS,
    )
    problems = region_map(
        counts.open_issues,
        lambda kato: _url("portal:issue_list", region=kato, year=year, status="open"),
        labels=OPEN_PROBLEMS,
    )
    return meetings, problems


@dataclass(frozen=True)
class ChartBar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str

    @property
    def center(self) -> float:
        return self.x + self.width / 2


def trend_label(point: TrendPoint) -> str:
    return gettext("Q%(quarter)d %(year)d") % {"quarter": point.quarter, "year": point.year}


def trend_names() -> dict[str, str]:
    return {
        "meetings_held": gettext("Meetings held"),
        "questions": gettext("Questions received"),
        "issues_raised": gettext("Problem issues raised"),
        "issues_solved": gettext("Problem issues solved"),
        "measures_done_on_time": gettext("Measures done on time"),
        "obligations_met_on_time": gettext("Obligations met on time"),
    }


def trend_urls(point: TrendPoint) -> dict[str, str]:
    """The records each of the quarter's figures counts."""
    start, end = point.start, point.end
    return {
        "meetings_held": _url("office:visit_list", status="held", start=start, end=end),
        "questions": _url("office:questions", start=start, end=end),
        "issues_raised": _url("portal:issue_list", raised_from=start, raised_to=end),
        "issues_solved": _url("portal:issue_list", status="solved", solved_from=start, solved_to=end),
        "measures_due": measures_url(due_from=start, due_to=end),
        "measures_done_on_time": measures_url(due_from=start, due_to=end, state="done_on_time"),
        "obligations_due": obligations_url(start=start, end=end),
        "obligations_met_on_time": obligations_url(start=start, end=end, state=MET_ON_TIME),
    }


def trend_charts(points: list[TrendPoint]) -> list[dict[str, object]]:
    """A small bar chart per figure, the quarters along the bottom, the figure above each bar."""
    slot = CHART_WIDTH / len(points)
    plot = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    charts = []
    for name, title in trend_names().items():
        values = [getattr(point, name) for point in points]
        highest = max(values, default=0) or 1
        bars = []
        for index, (point, value) in enumerate(zip(points, values, strict=True)):
            height = plot * value / highest
            bars.append(
                ChartBar(
                    x=index * slot + slot * 0.15,
                    y=CHART_TOP + plot - height,
                    width=slot * 0.7,
                    height=height,
                    value=value,
                    label=f"{point.quarter}/{point.year % 100:02d}",
                )
            )
        charts.append(
            {
                "name": name,
                "title": title,
                "bars": bars,
                "width": CHART_WIDTH,
                "height": CHART_HEIGHT,
                "baseline": CHART_HEIGHT - CHART_BOTTOM,
                "slot": slot,
            }
        )
    return charts


def linked(url: str, figure: int) -> str:
    return format_html('<a href="{}">{}</a>', url, figure)


def part_of_whole(part: str, whole: str) -> str:
    """The part and the whole ("3 of 5") in the reader's language, both of them links."""
    return mark_safe(conditional_escape(gettext("%(done)s of %(due)s")) % {"done": part, "due": whole})


def trend_rows(points: list[TrendPoint]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for point in points:
        urls = trend_urls(point)
        figure = {name: linked(urls[name], getattr(point, name)) for name in urls}
        rows.append(
            {
                "label": trend_label(point),
                "figure": figure,
                "measures": part_of_whole(figure["measures_done_on_time"], figure["measures_due"]),
                "obligations": part_of_whole(figure["obligations_met_on_time"], figure["obligations_due"]),
            }
        )
    return rows


@hidden_unless("reports.view_oversight")
def oversight(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    years = list(range(today.year, FIRST_YEAR - 1, -1))
    form = YearForm(request.GET or None, years=years)
    year = form.chosen_year(today.year)
    obligations = dashboard_obligations(year=year, today=today)  # computed once for the three sections
    figures = compliance(year=year, today=today, obligations=obligations)
    meetings_map, problems_map = region_maps(year)
    points = trends(today=today, obligations=obligations).points
    return render(
        request,
        "office/reports/oversight/dashboard.html",
        {
            "form": form,
            "year": year,
            "today": today,
            "ministries": heatmap(figures.ministries),
            "akimats": heatmap(figures.akimats),
            "quarters": (1, 2, 3, 4),
            "meetings_map": meetings_map,
            "problems_map": problems_map,
            "overdue": overdue_rows(overdue_by_body(today=today, obligations=obligations), today),
            "trend_charts": trend_charts(points),
            "trend_rows": trend_rows(points),
            "plural_quarters": ngettext("%(count)d quarter", "%(count)d quarters", len(points))
            % {"count": len(points)},
        },
    )


urlpatterns: list[URLPattern] = [path("oversight/", oversight, name="oversight")]
