"""Personal reception of a visit (R16) in the API.

Public, for announced visits: the slots with whether each is free (no personal data, S4), booking a
slot (the answer carries the confirmation code) and cancelling with the code and the IIN. Staff: the
bookings with the citizens' personal data, for holders of "meetings.view_personal_data" on the visit,
each answer logged in the audit trail. Every endpoint is throttled per network address; the booking
and cancelling ones tightly, so nobody can try IINs or codes by the thousand.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import URLPattern, URLResolver, path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.reception import (
    BookedSerializer,
    BookSerializer,
    CancelledSerializer,
    CancelSerializer,
    PublicSlotSerializer,
    StaffBookingSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.reception import slots_of_visit
from kezdesu.meetings.domain.queries.visits import public_visit_page
from kezdesu.meetings.domain.reception import book_slot, bookings_with_personal_data, cancel_booking
from kezdesu.meetings.models import Booking, ReceptionSlot, Visit

REFUSALS = {400: ErrorSerializer, 404: ErrorSerializer, 429: ErrorSerializer}
VISIT_PARAMETER = OpenApiParameter("pk", int, OpenApiParameter.PATH, description="The visit's id.")


class ReceptionReadThrottle(SimpleRateThrottle):
    """Reading the slots: plenty for a page or an integration polling it."""

    scope = "reception_read"
    rate = "120/min"

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ReceptionWriteThrottle(ReceptionReadThrottle):
    """Booking and cancelling, signed in or not: what a family or a reception desk needs, no more."""

    scope = "reception_write"
    rate = "30/hour"


def _public_visit(pk: int) -> Visit:
    visit = public_visit_page(pk)
    if visit is None:
        raise Http404
    return visit


class SlotsView(ApiViewMixin, generics.GenericAPIView[ReceptionSlot]):
    read_permission = None
    queryset = ReceptionSlot.objects.none()  # for the schema; `get` reads the visit's slots
    serializer_class = PublicSlotSerializer
    throttle_classes = [ReceptionReadThrottle]

    @extend_schema(
        summary="List the reception slots of a visit",
        description=(
            "The times at which the visit's officials receive citizens in person, by time, each with the "
            "official and whether it is still free. No personal data: who booked a slot is never shown. "
            "Public for announced and held visits; others answer 404. Throttled per network address (429)."
        ),
        parameters=[VISIT_PARAMETER, LANG_PARAMETER],
        responses={200: PublicSlotSerializer(many=True), 404: ErrorSerializer, 429: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        slots: QuerySet[ReceptionSlot] = slots_of_visit(_public_visit(pk))
        return Response(PublicSlotSerializer(slots, many=True).data)


class BookingsView(ApiViewMixin, generics.GenericAPIView[Booking]):
    # GET is for staff, checked on the visit below; POST is the citizen's booking, open to anyone.
    read_permission = "meetings.view_personal_data"
    permission_per_object = True
    write_permission = None
    queryset = Booking.objects.none()  # for the schema; `get` reads through the logged domain function
    serializer_class = StaffBookingSerializer

    def get_throttles(self) -> list[BaseThrottle]:
        if self.request.method == "POST":
            return [ReceptionWriteThrottle()]
        return [ReceptionReadThrottle()]

    @extend_schema(
        summary="List the bookings of a visit's reception, with personal data",
        description=(
            'Needs "meetings.view_personal_data" on the visit: the editors and approvers of the visiting '
            "ministry and of the region's akimat (403 for other staff who read the visit, 404 for those who "
            "do not). Every booking, active and cancelled, with the citizen's name, IIN, phone and topic. "
            "Each answer is written to the audit trail with the codes of the bookings shown (S4)."
        ),
        parameters=[VISIT_PARAMETER, LANG_PARAMETER],
        responses={200: StaffBookingSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        user = acting_user(request)
        visit = visit_for(user, pk)
        if not user.has_perm("meetings.view_personal_data", visit):
            raise PermissionDenied
        bookings = bookings_with_personal_data(actor=user, visit=visit)
        return Response(StaffBookingSerializer(bookings, many=True).data)

    @extend_schema(
        summary="Book a reception slot",
        description=(
            "A citizen books a free slot of an announced visit's reception: full name, IIN (12 digits; the "
            "date of birth, the century digit and the check digit are checked), phone (+7 and ten digits), "
            "topic, and consent to the processing of personal data. One active booking per IIN per visit; "
            "booking closes when the reception starts. The answer (201) carries the confirmation code: with "
            "it and the IIN the booking is cancelled. A refusal answers 400 with the reason in the request's "
            'language and a stable `code` (e.g. "iin_checksum", "slot_taken", "already_booked"). Throttled '
            "per network address (429)."
        ),
        parameters=[VISIT_PARAMETER, LANG_PARAMETER],
        request=BookSerializer,
        responses={201: BookedSerializer, **REFUSALS},
    )
    def post(self, request: Request, pk: int) -> Response:
        visit = _public_visit(pk)
        body = BookSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(body.validated_data)
        slot = generics.get_object_or_404(
            ReceptionSlot.objects.select_related("part__visit", "position"), pk=data.pop("slot"), part__visit=visit
        )
        booking = book_slot(slot=slot, actor=request.user if request.user.is_authenticated else None, **data)
        shown = slots_of_visit(visit).get(pk=slot.pk)
        return Response(BookedSerializer({"code": booking.code, "slot": shown}).data, status=status.HTTP_201_CREATED)


class CancelView(ApiViewMixin, generics.GenericAPIView[Booking]):
    write_permission = None
    queryset = Booking.objects.none()  # for the schema
    serializer_class = CancelSerializer
    throttle_classes = [ReceptionWriteThrottle]

    @extend_schema(
        summary="Cancel a reception booking",
        description=(
            "The citizen cancels a booking of this visit with the confirmation code and the IIN given when "
            "booking; both must match (otherwise 400, saying nothing about which was wrong). Until the slot "
            "starts; the slot becomes free for others. Throttled per network address (429)."
        ),
        parameters=[VISIT_PARAMETER, LANG_PARAMETER],
        request=CancelSerializer,
        responses={200: CancelledSerializer, **REFUSALS},
    )
    def post(self, request: Request, pk: int) -> Response:
        visit = _public_visit(pk)
        body = CancelSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        booking = cancel_booking(visit=visit, **body.validated_data)
        return Response(CancelledSerializer({"code": booking.code, "status": booking.status}).data)


urlpatterns: list[URLPattern | URLResolver] = [
    path("visits/<int:pk>/reception/slots/", SlotsView.as_view(), name="visit-reception-slots"),
    path("visits/<int:pk>/reception/bookings/", BookingsView.as_view(), name="visit-reception-bookings"),
    path("visits/<int:pk>/reception/cancel/", CancelView.as_view(), name="visit-reception-cancel"),
]
