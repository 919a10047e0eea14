"""The public side of visits: the list of announced and held visits, the meeting page and its
printable announcement (R12, R14). Only announced and held visits are public; others answer 404."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import path, reverse, translate_url
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kezdesu.core.collation import CollatedModelChoiceField
from kezdesu.core.urls_absolute import absolute_url
from kezdesu.meetings.domain.queries.live_status import live_status
from kezdesu.meetings.domain.queries.visits import past_public_visits, public_visit_page, upcoming_public_visits
from kezdesu.meetings.interfaces.announcement import announcement_pdf
from kezdesu.meetings.interfaces.public_page import (
    openstreetmap_url,
    players,
    share_links,
    visit_description,
    visit_title,
)
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import Organisation, Region

PAST_PAGE_SIZE = 20


class VisitFilterForm(forms.Form):
    region: forms.ModelChoiceField[Region] = CollatedModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name"),
        to_field_name="kato",
        required=False,
        empty_label=pgettext_lazy("region filter", "All"),
    )
    ministry: forms.ModelChoiceField[Organisation] = CollatedModelChoiceField(
        label=_("Ministry"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MINISTRY, is_active=True).order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=pgettext_lazy("ministry filter", "All"),
    )

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"region": data.get("region"), "ministry": data.get("ministry")}


def visit_list(request: HttpRequest) -> HttpResponse:
    form = VisitFilterForm(request.GET)
    today = timezone.localdate()
    filters = form.filters()
    past = Paginator(past_public_visits(today=today, **filters), PAST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/visit/list.html",
        {
            "form": form,
            "upcoming": list(upcoming_public_visits(today=today, **filters)),
            "page": past,
            "query": query.urlencode(),
            "today": today,
        },
    )


def _public_visit(pk: int) -> Visit:
    visit = public_visit_page(pk)
    if visit is None:
        raise Http404
    return visit


def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _public_visit(pk)
    parts = list(visit.parts.all())
    meeting = next((part for part in parts if part.kind == VisitPart.Kind.MEETING), None)
    page_path = reverse("portal:visit_detail", kwargs={"pk": visit.pk})
    url = absolute_url(page_path, request=request)
    title = visit_title(visit)
    description = visit_description(visit)
    now = timezone.now()
    meeting_status = live_status(meeting, now=now) if meeting is not None else None
    live = meeting_status is not None and meeting_status.is_live and visit.status == Visit.Status.PUBLISHED
    return render(
        request,
        "portal/visit/detail.html",
        {
            "visit": visit,
            "title": title,
            "description": description,
            "parts": [
                {"part": part, "map_url": openstreetmap_url(part), "is_live": live_status(part, now=now).is_live}
                for part in parts
            ],
            "meeting": meeting,
            "agenda": list(meeting.agenda.all()) if meeting is not None else [],
            "live": live,
            "live_status": meeting_status,
            "players": players(meeting) if live and meeting is not None else [],
            "players_possible": meeting is not None and bool(players(meeting)),
            "canonical_url": url,
            "alternates": [
                (code, absolute_url(translate_url(page_path, code), request=request))
                for code, _name in settings.LANGUAGES
            ],
            "og_locale": {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}.get(get_language() or "", "kk_KZ"),
            "share_links": share_links(url, title),
            "og_image": absolute_url(static("kezdesu/og-image.png"), request=request),
        },
    )


def visit_announcement(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _public_visit(pk)
    page_url = absolute_url(reverse("portal:visit_detail", kwargs={"pk": visit.pk}), request=request)
    pdf = announcement_pdf(visit, page_url=page_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kezdesu-visit-{visit.pk}-{get_language()}.pdf"'
    return response


urlpatterns = [
    path("", visit_list, name="visit_list"),
    path("<int:pk>/", visit_detail, name="visit_detail"),
    path("<int:pk>/announcement.pdf", visit_announcement, name="visit_announcement"),
]
