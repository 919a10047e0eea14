"""The public list of the action plans' measures (R20, R26): the measures of the published problem issues,
filtered by executor, deadline, state, ministry and region, each linked to its problem issue's page. The
oversight dashboard links its measure figures here."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone

from kezdesu.followup.domain.queries.measure_list import public_measure_list
from kezdesu.followup.interfaces.measure_filters import MeasureFilterForm

PAGE_SIZE = 50


def measure_list(request: HttpRequest) -> HttpResponse:
    form = MeasureFilterForm(request.GET)
    today = timezone.localdate()
    measures = public_measure_list(form.filters(), today=today)
    page = Paginator(measures, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/measures/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "today": today},
    )


urlpatterns: list[URLPattern] = [
    path("measures/", measure_list, name="measure_list"),
]
