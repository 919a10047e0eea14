"""Risk flags: raised by any preparing party; the authorized body assigns or dismisses them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.office.forms.risks import AssignForm, DismissForm, RiskFlagForm
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.domain.queries.scope import organisations_in_scope, sees_everything
from kezdesu.planning.domain.queries.risks import risk_flag_obligations, risk_flags
from kezdesu.planning.domain.risks import assign_risk_flag, dismiss_risk_flag, raise_risk_flag
from kezdesu.planning.models import RiskFlag


def _visible(request: StaffRequest) -> list[RiskFlag]:
    flags = risk_flags(None if sees_everything(request.user) else organisations_in_scope(request.user))
    return list(flags[:200])


@office_view
def risk_list(request: StaffRequest) -> HttpResponse:
    may_raise = request.user.has_perm("planning.raise_risk_flag")
    form = RiskFlagForm() if may_raise else None
    if request.method == "POST":
        if not may_raise:
            raise PermissionDenied
        form = RiskFlagForm(request.POST)
        if form.is_valid():
            try:
                raise_risk_flag(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The risk flag is raised; the authorized body is told."))
                return redirect("office:risks")
    flags = _visible(request)
    today = timezone.localdate()
    # The meeting a flag requires is met by the records (a meeting that took place), read for all flags at once.
    obligations = risk_flag_obligations(flags, today=today)
    return render(
        request,
        "office/risks/list.html",
        {
            "rows": [(flag, obligations.get(flag.pk)) for flag in flags],
            "today": today,
            "form": form,
            "may_decide": request.user.has_perm("planning.decide_risk_flag"),
            "assign_form": AssignForm(),
            "dismiss_form": DismissForm(),
        },
    )


def _flag(request: StaffRequest, pk: int) -> RiskFlag:
    flag: RiskFlag = get_object_or_404(RiskFlag.objects.select_related("competent_ministry", "region"), pk=pk)
    if (
        not sees_everything(request.user)
        and not organisations_in_scope(request.user)
        .filter(pk__in=[flag.competent_ministry_id, flag.raised_by_organisation_id])
        .exists()
    ):
        raise Http404
    return flag


@require_POST
@office_view
def risk_decide(request: StaffRequest, pk: int) -> HttpResponse:
    flag = _flag(request, pk)
    if not request.user.has_perm("planning.decide_risk_flag"):
        raise PermissionDenied
    try:
        if request.POST.get("decision") == "assign":
            assign = AssignForm(request.POST)
            if not assign.is_valid():
                raise DomainError(_("Give the date by which the meeting must be held."))
            assign_risk_flag(actor=request.user, flag=flag, **assign.cleaned_data)
            messages.success(request, _("The ministry is told to hold an unscheduled meeting."))
        else:
            dismiss = DismissForm(request.POST)
            if not dismiss.is_valid():
                raise DomainError(_("Say why the risk flag is dismissed."))
            dismiss_risk_flag(actor=request.user, flag=flag, note=dismiss.cleaned_data["note"])
            messages.success(request, _("The risk flag is dismissed."))
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("office:risks")
