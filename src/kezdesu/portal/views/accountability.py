"""The public accountability page (issue 6, point 4): per ministry and per region, the problem issues raised,
solved, being solved and overdue and the measures done on time, as figures, bar charts drawn on the server
(inline SVG, with the same data as a table) and a map of regions coloured by open issues. Every figure links
to the list of the issues it counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kezdesu.followup.domain.queries.accountability import Row, accountability
from kezdesu.followup.domain.queries.public_issues import OPEN, OVERDUE, public_issue_years
from kezdesu.followup.models import ProblemIssue
from kezdesu.organisations.models import Organisation
from kezdesu.planning.interfaces.region_map import BucketLabels, RegionMap, region_map

# Each row: its name on a line, the bar under it, so that the drawing stays readable scaled down to a phone.
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
GAP = 12
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + GAP
CHART_WIDTH = 400
TOTAL_WIDTH = 56  # room for "12 (!3)" after the longest bar
SEGMENTS = ("solved", "in_progress", "waiting")


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year of the visits"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [("", pgettext_lazy("year filter", "All")), *((y, str(y)) for y in years)]
        self.fields["year"].choices = choices  # type: ignore[attr-defined]

    def chosen_year(self) -> int | None:
        return self.cleaned_data.get("year") if self.is_valid() else None


@dataclass(frozen=True)
class Segment:
    css: str
    x: float
    width: float
    count: int


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    bar_y: float
    segments: list[Segment]
    end: float
    total: int
    overdue: int
    url: str


def _issue_list_url(year: int | None, **params: str) -> str:
    query = {key: value for key, value in params.items() if value}
    if year is not None:
        query["year"] = str(year)
    return reverse("portal:issue_list") + ("?" + urlencode(sorted(query.items())) if query else "")


def bar_chart(rows: list[Row], url_for: Callable[[Row], str]) -> dict[str, object]:
    """Stacked horizontal bars: solved, being solved and waiting make up the issues raised."""
    highest = max((row.figures.raised for row in rows), default=0) or 1
    scale = (CHART_WIDTH - TOTAL_WIDTH) / highest
    bars = []
    for number, row in enumerate(rows):
        x = 0.0
        segments = []
        for name in SEGMENTS:
            count = getattr(row.figures, name)
            if count:
                segments.append(Segment(css=f"bar--{name.replace('in_', '')}", x=x, width=count * scale, count=count))
                x += count * scale
        label = str(row.key)
        bars.append(
            Bar(
                label=label if len(label) <= 60 else label[:59] + "…",
                y=number * ROW_HEIGHT,
                bar_y=number * ROW_HEIGHT + LABEL_HEIGHT,
                segments=segments,
                end=x + 4,
                total=row.figures.raised,
                overdue=row.figures.overdue,
                url=url_for(row),
            )
        )
    return {"bars": bars, "width": CHART_WIDTH, "height": max(len(bars) * ROW_HEIGHT - GAP, ROW_HEIGHT)}


OPEN_PROBLEMS = BucketLabels(
    none=lambda: gettext("no open problems"),
    one=lambda count: ngettext("%(count)d open problem", "%(count)d open problems", count) % {"count": count},
    span=lambda low, high: gettext("%(low)d–%(high)d open problems") % {"low": low, "high": high},
    region=lambda region, count: (
        ngettext("%(region)s: %(counter)s open problem", "%(region)s: %(counter)s open problems", count)
        % {"region": region, "counter": count}
    ),
    heading=lambda: gettext("Open problems"),
)


def open_issues_map(rows: list[Row], year: int | None) -> RegionMap:
    """The regions coloured by the issues still open, drawn with the calendar map's shapes and colours."""
    counts = {row.key.pk: row.figures.open for row in rows}
    return region_map(counts, lambda kato: _issue_list_url(year, region=kato, status=OPEN), labels=OPEN_PROBLEMS)


def _links(row: Row, year: int | None, key: str) -> dict[str, str]:
    value = row.key.code if isinstance(row.key, Organisation) else row.key.kato
    return {
        "raised": _issue_list_url(year, **{key: value}),
        "solved": _issue_list_url(year, status=ProblemIssue.Status.SOLVED, **{key: value}),
        "in_progress": _issue_list_url(year, status=ProblemIssue.Status.IN_PROGRESS, **{key: value}),
        "overdue": _issue_list_url(year, status=OVERDUE, **{key: value}),
    }


def accountability_page(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.GET, years=public_issue_years())
    year = form.chosen_year()
    figures = accountability(year=year, today=timezone.localdate())
    ministries = [{"row": row, "links": _links(row, year, "ministry")} for row in figures.by_ministry]
    regions = [{"row": row, "links": _links(row, year, "region")} for row in figures.by_region]
    return render(
        request,
        "portal/accountability/page.html",
        {
            "form": form,
            "year": year,
            "figures": figures,
            "total_links": {
                "raised": _issue_list_url(year),
                "solved": _issue_list_url(year, status=ProblemIssue.Status.SOLVED),
                "in_progress": _issue_list_url(year, status=ProblemIssue.Status.IN_PROGRESS),
                "overdue": _issue_list_url(year, status=OVERDUE),
            },
            "ministries": ministries,
            "regions": regions,
            "ministry_chart": bar_chart(figures.by_ministry, lambda row: _links(row, year, "ministry")["raised"]),
            "region_chart": bar_chart(figures.by_region, lambda row: _links(row, year, "region")["raised"]),
            "region_map": open_issues_map(figures.by_region, year),
        },
    )


urlpatterns: list[URLPattern] = [path("accountability/", accountability_page, name="accountability")]
