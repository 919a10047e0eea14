"""The schedule's back-office pages: periods, the draft grid and its warnings, agreement,
submission, approval, amendment, versions and their differences. All work without JavaScript."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.core.templatetags.layout import message_at
from kezdesu.office.forms.schedule import (
    AcknowledgeWarningForm,
    AgreementForm,
    AmendScheduleForm,
    ApproveScheduleForm,
    IncludeProposalForm,
    PaperAnswerForm,
    ScheduleItemForm,
)
from kezdesu.office.schedule_grid import draft_grid
from kezdesu.office.views.access import StaffRequest, hidden_unless, office_view
from kezdesu.office.warning_groups import is_known_group, warning_groups
from kezdesu.organisations.domain.queries.scope import memberships_of
from kezdesu.organisations.models import Organisation
from kezdesu.planning.domain.agreement import decide_agreement, record_paper_answer
from kezdesu.planning.domain.draft import add_item, include_proposal, remove_item, update_item, working_version
from kezdesu.planning.domain.periods import ensure_period, next_period_start, period_deadlines
from kezdesu.planning.domain.queries.proposals import proposals_awaiting_inclusion
from kezdesu.planning.domain.queries.schedule import (
    agreements_of,
    current_approved_version,
    items_of,
    versions_of,
)
from kezdesu.planning.domain.texts import per_language
from kezdesu.planning.domain.versions import approve_schedule, submit_schedule, version_diff
from kezdesu.planning.domain.warnings import acknowledge_warning, draft_warnings
from kezdesu.planning.interfaces.region_map import region_map
from kezdesu.planning.models import ItemAgreement, PlanningPeriod, Proposal, ScheduleItem, ScheduleVersion
from kezdesu.regulations.domain.obligations import Obligation


def _one_per_rule(obligations: list[Obligation]) -> list[Obligation]:
    """One line per rule: the ministries' proposals are one deadline, not one per ministry."""
    seen: dict[str, Obligation] = {}
    for obligation in obligations:
        seen.setdefault(obligation.rule.code, obligation)
    return list(seen.values())


def _working_or_none(period: PlanningPeriod) -> ScheduleVersion | None:
    return ScheduleVersion.objects.filter(period=period, number=None).first()


@office_view
def period_list(request: StaffRequest) -> HttpResponse:
    periods = PlanningPeriod.objects.select_related("profile").order_by("-start")
    following = next_period_start()
    may_open = (
        request.user.has_perm("planning.compile_draft")
        and following is not None
        and not PlanningPeriod.objects.filter(start=following).exists()
    )
    return render(
        request,
        "office/schedule/periods.html",
        {"periods": periods, "next_start": following if may_open else None},
    )


@require_POST
@hidden_unless("planning.compile_draft")
def open_period(request: StaffRequest) -> HttpResponse:
    try:
        start = date.fromisoformat(request.POST.get("start", ""))
        period = ensure_period(actor=request.user, start=start)
    except ValueError:
        messages.error(request, _("Choose the first day of a period."))
        return redirect("office:schedule_periods")
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("office:schedule_periods")
    return redirect("office:schedule_draft", period_id=period.pk)


def _draft_url(period_id: int, *, group: str = "") -> str:
    """The draft page; with `group`, that group of warnings open and scrolled to."""
    url = reverse("office:schedule_draft", kwargs={"period_id": period_id})
    return f"{url}?open={group}#warnings-{group}" if group else url


@office_view
def draft(request: StaffRequest, period_id: int) -> HttpResponse:
    period = get_object_or_404(PlanningPeriod.objects.select_related("profile"), pk=period_id)
    version = _working_or_none(period)
    items = list(items_of(version)) if version is not None else []
    ministries = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY, is_active=True)
    may_compile = request.user.has_perm("planning.compile_draft")
    warnings = draft_warnings(version) if version is not None else []
    editable = version is not None and version.status == ScheduleVersion.Status.WORKING
    draft_url = _draft_url(period.pk)
    chosen = request.GET.get("region", "")
    regions = region_map(
        Counter(item.region_id for item in items),
        lambda kato: f"{draft_url}?region={kato}#items-title",
        current=chosen,
    )
    # A region of the map, even one without meetings; else one of the items' (a region with no shape).
    region = next((shape.region for shape in regions.regions if shape.is_current), None)
    region = region or next((item.region for item in items if item.region.kato == chosen), None)
    approved = current_approved_version(period)
    # Once approved, the draft offers a submission again only when it has changed since (an amendment).
    changed_since = bool(version_diff(approved, version)) if approved is not None and version is not None else False
    return render(
        request,
        "office/schedule/draft.html",
        {
            "period": period,
            "version": version,
            "grid": draft_grid(period, items, ministries),
            "items": items,
            "shown_items": [item for item in items if item.region.kato == chosen] if region else items,
            "region": region,
            "region_map": regions,
            "warnings": warnings,
            "warning_groups": warning_groups(warnings),
            "outstanding": sum(warning.is_blocking or not warning.is_acknowledged for warning in warnings),
            "open_group": request.GET.get("open", ""),
            "deadlines": _one_per_rule(period_deadlines(period)),
            "awaiting_proposals": proposals_awaiting_inclusion(period) if may_compile and editable else [],
            "approved": approved,
            "changed_since": changed_since,
            "may_compile": may_compile and (version is None or editable),
            "may_submit": request.user.has_perm("planning.submit_schedule")
            and editable
            and bool(items)
            and approved is None,
            "may_approve": request.user.has_perm("planning.approve_schedule")
            and version is not None
            and version.status == ScheduleVersion.Status.SUBMITTED,
            "may_amend": request.user.has_perm("planning.amend_schedule") and editable and changed_since,
        },
    )


