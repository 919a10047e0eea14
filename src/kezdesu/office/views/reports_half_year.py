"""The half-year results (R23) in the back office: the half-years with their state, one half-year's consolidated
figures with the narrative, submission, the Government's review and its instructions; the instructions as tracked
tasks; and the akims' systemic problems by half-year (R11)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.collation import collated
from kezdesu.core.errors import DomainError
from kezdesu.followup.domain.progress_reports import localise
from kezdesu.followup.interfaces.publication_docx import language_or_default
from kezdesu.office.forms.reports_half_year import InstructionForm, InstructionReportForm, ReviewForm
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.models import Organisation
from kezdesu.reports.domain.half_year import (
    compile_half_year_report,
    save_half_year_narrative,
    submit_half_year_report,
)
from kezdesu.reports.domain.instructions import (
    add_instruction,
    record_government_review,
    report_on_instruction,
    withdraw_instruction,
)
from kezdesu.reports.domain.queries.half_year import current_half, half_year_dates, half_year_rows, report_of
from kezdesu.reports.domain.queries.instructions import (
    INSTRUCTION_FILTERS,
    filter_by_assignee,
    filter_by_state,
    instruction_state,
    instructions_for,
    instructions_with_context,
    reads_half_year_results,
)
from kezdesu.reports.domain.queries.systemic_problems import problems_scope, systemic_problems_by_half_year
from kezdesu.reports.interfaces.half_year_docx import half_year_docx, half_year_file_name
from kezdesu.reports.models import HalfYearReport, Instruction

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIELDS = ("narrative_kk", "narrative_ru", "narrative_en")
TEXT_MAX = 20000


def _check_reader(request: StaffRequest) -> None:
    if not reads_half_year_results(request.user):
        raise Http404


def _check_half(year: int, half: int) -> None:
    if half not in (1, 2) or not 2000 <= year <= 2100:
        raise Http404


@office_view
def half_year_reports_page(request: StaffRequest) -> HttpResponse:
    _check_reader(request)
    return render(request, "office/reports/half_year/list.html", {"rows": half_year_rows(timezone.localdate())})


def _figures(report: HalfYearReport | None, year: int, half: int) -> dict[str, Any]:
    if report is not None and report.status == HalfYearReport.Status.SUBMITTED and report.snapshot:
        return report.snapshot
    snapshot = compile_half_year_report(year, half).to_json()
    snapshot["narrative"] = {code: getattr(report, f"narrative_{code}", "") or "" for code in ("kk", "ru", "en")}
    return snapshot


def _detail(
    request: StaffRequest,
    year: int,
    half: int,
    *,
    typed: dict[str, str] | None = None,
    review_form: ReviewForm | None = None,
    instruction_form: InstructionForm | None = None,
    error: str = "",
) -> HttpResponse:
    report = report_of(year, half)
    review = getattr(report, "review", None) if report else None
    values = {name: (getattr(report, name, "") or "") if report else "" for name in FIELDS}
    revision = report.revision if report else 0
    if typed is not None:
        values = {name: typed.get(name, "") for name in FIELDS}
        revision = int(typed["revision"]) if typed.get("revision", "").isdigit() else revision
    start, end = half_year_dates(year, half)
    labels = (("narrative_kk", _("Kazakh")), ("narrative_ru", _("Russian")), ("narrative_en", _("English")))
    may_record = request.user.has_perm("reports.record_government_review")
    if review_form is None and may_record:
        initial: dict[str, Any] = {"revision": review.revision if review else 0}
        if review is not None:
            initial.update(
                reviewed_on=review.reviewed_on,
                reference=review.reference,
                **{f"conclusions_{code}": getattr(review, f"conclusions_{code}") or "" for code in ("kk", "ru", "en")},
            )
        review_form = ReviewForm(initial=initial)
    if instruction_form is None and may_record and review is not None:
        instruction_form = InstructionForm()
    today = timezone.localdate()
    given = list(instructions_with_context().filter(review=review)) if review is not None else []
    return render(
        request,
        "office/reports/half_year/detail.html",
        {
            "year": year,
            "half": half,
            "start": start,
            "end": end,
            "report": report,
            "review": review,
            "figures": localise(_figures(report, year, half)),
            "submitted": report is not None and report.status == HalfYearReport.Status.SUBMITTED,
            "started": start <= today,
            "fields": [(name, label, values[name]) for name, label in labels],
            "revision": revision,
            "may_prepare": request.user.has_perm("reports.prepare_half_year_report") and review is None,
            "may_record": may_record,
            "review_form": review_form,
            "instruction_form": instruction_form,
            "given": [(instruction, instruction_state(instruction, today)) for instruction in given],
            "error": error,
        },
        status=400 if error else 200,
    )


def _back(year: int, half: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("office:half_year_report", kwargs={"year": year, "half": half}))


def _post(request: StaffRequest, year: int, half: int) -> HttpResponse:
    action = request.POST.get("action")
    user = request.user
    if action in ("save", "submit"):
        typed = {name: request.POST.get(name, "")[:TEXT_MAX] for name in FIELDS}
        typed["revision"] = request.POST.get("revision", "")
        if not user.has_perm("reports.prepare_half_year_report"):
            raise Http404
        try:
            if action == "save":
                save_half_year_narrative(
                    actor=user,
                    year=year,
                    half=half,
                    narrative_kk=typed["narrative_kk"],
                    narrative_ru=typed["narrative_ru"],
                    narrative_en=typed["narrative_en"],
                    revision=int(typed["revision"]) if typed["revision"].isdigit() else -1,
                )
                messages.success(request, _("The narrative is saved."))
            else:
                submit_half_year_report(actor=user, year=year, half=half)
                messages.success(request, _("The half-year results are submitted to the Government Apparatus."))
        except DomainError as error:
            return _detail(request, year, half, typed=typed, error=str(error.message))
        return _back(year, half)
    if not user.has_perm("reports.record_government_review"):
        raise Http404
    report = report_of(year, half)
    if action == "review":
        form = ReviewForm(request.POST)
        if not form.is_valid() or report is None:
            return _detail(request, year, half, review_form=form, error=_("Check the review's fields."))
        try:
            record_government_review(actor=user, report=report, **form.cleaned_data)
        except DomainError as error:
            return _detail(request, year, half, review_form=form, error=str(error.message))
        messages.success(request, _("The Government's review is recorded."))
        return _back(year, half)
    review = getattr(report, "review", None) if report else None
    if review is None:
        raise Http404
    if action == "instruct":
        instruction_form = InstructionForm(request.POST)
        if not instruction_form.is_valid():
            return _detail(request, year, half, instruction_form=instruction_form, error=_("Check the instruction."))
        try:
            add_instruction(actor=user, review=review, **instruction_form.cleaned_data)
        except DomainError as error:
            return _detail(request, year, half, instruction_form=instruction_form, error=str(error.message))
        messages.success(request, _("The instruction is recorded and its executor told."))
        return _back(year, half)
    if action == "withdraw":
        instruction = get_object_or_404(Instruction, review=review, pk=request.POST.get("instruction") or 0)
        revision = request.POST.get("revision", "")
        try:
            withdraw_instruction(
                actor=user, instruction=instruction, revision=int(revision) if revision.isdigit() else -1
            )
        except DomainError as error:
            return _detail(request, year, half, error=str(error.message))
        messages.success(request, _("The instruction is withdrawn."))
        return _back(year, half)
    return _detail(request, year, half, error=_("Choose what to do with the report."))


@office_view
def half_year_report_page(request: StaffRequest, year: int, half: int) -> HttpResponse:
    _check_reader(request)
    _check_half(year, half)
    if request.method == "POST":
        return _post(request, year, half)
    return _detail(request, year, half)


@office_view
def half_year_report_download(request: StaffRequest, year: int, half: int) -> HttpResponse:
    _check_reader(request)
    _check_half(year, half)
    language = language_or_default(request.GET.get("lang"))
    report = report_of(year, half)
    snapshot = _figures(report, year, half)
    review = getattr(report, "review", None) if report else None
    response = HttpResponse(half_year_docx(snapshot, review=review, language=language), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{half_year_file_name(year, half, language)}"'
    return response


@office_view
def instructions_page(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    chosen = request.GET.get("state", "")
    chosen = chosen if chosen in INSTRUCTION_FILTERS else ""
    assignee = Organisation.objects.filter(code=request.GET.get("assignee", "")).first()
    instructions = filter_by_state(instructions_for(request.user), chosen, today)
    if assignee is not None:
        instructions = filter_by_assignee(instructions, assignee.code)
    rows = [(instruction, instruction_state(instruction, today)) for instruction in instructions]
    return render(
        request,
        "office/reports/instructions/list.html",
        {
            "rows": rows,
            "chosen": chosen,
            "assignee": assignee,
            "assignee_query": f"&assignee={assignee.code}" if assignee else "",
            "filters": INSTRUCTION_FILTERS,
            "everyone": reads_half_year_results(request.user),
        },
    )


def _instruction_detail(
    request: StaffRequest, instruction: Instruction, *, form: InstructionReportForm | None = None, error: str = ""
) -> HttpResponse:
    may_report = request.user.has_perm("reports.report_on_instruction", instruction) and (
        instruction.status != Instruction.Status.WITHDRAWN
    )
    if form is None and may_report:
        form = InstructionReportForm(
            initial={"report": instruction.report, "done_on": instruction.done_on, "revision": instruction.revision}
        )
    return render(
        request,
        "office/reports/instructions/detail.html",
        {
            "instruction": instruction,
            "report": instruction.review.report,
            "state": instruction_state(instruction, timezone.localdate()),
            "may_report": may_report,
            "form": form,
            "error": error,
        },
        status=400 if error else 200,
    )


@office_view
def instruction_page(request: StaffRequest, pk: int) -> HttpResponse:
    instruction = get_object_or_404(instructions_for(request.user), pk=pk)
    if request.method != "POST":
        return _instruction_detail(request, instruction)
    if not request.user.has_perm("reports.report_on_instruction", instruction):
        raise Http404
    form = InstructionReportForm(request.POST)
    if not form.is_valid():
        return _instruction_detail(request, instruction, form=form, error=_("Check the report's fields."))
    try:
        report_on_instruction(actor=request.user, instruction=instruction, **form.cleaned_data)
    except DomainError as error:
        return _instruction_detail(request, instruction, form=form, error=str(error.message))
    messages.success(request, _("The report on the instruction is saved."))
    return HttpResponseRedirect(reverse("office:instruction", kwargs={"pk": instruction.pk}))


def chosen_half(request: Any) -> tuple[int, int]:
    year, half = current_half(timezone.localdate())
    try:
        year = int(request.GET.get("year") or year)
        half = int(request.GET.get("half") or half)
    except ValueError:
        raise Http404 from None
    _check_half(year, half)
    return year, half


@office_view
def systemic_problems_report_page(request: StaffRequest) -> HttpResponse:
    scope = problems_scope(request.user)
    if scope is None:
        raise Http404
    year, half = chosen_half(request)
    akimats = collated(Organisation.objects.filter(kind=Organisation.Kind.AKIMAT)) if not scope else []
    code = request.GET.get("akimat", "")
    if code and not scope:
        chosen = next((akimat for akimat in akimats if akimat.code == code), None)
        if chosen is None:
            raise Http404
        scope = {"akimat": chosen}
    report = systemic_problems_by_half_year(year, half, **scope)
    this_year = timezone.localdate().year
    return render(
        request,
        "office/reports/systemic_problems/report.html",
        {
            "report": localise(report.to_json()),
            "year": year,
            "half": half,
            "years": list(range(this_year - 2, this_year + 1)),
            "akimats": akimats,
            "akimat_code": code,
            "own": scope.get("akimat") or None,
            "ministry_view": "competent_bodies" in scope,
        },
    )


urlpatterns = [
    path("half-year/", half_year_reports_page, name="half_year_reports"),
    path("half-year/<int:year>/<int:half>/", half_year_report_page, name="half_year_report"),
    path("half-year/<int:year>/<int:half>.docx", half_year_report_download, name="half_year_report_download"),
    path("instructions/", instructions_page, name="instructions"),
    path("instructions/<int:pk>/", instruction_page, name="instruction"),
    path("systemic-problems/", systemic_problems_report_page, name="systemic_problems_report"),
]
