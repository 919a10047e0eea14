"""A citizen books a time at the personal reception of a visit, and cancels it (R16).

The meeting page shows the free times and the form (`reception_panel`); the form posts here. A refused
booking comes back on this module's own page with every field as typed and the reason next to it, landing on
the error summary (#reception-result, the fragment the form's action names); a booking made shows its
confirmation code once, on a page only the booker's session opens, landing on the confirmation. No page here
shows anyone's personal data (S4): the confirmation shows the code, the time and the place.

Attempts to book or cancel are counted per network address in the cache, so nobody can try IINs or
codes by the thousand. The limit is generous: whole villages share one mobile network address.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.core.rate_limit import count_attempt
from kezdesu.core.templatetags.layout import message_at
from kezdesu.meetings.domain.queries.visits import public_visit_page
from kezdesu.meetings.domain.reception import book_slot, cancel_booking
from kezdesu.meetings.interfaces.reception_forms import BookingForm, CancelForm, show_domain_error
from kezdesu.meetings.interfaces.voter_keys import client_address
from kezdesu.meetings.models import Booking, Visit

ATTEMPTS_PER_WINDOW = 20
WINDOW_SECONDS = 600
SESSION_KEY = "reception_booked"
RECEPTION_RESULT = "reception-result"  # the id of the error summary and of the confirmation
CANCEL_RESULT = "cancel-result"


def _public_visit(pk: int) -> Visit:
    visit = public_visit_page(pk)
    if visit is None:
        raise Http404
    return visit


def too_many_attempts(request: HttpRequest, action: str) -> bool:
    """Count one attempt from the request's address; True once the window's allowance is spent."""
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return count_attempt(f"reception:{action}:{address}", window=WINDOW_SECONDS) > ATTEMPTS_PER_WINDOW


def _too_many_message() -> str:
    return _("Too many attempts from your connection. Please wait ten minutes and try again.")


def reception_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The visit's reception on a page of its own: the free times and the booking form."""
    visit = _public_visit(pk)
    return render(request, "portal/visit/reception.html", {"visit": visit})


def reception_book(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _public_visit(pk)
    if request.method != "POST":
        return redirect("portal:visit_reception", pk=visit.pk)
    form = BookingForm(request.POST, visit=visit)
    status = 200
    if too_many_attempts(request, "book"):
        form.is_valid()  # the typed values stay in the form
        form.add_error(None, _too_many_message())
        status = 429
    elif form.is_valid():
        data = form.cleaned_data
        try:
            booking = book_slot(
                slot=data["slot"],
                full_name=data["full_name"],
                iin=data["iin"],
                phone=data["phone"],
                topic=data["topic"],
                consent=data["consent"],
                actor=request.user if request.user.is_authenticated else None,
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            request.session[SESSION_KEY] = booking.pk
            booked = reverse("portal:visit_reception_booked", kwargs={"pk": visit.pk})
            return HttpResponseRedirect(f"{booked}#{RECEPTION_RESULT}")
    return render(request, "portal/visit/reception.html", {"visit": visit, "reception_form": form}, status=status)


def reception_booked(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation: the code to keep. Only the session that booked opens it."""
    visit = _public_visit(pk)
    booking = (
        Booking.objects.filter(pk=request.session.get(SESSION_KEY) or 0, slot__part__visit=visit)
        .select_related("slot", "slot__position", "slot__part")
        .first()
    )
    if booking is None:
        return redirect("portal:visit_reception", pk=visit.pk)
    return render(request, "portal/visit/reception_booked.html", {"visit": visit, "booking": booking})


def reception_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _public_visit(pk)
    form = CancelForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if too_many_attempts(request, "cancel"):
            form.is_valid()
            form.add_error(None, _too_many_message())
            status = 429
        elif form.is_valid():
            try:
                booking = cancel_booking(code=form.cleaned_data["code"], iin=form.cleaned_data["iin"], visit=visit)
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                if request.session.get(SESSION_KEY) == booking.pk:
                    del request.session[SESSION_KEY]
                messages.success(
                    request,
                    _("Your booking is cancelled. The time is free for others."),
                    extra_tags=message_at(RECEPTION_RESULT),
                )
                reception = reverse("portal:visit_reception", kwargs={"pk": visit.pk})
                return HttpResponseRedirect(f"{reception}#{RECEPTION_RESULT}")
    return render(request, "portal/visit/reception_cancel.html", {"visit": visit, "form": form}, status=status)


urlpatterns = [
    path("<int:pk>/reception/", reception_page, name="visit_reception"),
    path("<int:pk>/reception/book/", reception_book, name="visit_reception_book"),
    path("<int:pk>/reception/booked/", reception_booked, name="visit_reception_booked"),
    path("<int:pk>/reception/cancel/", reception_cancel, name="visit_reception_cancel"),
]
