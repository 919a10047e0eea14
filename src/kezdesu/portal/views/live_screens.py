"""Public screens of the meeting: the hall screen for the projector (the question on screen, the stage and
the QR code to the live page) and, once the meeting is held, its public record. No personal data: question
texts as published, numbers of hidden questions only.

The hall screen refreshes itself: htmx asks for its panel every few seconds and gets 304 while the live
revision is the one it holds; without JavaScript a meta refresh reloads the page.
"""

from __future__ import annotations

from typing import Any

import segno
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import get_language

from kezdesu.core.urls_absolute import absolute_url
from kezdesu.meetings.domain.live_state import current_revision, etag_matches, live_etag, live_snapshot
from kezdesu.meetings.domain.queries.record import meeting_record
from kezdesu.meetings.domain.queries.visits import public_visit_page
from kezdesu.meetings.interfaces.public_page import visit_title
from kezdesu.meetings.models import LiveMeeting, Visit
from kezdesu.questions.models import Channel

POLL_SECONDS = 5
NO_JS_REFRESH_SECONDS = 15


def screen_qr_svg(url: str) -> str:
    """The QR code as inline SVG with a viewBox and no fixed size: it fills whatever box the screen gives it."""
    return segno.make(url, error="m").svg_inline(border=2, dark="#000000", light="#ffffff", omitsize=True)


def _public_visit(pk: int) -> Visit:
    visit = public_visit_page(pk)
    if visit is None:
        raise Http404
    return visit


def live_page_path(visit: Visit) -> str:
    """The public live page, or the meeting page until the live page exists."""
    try:
        return reverse("portal:live", kwargs={"pk": visit.pk})
    except NoReverseMatch:
        return reverse("portal:visit_detail", kwargs={"pk": visit.pk})


def _screen_context(visit: Visit) -> dict[str, Any]:
    snapshot = live_snapshot(visit)
    current = snapshot.current_question if snapshot is not None else None
    stage = LiveMeeting.Stage(snapshot.stage if snapshot is not None else LiveMeeting.Stage.NOT_STARTED)
    return {
        "visit": visit,
        "title": visit_title(visit),
        "snapshot": snapshot,
        "stage": stage.label,
        "stage_code": stage.value,
        "current": current,
        "channel": Channel(current.channel).label if current is not None else "",
    }


def _conditional(request: HttpRequest, visit: Visit, template: str, context: dict[str, Any]) -> HttpResponse:
    revision = current_revision(visit.pk) or 0
    etag = live_etag(visit.pk, revision, get_language() or "")
    if etag_matches(request.headers.get("If-None-Match", ""), etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = render(request, template, context)
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    return response


def live_screen(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _public_visit(pk)
    live_path = live_page_path(visit)
    live_url = absolute_url(live_path, request=request)
    context = {
        **_screen_context(visit),
        "live_url": live_url,
        "short_url": live_url.split("://", 1)[-1],
        "short_url_parts": live_url.split("://", 1)[-1].split("/"),
        "qr": screen_qr_svg(live_url),
        "poll_seconds": POLL_SECONDS,
        "refresh_seconds": NO_JS_REFRESH_SECONDS,
    }
    return _conditional(request, visit, "portal/live/screen.html", context)


def live_screen_panel(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _public_visit(pk)
    return _conditional(request, visit, "portal/live/_screen_panel.html", _screen_context(visit))


def visit_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The public record of a meeting once closed: times, attendance, recordings, and what became of the questions
    (the visit itself may stay open while its reception is ahead)."""
    visit = _public_visit(pk)
    record = meeting_record(visit)
    if record is None or not record.is_closed:
        raise Http404
    return render(
        request, "portal/live/meeting_record.html", {"visit": visit, "title": visit_title(visit), "record": record}
    )


urlpatterns = [
    path("<int:pk>/screen/", live_screen, name="live_screen"),
    path("<int:pk>/screen/panel/", live_screen_panel, name="live_screen_panel"),
    path("<int:pk>/record/", visit_record, name="visit_record"),
]
