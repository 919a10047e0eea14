"""The executors' workspace (R21): the measures a body carries out, their deadlines, the last report, and the
quarterly progress report on each. A refused report comes back with what was typed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.errors import DomainError
from kezdesu.followup.domain.progress import may_report, report_progress
from kezdesu.followup.domain.queries.measures import (
    WorkspaceFilters,
    days_left,
    filter_workspace,
    latest_update,
    measures_for_executor,
    quarter_of,
)
from kezdesu.followup.domain.queries.states import is_measure_overdue
from kezdesu.followup.models import Measure, MeasureStatus
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.domain.queries.scope import organisations_in_scope
from kezdesu.organisations.models import Organisation

PER_PAGE = 50


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=MeasureStatus.choices)
    percent = forms.IntegerField(label=gettext_lazy("Done, %"), min_value=0, max_value=100)
    comment = forms.CharField(
        label=gettext_lazy("What has been done"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=gettext_lazy(
            "This comment is public: it appears on the problem issue's page. Write no personal data."
        ),
    )
    evidence_links = forms.CharField(
        label=gettext_lazy("Links to evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Web addresses (http:// or https://), one per line. Required when the measure is done."),
    )


def _filters(data: Any) -> WorkspaceFilters:
    status = data.get("status", "")
    return WorkspaceFilters(
        status=status if status in MeasureStatus.values else "",
        overdue=data.get("overdue") == "1",
        unreported=data.get("unreported") == "1",
    )


@office_view
def my_measures(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = _filters(request.GET)
    measures = filter_workspace(measures_for_executor(request.user), filters, today=today)
    page = Paginator(measures, PER_PAGE).get_page(request.GET.get("page"))
    year, quarter = quarter_of(today)
    rows = [
        {
            "measure": measure,
            "days_left": days_left(measure, today),
            "days_late": -days_left(measure, today),
            "overdue": is_measure_overdue(measure, today),
            "last": latest_update(measure),
        }
        for measure in page.object_list
    ]
    return render(
        request,
        "office/followup/measures.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "statuses": MeasureStatus.choices,
            "year": year,
            "quarter": quarter,
            # The ministry's quarterly progress reports are the next step for a ministry's staff (R21).
            "reports_for_ministry": organisations_in_scope(request.user)
            .filter(kind=Organisation.Kind.MINISTRY)
            .exists(),
        },
    )


def _measure(request: StaffRequest, pk: int) -> Measure:
    measure: Measure = get_object_or_404(
        Measure.objects.select_related(
            "issue__visit__organisation", "issue__visit__region", "issue__visit__position", "executor"
        ),
        pk=pk,
    )
    if not may_report(request.user, measure):
        raise Http404
    return measure


def _report_page(request: StaffRequest, measure: Measure, form: ProgressForm, error: str = "") -> HttpResponse:
    today = timezone.localdate()
    year, quarter = quarter_of(today)
    return render(
        request,
        "office/followup/measures_report.html",
        {
            "measure": measure,
            "form": form,
            "error": error,
            "updates": measure.updates.select_related("organisation").order_by("-reported_at", "-pk")[:20],
            "year": year,
            "quarter": quarter,
            "days_left": days_left(measure, today),
            "overdue": is_measure_overdue(measure, today),
        },
        status=400 if error else 200,
    )


@office_view
def measure_report(request: StaffRequest, pk: int) -> HttpResponse:
    measure = _measure(request, pk)
    if request.method != "POST":
        initial = {"status": measure.status, "percent": measure.percent, "evidence_links": measure.evidence}
        return _report_page(request, measure, ProgressForm(initial=initial))
    return _submit(request, measure)


def _submit(request: StaffRequest, measure: Measure) -> HttpResponse:
    form = ProgressForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Correct the marked fields."))
        data = form.cleaned_data
        report_progress(
            actor=request.user,
            measure=measure,
            status=data["status"],
            percent=data["percent"],
            comment=data["comment"],
            evidence_links=data["evidence_links"].splitlines(),
        )
    except DomainError as refusal:
        return _report_page(request, measure, form, error=str(refusal.message))
    messages.success(request, _("Your report is recorded. Thank you."))
    return redirect("office:my_measures")


urlpatterns = [
    path("measures/", my_measures, name="my_measures"),
    path("measures/<int:pk>/report/", measure_report, name="measure_report"),
]