def _item_values(form: ScheduleItemForm) -> dict:
    return dict(form.cleaned_data)


@hidden_unless("planning.compile_draft")
def item_add(request: StaffRequest, period_id: int) -> HttpResponse:
    period = get_object_or_404(PlanningPeriod, pk=period_id)
    form = ScheduleItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_item(actor=request.user, version=working_version(period), **_item_values(form))
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The meeting is added to the draft."))
            return redirect("office:schedule_draft", period_id=period.pk)
    return render(request, "office/schedule/item_form.html", {"period": period, "form": form, "item": None})


@hidden_unless("planning.compile_draft")
def proposal_include(request: StaffRequest, pk: int) -> HttpResponse:
    proposal: Proposal = get_object_or_404(
        Proposal.objects.select_related("period", "organisation", "position", "region", "district"), pk=pk
    )
    initial = {"start_date": proposal.preferred_from, "end_date": proposal.preferred_from}
    form = IncludeProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            include_proposal(actor=request.user, proposal=proposal, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The proposal is included in the draft."))
            return redirect("office:schedule_draft", period_id=proposal.period_id)
    return render(
        request,
        "office/schedule/include_proposal.html",
        {"period": proposal.period, "proposal": proposal, "form": form},
    )


def _working_item(pk: int) -> ScheduleItem:
    return get_object_or_404(
        ScheduleItem.objects.select_related("version__period", "organisation", "position", "region"),
        pk=pk,
        version__number__isnull=True,
    )


@hidden_unless("planning.compile_draft")
def item_edit(request: StaffRequest, pk: int) -> HttpResponse:
    item = _working_item(pk)
    period = item.version.period
    initial = {
        name: getattr(item, name)
        for name in (
            "organisation",
            "position",
            "region",
            "district",
            "start_date",
            "end_date",
            *per_language("topics"),
            "is_unscheduled",
            "risk_flag",
            "deputy_prime_minister_required",
            "deputy_prime_minister",
            "other_akims",
        )
    }
    initial["akim_positions"] = list(item.akim_positions.all())
    form = ScheduleItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_item(actor=request.user, item=item, **_item_values(form))
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The meeting is changed."))
            return redirect("office:schedule_draft", period_id=period.pk)
    return render(request, "office/schedule/item_form.html", {"period": period, "form": form, "item": item})


@require_POST
@hidden_unless("planning.compile_draft")
def item_remove(request: StaffRequest, pk: int) -> HttpResponse:
    item = _working_item(pk)
    period_id = item.version.period_id
    try:
        remove_item(actor=request.user, item=item)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The meeting is removed from the draft."))
    return redirect("office:schedule_draft", period_id=period_id)


@require_POST
@hidden_unless("planning.compile_draft")
def acknowledge(request: StaffRequest, period_id: int) -> HttpResponse:
    period = get_object_or_404(PlanningPeriod, pk=period_id)
    version = _working_or_none(period)
    form = AcknowledgeWarningForm(request.POST)
    # Back to the group the warning was in, so a long list is not scrolled through again.
    group = request.POST.get("group", "")
    if version is None or not form.is_valid():
        messages.error(request, _("Say why the warning may stand."))
    else:
        try:
            acknowledge_warning(actor=request.user, version=version, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The warning is acknowledged."))
    return redirect(_draft_url(period.pk, group=group if is_known_group(group) else ""))


@require_POST
@hidden_unless("planning.submit_schedule")
def submit(request: StaffRequest, period_id: int) -> HttpResponse:
    period = get_object_or_404(PlanningPeriod, pk=period_id)
    try:
        submit_schedule(actor=request.user, period=period)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The draft is submitted to the Government."))
    return redirect("office:schedule_draft", period_id=period.pk)


@hidden_unless("planning.approve_schedule")
def approve(request: StaffRequest, period_id: int) -> HttpResponse:
    period = get_object_or_404(PlanningPeriod, pk=period_id)
    form = ApproveScheduleForm(request.POST or None, initial={"act_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            frozen = approve_schedule(actor=request.user, period=period, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("Approved as version %(number)s, act No. %(act)s of %(date)s.")
                % {"number": frozen.number, "act": frozen.act_number, "date": f"{frozen.act_date:%d.%m.%Y}"},
            )
            return redirect("office:schedule_versions", period_id=period.pk)
    return render(request, "office/schedule/approve.html", {"period": period, "form": form})


@hidden_unless("planning.amend_schedule")
def amend(request: StaffRequest, period_id: int) -> HttpResponse:
    period = get_object_or_404(PlanningPeriod, pk=period_id)
    approved = current_approved_version(period)
    version = _working_or_none(period)
    form = AmendScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submit_schedule(actor=request.user, period=period, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("The amendment is submitted to the Government: it takes effect once approved with its act."),
            )
            return redirect("office:schedule_draft", period_id=period.pk)
    diff = version_diff(approved, version) if approved is not None and version is not None else None
    return render(
        request, "office/schedule/amend.html", {"period": period, "form": form, "approved": approved, "diff": diff}
    )


@office_view
def versions(request: StaffRequest, period_id: int) -> HttpResponse:
    period = get_object_or_404(PlanningPeriod, pk=period_id)
    return render(request, "office/schedule/versions.html", {"period": period, "versions": versions_of(period)})


@office_view
def version_changes(request: StaffRequest, period_id: int, number: int) -> HttpResponse:
    period = get_object_or_404(PlanningPeriod, pk=period_id)
    new = get_object_or_404(ScheduleVersion, period=period, number=number)
    old = ScheduleVersion.objects.filter(period=period, number=number - 1).first() if number > 1 else None
    return render(
        request,
        "office/schedule/diff.html",
        {"period": period, "old": old, "new": new, "diff": version_diff(old, new)},
    )


@dataclass(frozen=True)
class RefusedAnswer:
    """An answer the domain refused, shown again in its row as it was typed."""

    pk: int
    decision: str
    comment: str
    error: str


def _agreements_page(
    request: StaffRequest, period: PlanningPeriod, *, refused: RefusedAnswer | None = None
) -> HttpResponse:
    parties = sorted(
        {membership.organisation for membership in memberships_of(request.user)}, key=lambda party: party.name
    )
    sections = [
        {
            "organisation": party,
            "agreements": agreements_of(party, period),
            "may_answer": request.user.has_perm("planning.agree_item", party),
        }
        for party in parties
    ]
    return render(
        request,
        "office/schedule/agreements.html",
        {
            "period": period,
            "sections": [s for s in sections if s["agreements"]],
            "form": AgreementForm(),
            "refused": refused,
        },
    )


@office_view
def agreements(request: StaffRequest, period_id: int) -> HttpResponse:
    """What awaits the user's own ministry or akimat on the draft."""
    return _agreements_page(request, get_object_or_404(PlanningPeriod, pk=period_id))


@require_POST
@office_view
def agreement_decide(request: StaffRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        ItemAgreement.objects.select_related("organisation", "item__version__period", "item__position", "item__region"),
        pk=pk,
        item__version__number__isnull=True,
    )
    if not request.user.has_perm("planning.agree_item", agreement.organisation):
        if not request.user.has_perm("organisations.view_organisation_data", agreement.organisation):
            raise Http404
        raise PermissionDenied
    period = agreement.item.version.period
    form = AgreementForm(request.POST)
    error = _("Choose an answer.")
    if form.is_valid():
        try:
            decide_agreement(actor=request.user, agreement=agreement, **form.cleaned_data)
        except DomainError as refusal:
            error = str(refusal.message)
        else:
            messages.success(request, _("Your answer is recorded."))
            url = reverse("office:schedule_agreements", kwargs={"period_id": period.pk})
            return redirect(f"{url}#agreement-{agreement.pk}")
    refused = RefusedAnswer(
        pk=agreement.pk,
        decision=request.POST.get("decision", ""),
        comment=request.POST.get("comment", ""),
        error=error,
    )
    return _agreements_page(request, period, refused=refused)


@office_view
def agreement_paper(request: StaffRequest, pk: int) -> HttpResponse:
    """The authorized body records a party's answer received on paper, with the letter's reference."""
    if not request.user.has_perm("planning.compile_draft"):
        raise Http404
    agreement = get_object_or_404(
        ItemAgreement.objects.select_related(
            "organisation", "item__version__period", "item__position", "item__region", "item__organisation"
        ),
        pk=pk,
        item__version__number__isnull=True,
    )
    period = agreement.item.version.period
    form = PaperAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_paper_answer(actor=request.user, agreement=agreement, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The answer received on paper is recorded."), extra_tags=message_at("items"))
            url = reverse("office:schedule_draft", kwargs={"period_id": period.pk})
            return redirect(f"{url}?region={agreement.item.region.kato}#items-title")
    return render(
        request, "office/schedule/paper_answer.html", {"period": period, "agreement": agreement, "form": form}
    )
