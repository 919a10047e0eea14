"""The ministries' quarterly information (R22) in the back office.

A ministry's staff see its quarters with their state; the authorized body and the oversight bodies see the
national overview of a quarter (every ministry's state) and download the national pack. A quarter's page shows
the figures (each count explained), the meetings, the questions by channel, the narrative (the editors, while a
draft), approve / withdraw / submit (the approver) and return (the authorized body's coordinator).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.followup.domain.progress_reports import localise
from kezdesu.followup.domain.queries.progress_reports import quarter_bounds, quarter_of
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.office.views.ministry_choice import chosen_ministry
from kezdesu.organisations.models import Organisation
from kezdesu.questions.models import Channel
from kezdesu.reports.domain.figures import SECTIONS, compile_quarterly_information
from kezdesu.reports.domain.quarterly import (
    approve_quarterly_information,
    information_of,
    quarterly_obligation,
    return_quarterly_information,
    save_quarterly_narrative,
    submit_quarterly_information,
    withdraw_approval,
)
from kezdesu.reports.domain.queries.quarterly import (
    STATE_CSS,
    STATE_LABELS,
    last_ended_quarter,
    ministry_quarters,
    pack_state,
    quarterly_overview,
)
from kezdesu.reports.interfaces.quarterly_docx import document_language, quarterly_docx, quarterly_file_name
from kezdesu.reports.interfaces.quarterly_xlsx import XLSX, national_pack_file_name, national_pack_xlsx, quarterly_xlsx
from kezdesu.reports.models import QuarterlyInformation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIELDS = ("narrative_kk", "narrative_ru", "narrative_en")
TEXT_MAX = 20000
LANGUAGES = ("kk", "ru", "en")


def _chosen(request: StaffRequest) -> tuple[Organisation, list[Organisation]]:
    return chosen_ministry(request, permission="reports.view_quarterly_information")


def _check_quarter(year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise Http404


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() else default


def _is_national_reader(request: StaffRequest) -> bool:
    return bool(request.user.has_perm("reports.view_oversight"))


@office_view
def quarterly_page(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    if _is_national_reader(request) and not request.GET.get("organisation"):
        default_year, default_quarter = last_ended_quarter(today)
        year = _int(request.GET.get("year"), default_year)
        quarter = _int(request.GET.get("quarter"), default_quarter)
        _check_quarter(year, quarter)
        rows = quarterly_overview(year, quarter, today=today)
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.state] = counts.get(row.state, 0) + 1
        years = sorted({today.year, today.year - 1, today.year - 2, year}, reverse=True)
        return render(
            request,
            "office/reports/quarterly/overview.html",
            {
                "year": year,
                "quarter": quarter,
                "rows": rows,
                "summary": [(STATE_LABELS[state], STATE_CSS[state], count) for state, count in counts.items()],
                "years": years,
                "quarters": (1, 2, 3, 4),
            },
        )
    organisation, ministries = _chosen(request)
    return render(
        request,
        "office/reports/quarterly/list.html",
        {"organisation": organisation, "ministries": ministries, "rows": ministry_quarters(organisation, today=today)},
    )


def _explained_sections(counts: dict[str, Any]) -> list[tuple[str, list[tuple[str, str, int]]]]:
    return [
        (str(title), [(str(label), str(help_text), int(counts.get(name, 0))) for name, label, help_text in rows])
        for title, rows in SECTIONS
    ]


def _detail(
    request: StaffRequest,
    organisation: Organisation,
    ministries: list[Organisation],
    year: int,
    quarter: int,
    *,
    typed: dict[str, str] | None = None,
    error: str = "",
    return_comment: str = "",
) -> HttpResponse:
    today = timezone.localdate()
    information = information_of(organisation, year, quarter)
    values = {name: (getattr(information, name, "") or "") if information else "" for name in FIELDS}
    revision = information.revision if information else 0
    if typed is not None:
        values = {name: typed.get(name, values[name]) for name in FIELDS}
        revision = _int(typed.get("revision"), revision)
    start, end = quarter_bounds(year, quarter)
    status = information.status if information else QuarterlyInformation.Status.DRAFT
    if information is not None and status != QuarterlyInformation.Status.DRAFT and information.snapshot:
        snapshot = information.snapshot
    else:
        snapshot = compile_quarterly_information(organisation, year, quarter, today=today).to_json()
    obligation = quarterly_obligation(organisation, year, quarter, today=today)
    state = pack_state(information, obligation)
    channel_labels = dict(Channel.choices)
    by_channel = snapshot.get("questions_by_channel", {})
    labels = (("narrative_kk", _("Kazakh")), ("narrative_ru", _("Russian")), ("narrative_en", _("English")))
    user = request.user
    return render(
        request,
        "office/reports/quarterly/detail.html",
        {
            "organisation": organisation,
            "ministries": ministries,
            "year": year,
            "quarter": quarter,
            "start": start,
            "end": end,
            "information": information,
            "status": status,
            "status_label": QuarterlyInformation.Status(status).label,
            "is_draft": status == QuarterlyInformation.Status.DRAFT,
            "is_approved": status == QuarterlyInformation.Status.APPROVED,
            "is_submitted": status == QuarterlyInformation.Status.SUBMITTED,
            "ended": today > end,
            "figures": localise(snapshot),
            "sections": _explained_sections(snapshot["counts"]),
            "channels": [(str(channel_labels[code]), int(by_channel.get(code, 0))) for code in Channel.values],
            "obligation": obligation,
            "state": state,
            "state_label": STATE_LABELS[state],
            "state_css": STATE_CSS[state],
            "fields": [(name, label, values[name]) for name, label in labels],
            "revision": revision,
            "may_prepare": user.has_perm("reports.prepare_quarterly_information", organisation),
            "may_approve": user.has_perm("reports.approve_quarterly_information", organisation),
            "may_return": user.has_perm("reports.return_quarterly_information", organisation),
            "national_reader": _is_national_reader(request),
            "return_comment": return_comment,
            "error": error,
        },
        status=400 if error else 200,
    )


def _back(organisation: Organisation, year: int, quarter: int) -> HttpResponseRedirect:
    url = reverse("office:quarterly_information_detail", kwargs={"year": year, "quarter": quarter})
    return HttpResponseRedirect(f"{url}?organisation={organisation.code}")


def _require(request: StaffRequest, permission: str, organisation: Organisation) -> None:
    if not request.user.has_perm(permission, organisation):
        raise Http404


@office_view
def quarterly_detail_page(request: StaffRequest, year: int, quarter: int) -> HttpResponse:
    _check_quarter(year, quarter)
    organisation, ministries = _chosen(request)
    if request.method != "POST":
        return _detail(request, organisation, ministries, year, quarter)
    action = request.POST.get("action")
    typed = {name: request.POST.get(name, "")[:TEXT_MAX] for name in FIELDS}
    typed["revision"] = request.POST.get("revision", "")
    revision = _int(typed["revision"], -1)
    comment = request.POST.get("comment", "")[:TEXT_MAX]
    common: dict[str, Any] = {"actor": request.user, "organisation": organisation, "year": year, "quarter": quarter}
    try:
        if action == "save":
            _require(request, "reports.prepare_quarterly_information", organisation)
            save_quarterly_narrative(
                **common,
                narrative_kk=typed["narrative_kk"],
                narrative_ru=typed["narrative_ru"],
                narrative_en=typed["narrative_en"],
                revision=revision,
            )
            messages.success(request, _("The narrative is saved."))
        elif action == "approve":
            _require(request, "reports.approve_quarterly_information", organisation)
            approve_quarterly_information(**common, revision=revision)
            messages.success(request, _("The quarterly information is approved: its figures are frozen."))
        elif action == "withdraw":
            _require(request, "reports.approve_quarterly_information", organisation)
            withdraw_approval(**common, revision=revision)
            messages.success(request, _("The approval is withdrawn: the quarterly information is a draft again."))
        elif action == "submit":
            _require(request, "reports.approve_quarterly_information", organisation)
            submit_quarterly_information(**common)
            messages.success(request, _("The quarterly information is submitted to the authorized body."))
        elif action == "return":
            _require(request, "reports.return_quarterly_information", organisation)
            information = information_of(organisation, year, quarter)
            if information is None:
                raise DomainError(_("Only submitted information can be returned."), code="not_submitted")
            return_quarterly_information(actor=request.user, information=information, comment=comment)
            messages.success(request, _("The quarterly information is returned to the ministry for correction."))
        else:
            raise DomainError(_("Choose what to do with the quarterly information."), code="no_action")
    except DomainError as error:
        return _detail(
            request,
            organisation,
            ministries,
            year,
            quarter,
            typed=typed if action == "save" else None,
            error=str(error.message),
            return_comment=comment,
        )
    return _back(organisation, year, quarter)


def pack_snapshot(organisation: Organisation, year: int, quarter: int) -> dict[str, Any]:
    """The approved snapshot, or for a draft the figures as they stand with its narrative."""
    information = information_of(organisation, year, quarter)
    if information is not None and information.status != QuarterlyInformation.Status.DRAFT and information.snapshot:
        return dict(information.snapshot)
    snapshot = compile_quarterly_information(organisation, year, quarter).to_json()
    snapshot["narrative"] = {code: getattr(information, f"narrative_{code}", "") or "" for code in LANGUAGES}
    return snapshot


@office_view
def quarterly_download(request: StaffRequest, year: int, quarter: int, fmt: str) -> HttpResponse:
    _check_quarter(year, quarter)
    if fmt not in ("docx", "xlsx"):
        raise Http404
    organisation, _ministries = _chosen(request)
    language = document_language(request.GET.get("lang"))
    snapshot = pack_snapshot(organisation, year, quarter)
    if fmt == "docx":
        response = HttpResponse(quarterly_docx(snapshot, language=language), content_type=DOCX)
    else:
        response = HttpResponse(quarterly_xlsx(snapshot, language=language), content_type=XLSX)
    name = quarterly_file_name(organisation.code, year, quarter, language, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@office_view
def quarterly_pack(request: StaffRequest, year: int, quarter: int) -> HttpResponse:
    _check_quarter(year, quarter)
    if not _is_national_reader(request):
        raise Http404
    language = document_language(request.GET.get("lang"))
    response = HttpResponse(national_pack_xlsx(year, quarter, language), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{national_pack_file_name(year, quarter, language)}"'
    return response


def current_quarter() -> tuple[int, int]:
    return quarter_of(timezone.localdate())


urlpatterns = [
    path("quarterly/", quarterly_page, name="quarterly_information"),
    path("quarterly/<int:year>/<int:quarter>/", quarterly_detail_page, name="quarterly_information_detail"),
    path("quarterly/<int:year>/<int:quarter>/pack.xlsx", quarterly_pack, name="quarterly_pack"),
    path("quarterly/<int:year>/<int:quarter>.<str:fmt>", quarterly_download, name="quarterly_information_download"),
]
