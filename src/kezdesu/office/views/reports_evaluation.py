"""The annual evaluation in the back office (R24): the years with their state; a year's criteria and weights,
the rule for a criterion with nothing to count, the method's note and approving order, the live preview of the
ranking and publishing. The authorized body's coordinator changes
them; every staff member reads them, for transparency."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.office.forms.reports_evaluation import EvaluationCriteriaForm
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.reports.domain.evaluation import compute_evaluation, create_evaluation, publish_evaluation, set_criteria
from kezdesu.reports.domain.queries.evaluation import criterion_rows, missing_rule, ranking_row, schemes
from kezdesu.reports.models import EvaluationScheme


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


def _year_page(
    request: StaffRequest,
    scheme: EvaluationScheme,
    *,
    form: EvaluationCriteriaForm | None = None,
    error: str = "",
) -> HttpResponse:
    may_manage = request.user.has_perm("reports.manage_evaluation")
    if form is None and may_manage and scheme.status == EvaluationScheme.Status.DRAFT:
        form = EvaluationCriteriaForm.for_scheme(scheme)
    rows = [ranking_row(s.organisation, s.rank, s.score, s.details()) for s in compute_evaluation(scheme)]
    return render(
        request,
        "office/reports/evaluation/year.html",
        {
            "scheme": scheme,
            "criteria": criterion_rows(list(scheme.criteria.all())),
            "missing_rule": missing_rule(scheme),
            "form": form,
            "ranked": [row for row in rows if row.rank],
            "others": [row for row in rows if not row.rank],
            "may_manage": may_manage,
            "error": error,
        },
        status=400 if error or (form is not None and form.errors) else 200,
    )


@office_view
def evaluation_year_page(request: StaffRequest, year: int) -> HttpResponse:
    scheme: EvaluationScheme = get_object_or_404(EvaluationScheme.objects.prefetch_related("criteria"), year=year)
    if request.method != "POST":
        return _year_page(request, scheme)
    if not request.user.has_perm("reports.manage_evaluation"):
        raise Http404
    action = request.POST.get("action")
    if action == "save":
        form = EvaluationCriteriaForm(request.POST)
        if not form.is_valid():
            return _year_page(request, scheme, form=form)
        try:
            set_criteria(actor=request.user, scheme=scheme, **form.values())
        except DomainError as problem:
            form.add_error(None, str(problem.message))
            scheme.refresh_from_db()
            return _year_page(request, scheme, form=form)
        messages.success(request, _("The criteria and the method are saved."))
    elif action == "publish":
        try:
            publish_evaluation(actor=request.user, scheme=scheme)
        except DomainError as problem:
            scheme.refresh_from_db()
            return _year_page(request, scheme, error=str(problem.message))
        messages.success(request, _("The evaluation is published; each ministry's approvers are notified."))
    else:
        return _year_page(request, scheme, error=_("Choose what to do with the evaluation."))
    return HttpResponseRedirect(reverse("office:evaluation_year", kwargs={"year": year}))


urlpatterns: list[URLPattern] = [
    path("evaluation/", evaluations_page, name="evaluation"),
    path("evaluation/<int:year>/", evaluation_year_page, name="evaluation_year"),
]
