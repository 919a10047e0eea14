"""The public side of the follow-up's publications: a visit's results package (R20) with its publication time,
as a page and as DOCX/PDF in kk, ru or en, and a ministry's quarterly progress report (R21). Nothing is shown
before publication (404); no personal data is ever shown."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from kezdesu.followup.domain.progress_reports import localise
from kezdesu.followup.domain.publication import package_issues
from kezdesu.followup.domain.queries.progress_reports import published_reports
from kezdesu.followup.interfaces.progress_report_docx import progress_report_docx, progress_report_file_name
from kezdesu.followup.interfaces.publication_docx import file_name, language_or_default, publication_docx
from kezdesu.followup.interfaces.publication_pdf import publication_pdf
from kezdesu.followup.models import ProgressReport, Publication
from kezdesu.meetings.interfaces.public_page import visit_dates, visit_title

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _published(pk: int) -> Publication:
    publication: Publication = get_object_or_404(
        Publication.objects.select_related(
            "visit", "visit__organisation", "visit__position", "visit__region", "visit__district"
        ),
        visit_id=pk,
        published_at__isnull=False,
    )
    return publication


def visit_results(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _published(pk)
    visit = publication.visit
    return render(
        request,
        "portal/followup/results.html",
        {
            "visit": visit,
            "publication": publication,
            "title": visit_title(visit),
            "dates": visit_dates(visit),
            "issues": package_issues(visit),
        },
    )


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def visit_results_docx(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _published(pk)
    language = language_or_default(request.GET.get("lang"))
    content = publication_docx(publication.visit, publication, language=language)
    return _attachment(content, DOCX, file_name(publication.visit, language, "docx"))


def visit_results_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _published(pk)
    language = language_or_default(request.GET.get("lang"))
    content = publication_pdf(publication.visit, publication, language=language)
    return _attachment(content, "application/pdf", file_name(publication.visit, language, "pdf"))


def _report(organisation: str, year: int, quarter: int) -> ProgressReport:
    report = published_reports().filter(organisation__code=organisation, year=year, quarter=quarter).first()
    if report is None:
        raise Http404
    return report


def progress_report_public(request: HttpRequest, organisation: str, year: int, quarter: int) -> HttpResponse:
    report = _report(organisation, year, quarter)
    return render(
        request,
        "portal/followup/progress_report.html",
        {"report": report, "snapshot": localise(report.snapshot)},
    )


def progress_report_docx_view(request: HttpRequest, organisation: str, year: int, quarter: int) -> HttpResponse:
    report = _report(organisation, year, quarter)
    language = language_or_default(request.GET.get("lang"))
    content = progress_report_docx(report.snapshot, language=language)
    return _attachment(content, DOCX, progress_report_file_name(organisation, year, quarter, language))


urlpatterns = [
    path("<int:pk>/results/", visit_results, name="visit_results"),
    path("<int:pk>/results.docx", visit_results_docx, name="visit_results_docx"),
    path("<int:pk>/results.pdf", visit_results_pdf, name="visit_results_pdf"),
]

# For a top-level include in portal/urls.py (the quarterly reports are not under a visit).
report_urlpatterns = [
    path(
        "progress/<slug:organisation>/<int:year>/q<int:quarter>/",
        progress_report_public,
        name="progress_report_public",
    ),
    path(
        "progress/<slug:organisation>/<int:year>/q<int:quarter>.docx",
        progress_report_docx_view,
        name="progress_report_docx",
    ),
]
