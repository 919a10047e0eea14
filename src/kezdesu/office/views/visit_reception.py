"""The back office's personal reception of a visit (R16, S4): times offered, bookings, the day's list.

Everyone who reads the visit sees the slots and the bookings by code and status. The citizens' names,
IINs, phones and topics appear only for staff holding "meetings.view_personal_data", when they ask for
them, and each time they do the domain writes an audit row.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.reception import (
    bookings_of_visit,
    is_taken,
    reception_part,
    slots_by_official,
    slots_of_visit,
)
from kezdesu.meetings.domain.reception import (
    book_on_behalf,
    bookings_with_personal_data,
    cancel_booking_by_staff,
    create_slots,
    remove_slot,
)
from kezdesu.meetings.interfaces.reception_forms import show_domain_error
from kezdesu.meetings.models import Booking, ReceptionSlot, Visit
from kezdesu.office.forms.reception import OnBehalfForm, SlotsForm, StaffCancelForm
from kezdesu.office.views.access import StaffRequest, office_view


def _page_url(visit: Visit) -> str:
    return reverse("office:visit_reception", kwargs={"pk": visit.pk})


def _managed_visit(request: StaffRequest, pk: int) -> Visit:
    """The visit for a change: 404 when the user may not read it, 403 when they may not manage its reception."""
    visit = visit_for(request.user, pk)
    if not request.user.has_perm("meetings.manage_reception", visit):
        raise PermissionDenied
    return visit


def _render_page(
    request: StaffRequest,
    visit: Visit,
    *,
    slots_form: SlotsForm | None = None,
    behalf_form: OnBehalfForm | None = None,
    status: int = 200,
) -> HttpResponse:
    part = reception_part(visit)
    may_manage = request.user.has_perm("meetings.manage_reception", visit)
    may_see_personal = request.user.has_perm("meetings.view_personal_data", visit)
    show_personal = may_see_personal and request.GET.get("personal") == "1"
    bookings = (
        bookings_with_personal_data(actor=request.user, visit=visit)
        if show_personal
        else list(bookings_of_visit(visit))
    )
    slots = list(slots_of_visit(visit))
    context: dict[str, Any] = {
        "visit": visit,
        "part": part,
        "officials": slots_by_official(slots, visit),
        "slot_count": len(slots),
        "free_count": len([slot for slot in slots if not is_taken(slot)]),
        "bookings": bookings,
        "show_personal": show_personal,
        "may_manage": may_manage,
        "may_see_personal": may_see_personal,
        "days": sorted({timezone.localtime(slot.starts_at).date() for slot in slots}),
    }
    if may_manage and part is not None and part.starts_at is not None:
        context["slots_form"] = slots_form or SlotsForm(visit=visit, part=part)
        context["behalf_form"] = behalf_form or OnBehalfForm(visit=visit)
    return render(request, "office/visit/reception.html", context, status=status)


@office_view
def reception(request: StaffRequest, pk: int) -> HttpResponse:
    return _render_page(request, visit_for(request.user, pk))


@require_POST
@office_view
def slots_create(request: StaffRequest, pk: int) -> HttpResponse:
    visit = _managed_visit(request, pk)
    part = reception_part(visit)
    if part is None:
        messages.error(request, _("The visit has no personal reception."))
        return HttpResponseRedirect(_page_url(visit))
    form = SlotsForm(request.POST, visit=visit, part=part)
    if form.is_valid():
        start, end = form.slot_times()
        try:
            slots = create_slots(
                actor=request.user,
                part=part,
                position=form.cleaned_data["position"],
                start=start,
                end=end,
                minutes=form.cleaned_data["minutes"],
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Times offered: %(count)s.") % {"count": len(slots)})
            return HttpResponseRedirect(_page_url(visit))
    return _render_page(request, visit, slots_form=form, status=400)


@require_POST
@office_view
def slot_remove(request: StaffRequest, pk: int, slot_id: int) -> HttpResponse:
    visit = _managed_visit(request, pk)
    slot = get_object_or_404(ReceptionSlot.objects.select_related("part__visit"), pk=slot_id, part__visit=visit)
    try:
        remove_slot(actor=request.user, slot=slot)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The time is removed."))
    return HttpResponseRedirect(_page_url(visit))


@require_POST
@office_view
def book_for_citizen(request: StaffRequest, pk: int) -> HttpResponse:
    visit = _managed_visit(request, pk)
    form = OnBehalfForm(request.POST, visit=visit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            booking = book_on_behalf(
                actor=request.user,
                slot=data["slot"],
                full_name=data["full_name"],
                iin=data["iin"],
                phone=data["phone"],
                topic=data["topic"],
                reason=data["reason"],
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Booked. Give the citizen the confirmation code %(code)s.") % {"code": booking.code},
            )
            return HttpResponseRedirect(_page_url(visit))
    return _render_page(request, visit, behalf_form=form, status=400)


@require_POST
@office_view
def booking_cancel(request: StaffRequest, pk: int, booking_id: int) -> HttpResponse:
    visit = _managed_visit(request, pk)
    booking = get_object_or_404(
        Booking.objects.select_related("slot__part__visit"), pk=booking_id, slot__part__visit=visit
    )
    form = StaffCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for cancelling booking %(code)s.") % {"code": booking.code})
    else:
        try:
            cancel_booking_by_staff(actor=request.user, booking=booking, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Booking %(code)s is cancelled.") % {"code": booking.code})
    return HttpResponseRedirect(_page_url(visit))


@office_view
def day_list(request: StaffRequest, pk: int) -> HttpResponse:
    """The day's bookings to print for the reception desk: personal data, so the view is logged."""
    visit = visit_for(request.user, pk)
    if not request.user.has_perm("meetings.view_personal_data", visit):
        raise PermissionDenied
    try:
        day = datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        part = reception_part(visit)
        day = timezone.localtime(part.starts_at).date() if part and part.starts_at else visit.start_date
    bookings = bookings_with_personal_data(actor=request.user, visit=visit, day=day, active_only=True)
    return render(
        request,
        "office/visit/reception_print.html",
        {"visit": visit, "day": day, "bookings": bookings, "printed_at": timezone.now()},
    )


urlpatterns = [
    path("<int:pk>/reception/", reception, name="visit_reception"),
    path("<int:pk>/reception/slots/", slots_create, name="visit_reception_slots"),
    path("<int:pk>/reception/slots/<int:slot_id>/remove/", slot_remove, name="visit_reception_slot_remove"),
    path("<int:pk>/reception/book/", book_for_citizen, name="visit_reception_book"),
    path("<int:pk>/reception/bookings/<int:booking_id>/cancel/", booking_cancel, name="visit_reception_cancel"),
    path("<int:pk>/reception/print/", day_list, name="visit_reception_print"),
]
