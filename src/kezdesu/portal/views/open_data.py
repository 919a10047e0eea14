"""Open data (S6), streamed as CSV (UTF-8 with a byte-order mark, so Excel reads the Kazakh and Russian letters)
or JSON: the public problem issues and their measures (the list page's filters apply), the schedule in force and
the announced and held visits (names in the page's language). No personal data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import URLPattern, re_path
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from kezdesu.core.open_data import csv_lines, json_chunks
from kezdesu.followup.domain.queries.public_issues import public_issue_years
from kezdesu.followup.interfaces.issue_filters import IssueFilterForm
from kezdesu.followup.interfaces.open_data import (
    ISSUE_COLUMNS,
    MEASURE_COLUMNS,
    issue_rows,
    measure_rows,
    open_data_issues,
    open_data_measures,
)
from kezdesu.meetings.interfaces.open_data import SCHEDULE_COLUMNS, VISIT_COLUMNS, schedule_rows, visit_rows

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _response(
    request: HttpRequest, fmt: str, name: str, columns: tuple[str, ...], rows: Callable[[], Iterator[dict[str, Any]]]
) -> StreamingHttpResponse:
    content = csv_lines(columns, rows()) if fmt == "csv" else json_chunks(rows(), name=name, columns=columns)
    response = StreamingHttpResponse(content, content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="kezdesu-{name}-{stamp}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def open_data_issues_view(request: HttpRequest, format: str) -> StreamingHttpResponse:
    filters = IssueFilterForm(request.GET, years=public_issue_years()).filters()
    issues = open_data_issues(filters, today=timezone.localdate())
    return _response(request, format, "problem-issues", ISSUE_COLUMNS, lambda: issue_rows(issues, request=request))


@require_GET
def open_data_measures_view(request: HttpRequest, format: str) -> StreamingHttpResponse:
    filters = IssueFilterForm(request.GET, years=public_issue_years()).filters()
    measures = open_data_measures(filters, today=timezone.localdate())
    return _response(request, format, "measures", MEASURE_COLUMNS, lambda: measure_rows(measures, request=request))


@require_GET
def open_data_schedule_view(request: HttpRequest, format: str) -> StreamingHttpResponse:
    language = translation.get_language() or settings.LANGUAGE_CODE
    response = _response(
        request, format, "schedule", SCHEDULE_COLUMNS, lambda: schedule_rows(language=language, request=request)
    )
    response["Content-Language"] = language
    return response


@require_GET
def open_data_visits_view(request: HttpRequest, format: str) -> StreamingHttpResponse:
    language = translation.get_language() or settings.LANGUAGE_CODE
    response = _response(
        request, format, "visits", VISIT_COLUMNS, lambda: visit_rows(language=language, request=request)
    )
    response["Content-Language"] = language
    return response


urlpatterns: list[URLPattern] = [
    re_path(r"^open-data/problem-issues\.(?P<format>csv|json)$", open_data_issues_view, name="open_data_issues"),
    re_path(r"^open-data/measures\.(?P<format>csv|json)$", open_data_measures_view, name="open_data_measures"),
    re_path(r"^open-data/schedule\.(?P<format>csv|json)$", open_data_schedule_view, name="open_data_schedule"),
    re_path(r"^open-data/visits\.(?P<format>csv|json)$", open_data_visits_view, name="open_data_visits"),
]
