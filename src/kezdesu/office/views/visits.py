"""The visits' back-office pages: the list, preparing a visit from the approved schedule, the visit's
overview with its parts and broadcasts, announcing and cancelling. All work without JavaScript."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.parts import PART_FIELDS, add_broadcast, remove_broadcast, update_part
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.visit_filters import filtered_visits
from kezdesu.meetings.domain.queries.visits import items_awaiting_visit, visit_page, visits_in_scope
from kezdesu.meetings.domain.visits import (
    EDITABLE,
    cancel_visit,
    create_visit,
    may_create_visit,
    publication_problems,
    publish_visit,
    update_visit,
)
from kezdesu.meetings.models import BroadcastLink, Visit, VisitPart
from kezdesu.office.forms.visits import BroadcastForm, CancelForm, PartForm, VisitFilterForm, VisitForm
from kezdesu.office.queries import visit_results_obligation
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.planning.models import ScheduleItem, ScheduleVersion

PAGE_SIZE = 50
AWAITING_SHOWN = 100  # the soonest; the rest appear as these get their visits


def visit_detail_url(visit: Visit) -> str:
    return reverse("office:visit_detail", kwargs={"pk": visit.pk})


@office_view
def visit_list(request: StaffRequest) -> HttpResponse:
    form = VisitFilterForm(request.GET)
    visits = visits_in_scope(request.user)
    # As on the audit trail, a filter with an error leaves the list unfiltered; the form says what is wrong.
    if form.is_valid():
        visits = filtered_visits(visits, **form.cleaned_data)
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    awaiting = items_awaiting_visit(request.user, today=timezone.localdate())[:AWAITING_SHOWN]
    return render(
        request,
        "office/visit/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "awaiting": awaiting},
    )


@require_POST
@office_view
def visit_prepare(request: StaffRequest, item_id: int) -> HttpResponse:
    item: ScheduleItem = get_object_or_404(
        ScheduleItem.objects.select_related("version__period", "organisation", "position", "region"),
        pk=item_id,
        version__status=ScheduleVersion.Status.APPROVED,
    )
    if not may_create_visit(request.user, item):
        raise Http404
    try:
        visit = create_visit(actor=request.user, item=item)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("office:visit_list")
    messages.success(request, _("The visit is being prepared. Give the time and place of each part."))
    return redirect("office:visit_detail", pk=visit.pk)


def _may(request: StaffRequest, visit: Visit) -> dict[str, bool]:
    open_ = visit.status in (Visit.Status.DRAFT, Visit.Status.PUBLISHED)
    may_publish = request.user.has_perm("meetings.publish_visit", visit)
    return {
        "may_edit": open_ and request.user.has_perm("meetings.edit_visit", visit),
        "may_publish": may_publish and visit.status == Visit.Status.DRAFT,
        "may_cancel": may_publish and open_,
        # Whether each part took place is recorded once the visit has begun; that closes it (R16).
        "may_close": visit.status == Visit.Status.PUBLISHED
        and timezone.localdate() >= visit.start_date
        and request.user.has_perm("meetings.record_part_outcome", visit),
    }


@office_view
def visit_detail(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    visit = visit_page(visit.pk)
    parts = list(visit.parts.all())
    may = _may(request, visit)
    return render(
        request,
        "office/visit/detail.html",
        {
            "visit": visit,
            "parts": parts,
            "broadcasts": [(part, link) for part in parts for link in part.broadcasts.all()],
            "problems": publication_problems(visit) if may["may_publish"] else [],
            "broadcast_form": BroadcastForm(visit=visit) if may["may_edit"] else None,
            "cancel_form": CancelForm() if may["may_cancel"] else None,
            "now": timezone.now(),
            "to_close": visit.status in (Visit.Status.DRAFT, Visit.Status.PUBLISHED)
            and visit.end_date < timezone.localdate(),
            "results_obligation": visit_results_obligation(user=request.user, visit=visit, today=timezone.localdate()),
            "today": timezone.localdate(),
            **may,
        },
    )


def _local(value: Any) -> Any:
    return timezone.localtime(value).replace(tzinfo=None) if value is not None else None


@office_view
def visit_edit(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "meetings.edit_visit")
    if request.method == "POST":
        form = VisitForm(request.POST)
        if form.is_valid():
            try:
                update_visit(actor=request.user, visit=visit, **{name: form.cleaned_data[name] for name in EDITABLE})
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The visit is saved."))
                return redirect("office:visit_detail", pk=visit.pk)
    else:
        initial = {name: getattr(visit, name) for name in EDITABLE}
        initial["questions_close_at"] = _local(visit.questions_close_at)
        form = VisitForm(initial=initial)
    return render(request, "office/visit/edit.html", {"visit": visit, "form": form})


@office_view
def part_edit(request: StaffRequest, pk: int, kind: str) -> HttpResponse:
    visit = visit_for(request.user, pk, "meetings.edit_visit")
    part = get_object_or_404(VisitPart, visit=visit, kind=kind)
    part.visit = visit
    if request.method == "POST":
        form = PartForm(request.POST, visit=visit)
        if form.is_valid():
            try:
                update_part(actor=request.user, part=part, **{name: form.cleaned_data[name] for name in PART_FIELDS})
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The part of the visit is saved."))
                return redirect("office:visit_detail", pk=visit.pk)
    else:
        initial: dict[str, Any] = {name: getattr(part, name) for name in PART_FIELDS if name != "akim_positions"}
        initial["starts_at"], initial["ends_at"] = _local(part.starts_at), _local(part.ends_at)
        initial["akim_positions"] = list(part.akim_positions.all())
        form = PartForm(initial=initial, visit=visit)
    return render(request, "office/visit/part_edit.html", {"visit": visit, "part": part, "form": form})


@require_POST
@office_view
def broadcast_add(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "meetings.edit_visit")
    form = BroadcastForm(request.POST, visit=visit)
    if form.is_valid():
        part = form.cleaned_data["part"]
        part.visit = visit
        try:
            add_broadcast(
                actor=request.user, part=part, account=form.cleaned_data["account"], url=form.cleaned_data["url"]
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The broadcast is added."))
    else:
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
        messages.error(request, " ".join(errors))
    return redirect(f"{visit_detail_url(visit)}#broadcasts")


@require_POST
@office_view
def broadcast_remove(request: StaffRequest, pk: int, link_id: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "meetings.edit_visit")
    link = get_object_or_404(BroadcastLink.objects.select_related("part", "account"), pk=link_id, part__visit=visit)
    link.part.visit = visit
    try:
        remove_broadcast(actor=request.user, link=link)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The broadcast is removed."))
    return redirect(f"{visit_detail_url(visit)}#broadcasts")


@require_POST
@office_view
def visit_publish(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "meetings.publish_visit")
    try:
        publish_visit(actor=request.user, visit=visit)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The visit is announced: its public page is open and the akimat is told."))
    return redirect("office:visit_detail", pk=visit.pk)


@require_POST
@office_view
def visit_cancel(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "meetings.publish_visit")
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the visit is cancelled."))
        return redirect("office:visit_detail", pk=visit.pk)
    try:
        cancel_visit(actor=request.user, visit=visit, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The visit is cancelled."))
    return redirect("office:visit_detail", pk=visit.pk)


urlpatterns = [
    path("", visit_list, name="visit_list"),
    path("prepare/<int:item_id>/", visit_prepare, name="visit_prepare"),
    path("<int:pk>/", visit_detail, name="visit_detail"),
    path("<int:pk>/edit/", visit_edit, name="visit_edit"),
    path("<int:pk>/parts/<slug:kind>/", part_edit, name="visit_part_edit"),
    path("<int:pk>/broadcasts/add/", broadcast_add, name="visit_broadcast_add"),
    path("<int:pk>/broadcasts/<int:link_id>/remove/", broadcast_remove, name="visit_broadcast_remove"),
    path("<int:pk>/publish/", visit_publish, name="visit_publish"),
    path("<int:pk>/cancel/", visit_cancel, name="visit_cancel"),
]
