"""Downloads of a frozen schedule version as the official DOCX table or a spreadsheet (S6)."""

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.decorators.http import require_safe

from kezdesu.planning.domain.queries.published import frozen_versions
from kezdesu.planning.interfaces.docx_export import schedule_docx
from kezdesu.planning.interfaces.wording import DOCUMENT_LANGUAGES
from kezdesu.planning.interfaces.xlsx_export import schedule_xlsx
from kezdesu.planning.models import ScheduleVersion

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCUMENT_CACHE_SECONDS = 60 * 60


def document_language(request: HttpRequest) -> str:
    """`?lang=kk` or `?lang=ru`; otherwise the page's language if the document exists in it, else Kazakh."""
    for language in (request.GET.get("lang", ""), translation.get_language()):
        if language in DOCUMENT_LANGUAGES:
            return language
    return DOCUMENT_LANGUAGES[0]


def _cached(kind: str, version: ScheduleVersion, language: str, build: Callable[[], bytes]) -> bytes:
    # A frozen version never changes; the timeout bounds staleness after reference names are edited.
    key = f"schedule-{kind}:{version.pk}:{language}"
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, DOCUMENT_CACHE_SECONDS)
    return bytes(body)


def _download(body: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def schedule_version_docx(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(frozen_versions(), pk=pk)
    language = document_language(request)
    return _download(
        _cached("docx", version, language, lambda: schedule_docx(version=version, language=language)),
        content_type=DOCX,
        filename=f"schedule-{version.period.start:%Y-%m}-v{version.number}-{language}.docx",
    )


@require_safe
def schedule_version_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(frozen_versions(), pk=pk)
    language = document_language(request)
    return _download(
        _cached("xlsx", version, language, lambda: schedule_xlsx(version=version, language=language)),
        content_type=XLSX,
        filename=f"schedule-{version.period.start:%Y-%m}-v{version.number}-{language}.xlsx",
    )
