"""The annual evaluation in the back office (R24): the years with their state; a year's criteria and weights,
the method's note, the live preview of the ranking and publishing. The authorized body's coordinator changes
them; every staff member reads them, for transparency."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.reports.domain.evaluation import compute_evaluation, create_evaluation, publish_evaluation, set_criteria
from kezdesu.reports.domain.indicators import INDICATORS
from kezdesu.reports.domain.queries.evaluation import criterion_rows, ranking_row, schemes
from kezdesu.reports.models import EvaluationScheme

NOTE_FIELDS = ("note_kk", "note_ru", "note_en")
TEXT_MAX = 10000


@office_view
def evaluations_page(request: StaffRequest) -> HttpResponse:
    may_manage = request.user.has_perm("reports.manage_evaluation")
    error = ""
    if request.method == "POST":
        if not may_manage:
            raise Http404
        year_text = request.POST.get("year", "")
        try:
            if not year_text.isdigit():
                raise DomainError(_("Give a year between 2000 and 2100."), code="year")
            scheme = create_evaluation(actor=request.user, year=int(year_text))
        except DomainError as problem:
            error = str(problem.message)
        else:
            messages.success(request, _("The evaluation is created with the default criteria."))
            return HttpResponseRedirect(reverse("office:evaluation_year", kwargs={"year": scheme.year}))
    return render(
        request,
        "office/reports/evaluation/list.html",
        {
            "schemes": list(schemes()),
            "may_manage": may_manage,
            "next_year": timezone.localdate().year,
            "error": error,
        },
        status=400 if error else 200,
    )


def _weights(request: StaffRequest) -> list[tuple[str, Decimal]]:
    """The weights typed, in the registry's order; an empty weight leaves the criterion out."""
    criteria = []
    for code in INDICATORS:
        typed = request.POST.get(f"weight_{code}", "").strip().replace(",", ".")
        if not typed:
            continue
        try:
            criteria.append((code, Decimal(typed)))
        except InvalidOperation:
            raise DomainError(_("Give each weight as a number, e.g. 12.5."), code="weight") from None
    return criteria


def _year_page(
    request: StaffRequest, scheme: EvaluationScheme, *, typed: dict[str, str] | None = None, error: str = ""
) -> HttpResponse:
    weights = {criterion.indicator: criterion.weight for criterion in scheme.criteria.all()}
    notes = {name: getattr(scheme, name) or "" for name in NOTE_FIELDS}
    reference, revision = scheme.approval_reference, scheme.revision
    if typed is not None:
        weights = {code: typed.get(f"weight_{code}", "") for code in INDICATORS}  # type: ignore[misc]
        notes = {name: typed.get(name, "") for name in NOTE_FIELDS}
        reference = typed.get("approval_reference", "")
        revision = int(typed["revision"]) if typed.get("revision", "").isdigit() else revision
    rows = [ranking_row(s.organisation, s.rank, s.score, s.details()) for s in compute_evaluation(scheme)]
    labels = (("note_kk", _("Kazakh")), ("note_ru", _("Russian")), ("note_en", _("English")))
    return render(
        request,
        "office/reports/evaluation/year.html",
        {
            "scheme": scheme,
            "criteria": criterion_rows(list(scheme.criteria.all())),
            "indicators": [
                {"code": code, "title": item.title, "explanation": item.explanation, "weight": weights.get(code, "")}
                for code, item in INDICATORS.items()
            ],
            "notes": [(name, label, notes[name]) for name, label in labels],
            "approval_reference": reference,
            "revision": revision,
            "ranked": [row for row in rows if row.rank],
            "others": [row for row in rows if not row.rank],
            "may_manage": request.user.has_perm("reports.manage_evaluation"),
            "error": error,
        },
        status=400 if error else 200,
    )


@office_view
def evaluation_year_page(request: StaffRequest, year: int) -> HttpResponse:
    scheme: EvaluationScheme = get_object_or_404(EvaluationScheme.objects.prefetch_related("criteria"), year=year)
    if request.method != "POST":
        return _year_page(request, scheme)
    if not request.user.has_perm("reports.manage_evaluation"):
        raise Http404
    action = request.POST.get("action")
    typed = {name: request.POST.get(name, "")[:TEXT_MAX] for name in (*NOTE_FIELDS, "approval_reference", "revision")}
    typed.update({f"weight_{code}": request.POST.get(f"weight_{code}", "")[:20] for code in INDICATORS})
    try:
        if action == "save":
            set_criteria(
                actor=request.user,
                scheme=scheme,
                criteria=_weights(request),
                note_kk=typed["note_kk"],
                note_ru=typed["note_ru"],
                note_en=typed["note_en"],
                approval_reference=typed["approval_reference"][:300],
                revision=int(typed["revision"]) if typed["revision"].isdigit() else -1,
            )
            messages.success(request, _("The criteria and the method are saved."))
        elif action == "publish":
            publish_evaluation(actor=request.user, scheme=scheme)
            messages.success(request, _("The evaluation is published; each ministry's approvers are notified."))
        else:
            raise DomainError(_("Choose what to do with the evaluation."), code="no_action")
    except DomainError as problem:
        scheme.refresh_from_db()
        return _year_page(request, scheme, typed=typed if action == "save" else None, error=str(problem.message))
    return HttpResponseRedirect(reverse("office:evaluation_year", kwargs={"year": year}))


urlpatterns: list[URLPattern] = [
    path("evaluation/", evaluations_page, name="evaluation"),
    path("evaluation/<int:year>/", evaluation_year_page, name="evaluation_year"),
]
