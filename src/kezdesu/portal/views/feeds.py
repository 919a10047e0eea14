"""The schedule in force as iCalendar feeds: all of it, one ministry's, one region's (S6).

Outside the language prefixes so the addresses stay short; `?lang=` picks kk, ru or en (kk by
default). Conditional GET answers 304 until another version is approved.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from kezdesu.organisations.models import Organisation, Region
from kezdesu.planning.domain.queries.published import latest_frozen_at, published_items
from kezdesu.planning.interfaces.ical import schedule_calendar
from kezdesu.planning.models import ScheduleItem

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
FEED_MAX_AGE = 15 * 60
FEED_CACHE_SECONDS = 60 * 60


def feed_language(request: HttpRequest) -> str:
    language = request.GET.get("lang", "")
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _last_modified(request: HttpRequest, **kwargs: Any) -> datetime.datetime | None:
    return latest_frozen_at()


def _etag(request: HttpRequest, **kwargs: Any) -> str:
    latest = latest_frozen_at()
    return f"{latest.timestamp() if latest else 0}-{feed_language(request)}"


def _item_url(request: HttpRequest) -> Callable[[ScheduleItem], str]:
    def url(item: ScheduleItem) -> str:
        path = reverse("portal:schedule_month", kwargs={"year": item.start_date.year, "month": item.start_date.month})
        return request.build_absolute_uri(f"{path}#item-{item.uid}")

    return url


def _feed(request: HttpRequest, *, items: QuerySet[ScheduleItem], name: str) -> HttpResponse:
    # Serialising ~600 events takes icalendar a second or two; the body only changes when a version is
    # approved (part of the key), or when reference names are edited (the timeout bounds that).
    latest = latest_frozen_at()
    key = f"schedule-feed:{request.path}:{translation.get_language()}:{latest.timestamp() if latest else 0}"
    body = cache.get(key)
    if body is None:
        body = schedule_calendar(items=items, name=name, item_url=_item_url(request), stamp=latest)
        cache.set(key, body, FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="schedule.ics"'
    response["Content-Language"] = translation.get_language()
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
