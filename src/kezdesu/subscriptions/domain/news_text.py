"""How a news item reads, in the active language: for e-mails and feeds alike."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kezdesu.meetings.interfaces.public_page import visit_title
from kezdesu.meetings.models import Visit
from kezdesu.subscriptions.models import NewsItem


@dataclass(frozen=True)
class NewsText:
    title: str
    summary: str
    path: str  # the page to read more, in the active language's prefix


def _days(news: NewsItem, visit: Visit) -> str:
    start = datetime.date.fromisoformat(news.params.get("start") or visit.start_date.isoformat())
    end = datetime.date.fromisoformat(news.params.get("end") or visit.end_date.isoformat())
    if start == end:
        return date_format(start, "d.m.Y")
    return f"{date_format(start, 'd.m.Y')} – {date_format(end, 'd.m.Y')}"


def _visit_path(visit: Visit) -> str:
    return reverse("portal:visit_detail", kwargs={"pk": visit.pk})


def describe_news(news: NewsItem) -> NewsText:
    visits = list(news.visits.all())
    if news.kind == NewsItem.Kind.PROGRESS:
        year, quarter = news.params["year"], news.params["quarter"]
        return NewsText(
            title=_("%(ministry)s: progress report for quarter %(quarter)s of %(year)s")
            % {"ministry": news.organisation.name, "quarter": quarter, "year": year},
            summary=_(
                "The ministry reports how the problem issues raised at its meetings with the population are being "
                "solved: the measures done, under way and overdue."
            ),
            path=reverse(
                "portal:progress_report_public",
                kwargs={"organisation": news.organisation.code, "year": year, "quarter": quarter},
            ),
        )
    visit = visits[0]
    values = {
        "title": visit_title(visit),
        "official": visit.position.title,
        "region": visit.region.name,
        "ministry": visit.organisation.name,
        "days": _days(news, visit),
    }
    if news.kind == NewsItem.Kind.ANNOUNCED:
        return NewsText(
            title=_("Meeting announced: %(title)s") % values,
            summary=_(
                "%(ministry)s: %(official)s meets the population of %(region)s on %(days)s. "
                "The page tells where and when, and how to ask a question."
            )
            % values,
            path=_visit_path(visit),
        )
    if news.kind == NewsItem.Kind.CHANGED:
        changes = set(news.params.get("changes") or ())
        if changes >= {"time", "place"}:
            title = _("New date and place: %(title)s")
        elif "place" in changes:
            title = _("New place: %(title)s")
        else:
            title = _("New date or time: %(title)s")
        return NewsText(
            title=title % values,
            summary=_("The meeting now takes place on %(days)s. Check each part's time and place on its page.")
            % values,
            path=_visit_path(visit),
        )
    if news.kind == NewsItem.Kind.CANCELLED:
        return NewsText(
            title=_("Meeting cancelled: %(title)s") % values,
            summary=_("The meeting of %(official)s with the population of %(region)s on %(days)s is cancelled.")
            % values,
            # The page of a cancelled visit is closed: the region's schedule shows what else is planned.
            path=reverse("portal:schedule") + "?" + urlencode({"region": visit.region.kato}),
        )
    return NewsText(
        title=_("Results published: %(title)s") % values,
        summary=_(
            "%(ministry)s has published the results of the meeting in %(region)s, the problem issues raised and "
            "the plan to solve them."
        )
        % values,
        path=reverse("portal:visit_results", kwargs={"pk": visit.pk}),
    )
