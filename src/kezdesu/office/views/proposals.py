"""A ministry's proposals for a period, beside the region advisor's ranking; the advisor's weights."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.collation import collated
from kezdesu.core.errors import DomainError
from kezdesu.office.forms.proposals import AdvisorWeightsForm, ProposalForm
from kezdesu.office.views.access import StaffRequest, hidden_unless, office_view
from kezdesu.organisations.domain.queries.scope import organisations_in_scope
from kezdesu.organisations.models import Organisation
from kezdesu.planning.domain.advisor import advisor_weights, rank_regions, set_advisor_weights
from kezdesu.planning.domain.proposals import create_proposal, submit_proposals, update_proposal, withdraw_proposal
from kezdesu.planning.domain.queries.proposals import proposals_of
from kezdesu.planning.domain.texts import per_language
from kezdesu.planning.models import PlanningPeriod, Proposal


def _ministries(request: StaffRequest) -> list[Organisation]:
    return collated(organisations_in_scope(request.user).filter(kind=Organisation.Kind.MINISTRY))


def _chosen(
    request: StaffRequest,
) -> tuple[list[PlanningPeriod], PlanningPeriod | None, list[Organisation], Organisation | None]:
    periods = list(PlanningPeriod.objects.select_related("profile").order_by("start"))
    ministries = _ministries(request)
    today = timezone.localdate()
    period = next((p for p in periods if str(p.pk) == request.GET.get("period")), None)
    period = period or next((p for p in periods if p.end >= today), periods[-1] if periods else None)
    ministry = next((m for m in ministries if str(m.pk) == request.GET.get("organisation")), None)
    return periods, period, ministries, ministry or (ministries[0] if ministries else None)


def _list_url(period: PlanningPeriod, organisation: Organisation) -> str:
    return f"{reverse('office:proposals')}?period={period.pk}&organisation={organisation.pk}"


@office_view
def proposal_list(request: StaffRequest) -> HttpResponse:
    periods, period, ministries, ministry = _chosen(request)
    may_edit = bool(ministry and request.user.has_perm("planning.edit_proposal", ministry))
    form = ProposalForm(organisation=ministry) if may_edit and ministry else None
    if request.method == "POST":
        if not may_edit or period is None or ministry is None:
            raise PermissionDenied
        form = ProposalForm(request.POST, organisation=ministry)
        if form.is_valid():
            try:
                create_proposal(actor=request.user, period=period, organisation=ministry, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The proposal is saved as a draft."))
                return redirect(_list_url(period, ministry))
    ranking = rank_regions(ministry=ministry, period=period, today=timezone.localdate()) if period and ministry else []
    return render(
        request,
        "office/proposals/list.html",
        {
            "periods": periods,
            "period": period,
            "ministries": ministries,
            "ministry": ministry,
            "proposals": proposals_of(period, ministry) if period and ministry else [],
            "form": form,
            "may_submit": bool(ministry and request.user.has_perm("planning.submit_proposals", ministry)),
            "ranking": ranking,
            "weights": advisor_weights(),
        },
    )


def _proposal_for_editing(request: StaffRequest, pk: int) -> Proposal:
    proposal: Proposal = get_object_or_404(Proposal.objects.select_related("period", "organisation"), pk=pk)
    if not request.user.has_perm("organisations.view_organisation_data", proposal.organisation):
        raise Http404
    if not request.user.has_perm("planning.edit_proposal", proposal.organisation):
        raise PermissionDenied
    return proposal


@office_view
def proposal_edit(request: StaffRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for_editing(request, pk)
    initial = {name: getattr(proposal, name) for name in (*ProposalForm.base_fields, *per_language("topics"))}
    form = ProposalForm(initial=initial, organisation=proposal.organisation)
    if request.method == "POST":
        form = ProposalForm(request.POST, organisation=proposal.organisation)
        if form.is_valid():
            try:
                update_proposal(actor=request.user, proposal=proposal, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The proposal is saved."))
                return redirect(_list_url(proposal.period, proposal.organisation))
    return render(request, "office/proposals/edit.html", {"proposal": proposal, "form": form})


@require_POST
@office_view
def proposal_withdraw(request: StaffRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for_editing(request, pk)
    try:
        withdraw_proposal(actor=request.user, proposal=proposal)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The proposal is withdrawn."))
    return redirect(_list_url(proposal.period, proposal.organisation))


@require_POST
@office_view
def proposals_submit(request: StaffRequest) -> HttpResponse:
    period = get_object_or_404(PlanningPeriod, pk=request.POST.get("period") or 0)
    ministry = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
    if not request.user.has_perm("planning.submit_proposals", ministry):
        raise PermissionDenied
    try:
        submitted = submit_proposals(actor=request.user, period=period, organisation=ministry)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Submitted to the authorized body: %(count)s.") % {"count": len(submitted)})
    return redirect(_list_url(period, ministry))


@hidden_unless("planning.set_advisor_weights")
def weights_edit(request: StaffRequest) -> HttpResponse:
    weights = advisor_weights()
    form = AdvisorWeightsForm(instance=weights)
    if request.method == "POST":
        form = AdvisorWeightsForm(request.POST, instance=weights)
        if form.is_valid():
            try:
                set_advisor_weights(actor=request.user, **{name: form.cleaned_data[name] for name in form.fields})
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The advisor's weights are saved."))
                return redirect("office:advisor_weights")
    return render(request, "office/proposals/weights.html", {"form": form, "weights": weights})
