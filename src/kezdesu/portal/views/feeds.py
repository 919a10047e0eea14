"""Calendars (S6): the schedule in force as iCalendar feeds — all of it, one ministry's, one region's — and one
visit's events.

The schedule feeds stay outside the language prefixes so the addresses stay short; `?lang=` picks kk, ru or en
(kk by default). An item whose visit is announced shows the visit's parts at their times and links to the
visit's page; the others are all-day events linking to their entry in the schedule. Conditional GET answers 304
until another version is approved or a visit changes. A visit's own calendar lives under its page, in the
page's language: `/<lang>/visits/<id>/calendar.ics`.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from kezdesu.core.urls_absolute import absolute_url
from kezdesu.meetings.domain.queries.calendar import (
    calendar_visit,
    calendar_visits_by_item,
    calendars_changed_at,
    visit_revisions,
)
from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES, approved_item
from kezdesu.meetings.interfaces.ical import schedule_with_visits_calendar, visit_calendar
from kezdesu.meetings.interfaces.public_page import visit_title
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation, Region
from kezdesu.planning.domain.queries.published import latest_frozen_at, published_items
from kezdesu.planning.models import ScheduleItem

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
FEED_MAX_AGE = 15 * 60
FEED_CACHE_SECONDS = 60 * 60


def feed_language(request: HttpRequest) -> str:
    language = request.GET.get("lang", "")
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _state() -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """When the schedule in force and the visits in calendars last changed."""
    return latest_frozen_at(), calendars_changed_at()


def _last_modified(request: HttpRequest, **kwargs: Any) -> datetime.datetime | None:
    moments = [moment for moment in _state() if moment is not None]
    return max(moments) if moments else None


def _state_key(frozen: datetime.datetime | None, visits: datetime.datetime | None) -> str:
    return f"{frozen.timestamp() if frozen else 0}-{visits.timestamp() if visits else 0}"


def _etag(request: HttpRequest, **kwargs: Any) -> str:
    return f"{_state_key(*_state())}-{feed_language(request)}"


def _schedule_entry_path(day: datetime.date, uid: object) -> str:
    return reverse("portal:schedule_month", kwargs={"year": day.year, "month": day.month}) + f"#item-{uid}"


def _item_url(request: HttpRequest) -> Callable[[ScheduleItem], str]:
    def url(item: ScheduleItem) -> str:
        return absolute_url(_schedule_entry_path(item.start_date, item.uid), request=request)

    return url


def visit_page_url(visit: Visit, *, request: HttpRequest | None = None) -> str:
    """The visit's page; a cancelled visit has none, so its entry in the schedule (or the list of visits)."""
    if visit.status in PUBLIC_STATUSES:
        path_ = reverse("portal:visit_detail", kwargs={"pk": visit.pk})
    elif visit.schedule_uid is not None:
        path_ = _schedule_entry_path(visit.start_date, visit.schedule_uid)
    else:
        path_ = reverse("portal:visit_list")
    return absolute_url(path_, request=request)


def _feed(request: HttpRequest, *, items: QuerySet[ScheduleItem], name: str) -> HttpResponse:
    # Serialising ~600 events takes icalendar a second or two; the body only changes when a version is
    # approved or a visit changes (both part of the key), or when reference names are edited (the timeout
    # bounds that). The key holds the site's address too: links are absolute on the host asked.
    frozen, visits_changed = _state()
    language = translation.get_language()
    key = f"schedule-feed:{request.build_absolute_uri(request.path)}:{language}:{_state_key(frozen, visits_changed)}"
    body = cache.get(key)
    if body is None:
        listed = list(items)
        visits = calendar_visits_by_item(item.uid for item in listed)
        calendar = schedule_with_visits_calendar(
            items=listed,
            name=name,
            visits=visits,
            revisions=visit_revisions(visits.values()),
            item_url=_item_url(request),
            visit_url=lambda visit: visit_page_url(visit, request=request),
            stamp=frozen or datetime.datetime.now(datetime.UTC),
        )
        body = calendar.to_ical()
        cache.set(key, body, FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="schedule.ics"'
    response["Content-Language"] = language
    return response


def _conditional(view: Any) -> Any:
    return require_safe(
        cache_control(public=True, max_age=FEED_MAX_AGE)(
            condition(etag_func=_etag, last_modified_func=_last_modified)(view)
        )
    )


@_conditional
def schedule_feed(request: HttpRequest) -> HttpResponse:
    with translation.override(feed_language(request)):
        return _feed(request, items=published_items(), name=_("Meetings of ministers with the population"))


@_conditional
def ministry_feed(request: HttpRequest, code: str) -> HttpResponse:
    ministry = get_object_or_404(Organisation, code=code)
    with translation.override(feed_language(request)):
        name = _("Meetings with the population: %(ministry)s") % {"ministry": ministry.name}
        return _feed(request, items=published_items(ministry=ministry), name=name)


@_conditional
def region_feed(request: HttpRequest, kato: str) -> HttpResponse:
    region = get_object_or_404(Region, kato=kato)
    with translation.override(feed_language(request)):
        name = _("Meetings with the population: %(region)s") % {"region": region.name}
        return _feed(request, items=published_items(region=region), name=name)


@require_safe
@cache_control(public=True, max_age=FEED_MAX_AGE)
def visit_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """One visit's parts as events, in the language of the address; a cancelled visit's say CANCELLED."""
    visit = calendar_visit(pk)
    if visit is None:
        raise Http404
    item = approved_item(visit.schedule_uid) if visit.schedule_uid else None
    body = visit_calendar(
        visit,
        name=visit_title(visit),
        url=visit_page_url(visit, request=request),
        revision=visit_revisions([visit])[visit.pk],
        base_sequence=(item.version.number or 0) if item is not None else 0,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="kezdesu-visit-{visit.pk}.ics"'
    response["Content-Language"] = translation.get_language()
    return response


# Mounted under the portal's `visits/` (inside the language prefixes).
visit_urlpatterns = [
    path("<int:pk>/calendar.ics", visit_feed, name="visit_calendar"),
]
