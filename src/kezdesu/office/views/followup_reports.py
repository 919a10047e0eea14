"""The ministry's quarterly progress reports (R21) in the back office: its quarters with their state, a quarter's
compiled figures, the narrative, and publishing. Staff acting for several ministries (and the authorized body)
choose one with ?organisation=<code>."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.followup.domain.progress_reports import (
    compile_progress_report,
    localise,
    publish_progress_report,
    save_narrative,
)
from kezdesu.followup.domain.queries.progress_reports import quarter_bounds
from kezdesu.followup.domain.queries.report_quarters import report_quarters
from kezdesu.followup.interfaces.progress_report_docx import progress_report_docx, progress_report_file_name
from kezdesu.followup.interfaces.publication_docx import language_or_default
from kezdesu.followup.models import ProgressReport
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.office.views.ministry_choice import chosen_ministry
from kezdesu.organisations.models import Organisation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIELDS = ("narrative_kk", "narrative_ru", "narrative_en")
TEXT_MAX = 20000


def _chosen(request: StaffRequest) -> tuple[Organisation, list[Organisation]]:
    return chosen_ministry(request)


@office_view
def progress_reports_page(request: StaffRequest) -> HttpResponse:
    organisation, ministries = _chosen(request)
    rows = report_quarters(organisation, timezone.localdate())
    return render(
        request,
        "office/followup/progress_list.html",
        {"organisation": organisation, "ministries": ministries, "rows": rows},
    )


def _detail(
    request: StaffRequest,
    organisation: Organisation,
    ministries: list[Organisation],
    year: int,
    quarter: int,
    *,
    typed: dict[str, str] | None = None,
    error: str = "",
) -> HttpResponse:
    report = ProgressReport.objects.filter(organisation=organisation, year=year, quarter=quarter).first()
    values = {name: (getattr(report, name, "") or "") if report else "" for name in FIELDS}
    revision = report.revision if report else 0
    if typed is not None:
        values = {name: typed.get(name, "") for name in FIELDS}
        revision = int(typed["revision"]) if typed.get("revision", "").isdigit() else revision
    start, end = quarter_bounds(year, quarter)
    compiled = compile_progress_report(organisation, year, quarter).to_json()
    labels = (("narrative_kk", _("Kazakh")), ("narrative_ru", _("Russian")), ("narrative_en", _("English")))
    return render(
        request,
        "office/followup/progress_detail.html",
        {
            "organisation": organisation,
            "ministries": ministries,
            "year": year,
            "quarter": quarter,
            "start": start,
            "end": end,
            "report": report,
            "compiled": localise(compiled),
            "published": localise(report.snapshot) if report and report.published_at else None,
            "started": start <= timezone.localdate(),
            "fields": [(name, label, values[name]) for name, label in labels],
            "revision": revision,
            "may_prepare": request.user.has_perm("followup.prepare_progress_report", organisation),
            "may_publish": request.user.has_perm("followup.publish_progress_report", organisation),
            "error": error,
        },
        status=400 if error else 200,
    )


def _check_quarter(year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise Http404


def _back(organisation: Organisation, year: int, quarter: int) -> HttpResponseRedirect:
    url = reverse("office:progress_report", kwargs={"year": year, "quarter": quarter})
    return HttpResponseRedirect(f"{url}?organisation={organisation.code}")


@office_view
def progress_report_page(request: StaffRequest, year: int, quarter: int) -> HttpResponse:
    _check_quarter(year, quarter)
    organisation, ministries = _chosen(request)
    if request.method != "POST":
        return _detail(request, organisation, ministries, year, quarter)
    action = request.POST.get("action")
    typed = {name: request.POST.get(name, "")[:TEXT_MAX] for name in FIELDS}
    typed["revision"] = request.POST.get("revision", "")
    try:
        if action == "save":
            if not request.user.has_perm("followup.prepare_progress_report", organisation):
                raise Http404
            save_narrative(
                actor=request.user,
                organisation=organisation,
                year=year,
                quarter=quarter,
                narrative_kk=typed["narrative_kk"],
                narrative_ru=typed["narrative_ru"],
                narrative_en=typed["narrative_en"],
                revision=int(typed["revision"]) if typed["revision"].isdigit() else -1,
            )
            messages.success(request, _("The narrative is saved."))
        elif action == "publish":
            if not request.user.has_perm("followup.publish_progress_report", organisation):
                raise Http404
            publish_progress_report(actor=request.user, organisation=organisation, year=year, quarter=quarter)
            messages.success(request, _("The progress report is published."))
        else:
            raise DomainError(_("Choose what to do with the report."), code="no_action")
    except DomainError as error:
        return _detail(request, organisation, ministries, year, quarter, typed=typed, error=str(error.message))
    return _back(organisation, year, quarter)


@office_view
def progress_report_download(request: StaffRequest, year: int, quarter: int) -> HttpResponse:
    _check_quarter(year, quarter)
    organisation, _ministries = _chosen(request)
    language = language_or_default(request.GET.get("lang"))
    report = ProgressReport.objects.filter(organisation=organisation, year=year, quarter=quarter).first()
    if report is not None and report.published_at is not None:
        snapshot = report.snapshot
    else:
        snapshot = compile_progress_report(organisation, year, quarter).to_json()
        snapshot["narrative"] = {code: getattr(report, f"narrative_{code}", "") or "" for code in ("kk", "ru", "en")}
    response = HttpResponse(progress_report_docx(snapshot, language=language), content_type=DOCX)
    name = progress_report_file_name(organisation.code, year, quarter, language)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("progress/", progress_reports_page, name="progress_reports"),
    path("progress/<int:year>/<int:quarter>/", progress_report_page, name="progress_report"),
    path("progress/<int:year>/<int:quarter>.docx", progress_report_download, name="progress_report_download"),
]
