"""A visit's action plan (R20): measures per problem issue, added, changed and removed by the planners, and
exported or imported as XLSX. Readers of the visit see the plan; a refused form comes back with what was typed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.collation import sort_key
from kezdesu.core.errors import DomainError
from kezdesu.followup.domain.plan_import import ImportResult, import_plan
from kezdesu.followup.domain.plans import EDIT_PLAN, EDITABLE_FIELDS, add_measure, remove_measure, update_measure
from kezdesu.followup.interfaces.plan_xlsx import XLSX, plan_file_name, plan_xlsx
from kezdesu.followup.models import Measure, ProblemIssue
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import Visit
from kezdesu.office.forms.visits import LANGUAGE_LABELS, TranslatedGroups, _translated
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.models import Organisation

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class MeasureForm(TranslatedGroups, forms.Form):
    """One measure. The executor's choices are computed once per page and shared by every form on it."""

    translated = (("text", gettext_lazy("Measure")), ("executor_position", gettext_lazy("Responsible position")))

    def __init__(self, *args: Any, executors: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated(self, "text", gettext_lazy("Measure"), textarea=True)
        _translated(self, "executor_position", gettext_lazy("Responsible position"))
        self.fields["deadline"] = forms.DateField(
            label=gettext_lazy("Deadline"),
            required=False,
            input_formats=DATE_FORMATS,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
        self.fields["executor"] = forms.ChoiceField(
            label=gettext_lazy("Executor (a state body)"), required=False, choices=[("", "—"), *executors]
        )
        self.fields["executor_company"] = forms.CharField(
            label=gettext_lazy("…or a national holding or company"), required=False, max_length=300
        )
        self.fields["revision"] = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("revision", None)
        code = data.pop("executor", "")
        data["executor"] = Organisation.objects.filter(pk=int(code)).first() if code and code.isdigit() else None
        return {name: data[name] for name in EDITABLE_FIELDS}


def _executor_choices() -> list[tuple[str, str]]:
    return [
        (str(organisation.pk), organisation.name)
        for organisation in sorted(
            Organisation.objects.filter(is_active=True), key=lambda body: (body.kind, sort_key(body.name))
        )
    ]


def _initial(measure: Measure) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(measure, name) for name in EDITABLE_FIELDS if name != "executor"}
    initial["executor"] = str(measure.executor_id or "")
    initial["revision"] = measure.revision
    return initial


def _issues(visit: Visit) -> list[ProblemIssue]:
    measures = Measure.objects.select_related("executor").order_by("order", "pk")
    return list(
        ProblemIssue.objects.filter(visit=visit)
        .select_related("competent_body")
        .prefetch_related(Prefetch("measures", queryset=measures))
        .order_by("number")
    )


def _page(
    request: StaffRequest,
    visit: Visit,
    *,
    refused: tuple[str, int] | None = None,
    form: MeasureForm | None = None,
    error: str = "",
    imported: ImportResult | None = None,
) -> HttpResponse:
    may_edit = request.user.has_perm(EDIT_PLAN, visit)
    executors = _executor_choices() if may_edit else []
    sections = []
    for issue in _issues(visit):
        rows = []
        for measure in issue.measures.all():
            edit = None
            if may_edit:
                is_refused = refused == ("measure", measure.pk)
                edit = (
                    form
                    if is_refused
                    else MeasureForm(initial=_initial(measure), executors=executors, prefix=f"m{measure.pk}")
                )
            rows.append({"measure": measure, "form": edit, "refused": refused == ("measure", measure.pk)})
        add = None
        if may_edit:
            add = form if refused == ("issue", issue.pk) else MeasureForm(executors=executors, prefix=f"i{issue.pk}")
        sections.append({"issue": issue, "rows": rows, "add": add, "refused": refused == ("issue", issue.pk)})
    return render(
        request,
        "office/followup/plan.html",
        {
            "visit": visit,
            "sections": sections,
            "may_edit": may_edit,
            "error": error,
            "imported": imported,
            "xlsx_languages": LANGUAGE_LABELS,
        },
        status=400 if (error or (imported and not imported.ok)) else 200,
    )


@office_view
def plan_page(request: StaffRequest, pk: int) -> HttpResponse:
    return _page(request, visit_for(request.user, pk))


@require_POST
@office_view
def measure_add(request: StaffRequest, pk: int, issue_pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT_PLAN)
    issue: ProblemIssue = get_object_or_404(ProblemIssue.objects.select_related("visit"), pk=issue_pk, visit=visit)
    form = MeasureForm(request.POST, executors=_executor_choices(), prefix=f"i{issue.pk}")
    try:
        if not form.is_valid():
            raise DomainError(_("Correct the marked fields."))
        add_measure(actor=request.user, issue=issue, **form.values())
    except DomainError as refusal:
        return _page(request, visit, refused=("issue", issue.pk), form=form, error=str(refusal.message))
    messages.success(request, _("The measure is added to the plan."))
    return redirect("office:visit_plan", pk=visit.pk)


@require_POST
@office_view
def measure_edit(request: StaffRequest, pk: int, measure_pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT_PLAN)
    measure = get_object_or_404(Measure, pk=measure_pk, issue__visit=visit)
    form = MeasureForm(request.POST, executors=_executor_choices(), prefix=f"m{measure.pk}")
    try:
        if not form.is_valid():
            raise DomainError(_("Correct the marked fields."))
        update_measure(actor=request.user, measure=measure, revision=form.cleaned_data.get("revision"), **form.values())
    except DomainError as refusal:
        return _page(request, visit, refused=("measure", measure.pk), form=form, error=str(refusal.message))
    messages.success(request, _("The measure is saved."))
    return redirect("office:visit_plan", pk=visit.pk)


@require_POST
@office_view
def measure_remove(request: StaffRequest, pk: int, measure_pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT_PLAN)
    measure = get_object_or_404(Measure, pk=measure_pk, issue__visit=visit)
    try:
        remove_measure(actor=request.user, measure=measure)
    except DomainError as refusal:
        messages.error(request, str(refusal.message))
    else:
        messages.success(request, _("The measure is removed from the plan."))
    return redirect("office:visit_plan", pk=visit.pk)


@office_view
def plan_export(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    language = request.GET.get("lang", "")
    if language not in dict(LANGUAGE_LABELS):
        language = get_language() or "kk"
    response = HttpResponse(plan_xlsx(visit=visit, language=language), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{plan_file_name(visit)}"'
    return response


@require_POST
@office_view
def plan_import(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT_PLAN)
    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, visit, error=_("Choose an XLSX file to import."))
    try:
        result = import_plan(actor=request.user, visit=visit, file=upload)
    except DomainError as refusal:
        return _page(request, visit, error=str(refusal.message))
    if not result.ok:
        return _page(request, visit, imported=result, error=_("Nothing was imported: correct the rows below."))
    messages.success(
        request,
        ngettext(
            "%(count)s measure imported (%(same)s already in the plan).",
            "%(count)s measures imported (%(same)s already in the plan).",
            len(result.created),
        )
        % {"count": len(result.created), "same": result.unchanged},
    )
    return redirect("office:visit_plan", pk=visit.pk)


urlpatterns = [
    path("<int:pk>/plan/", plan_page, name="visit_plan"),
    path("<int:pk>/plan/issues/<int:issue_pk>/add/", measure_add, name="visit_plan_add"),
    path("<int:pk>/plan/measures/<int:measure_pk>/", measure_edit, name="visit_plan_edit"),
    path("<int:pk>/plan/measures/<int:measure_pk>/remove/", measure_remove, name="visit_plan_remove"),
    path("<int:pk>/plan.xlsx", plan_export, name="visit_plan_xlsx"),
    path("<int:pk>/plan/import/", plan_import, name="visit_plan_import"),
]
