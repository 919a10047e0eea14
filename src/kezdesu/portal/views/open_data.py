"""Open data (S6): the public problem issues and their measures, streamed as CSV (UTF-8 with a byte-order
mark, so Excel reads the Kazakh and Russian letters) or JSON. The list page's filters apply; no personal data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from django.urls import URLPattern, re_path
from django.utils import timezone
from django.views.decorators.http import require_GET

from kezdesu.followup.domain.queries.public_issues import public_issue_years
from kezdesu.followup.interfaces.issue_filters import IssueFilterForm
from kezdesu.followup.interfaces.open_data import (
    ISSUE_COLUMNS,
    MEASURE_COLUMNS,
    csv_lines,
    issue_rows,
    json_chunks,
    measure_rows,
    open_data_issues,
    open_data_measures,
)

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
    return _response(request, format, "problem-issues", ISSUE_COLUMNS, lambda: issue_rows(issues))


@require_GET
def open_data_measures_view(request: HttpRequest, format: str) -> StreamingHttpResponse:
    filters = IssueFilterForm(request.GET, years=public_issue_years()).filters()
    measures = open_data_measures(filters, today=timezone.localdate())
    return _response(request, format, "measures", MEASURE_COLUMNS, lambda: measure_rows(measures))


urlpatterns: list[URLPattern] = [
    re_path(r"^open-data/problem-issues\.(?P<format>csv|json)$", open_data_issues_view, name="open_data_issues"),
    re_path(r"^open-data/measures\.(?P<format>csv|json)$", open_data_measures_view, name="open_data_measures"),
]
