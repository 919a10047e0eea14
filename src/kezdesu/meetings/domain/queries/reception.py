"""Reads of personal reception (R16) that hold no personal data: the slots and whether each is taken.

The bookings with the citizens' names, IINs and phones are read only through
`meetings.domain.reception.bookings_with_personal_data`, which checks the permission and logs the view (S4).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Exists, OuterRef, QuerySet

from kezdesu.meetings.models import Booking, ReceptionSlot, Visit, VisitPart
from kezdesu.organisations.models import Organisation, Position


def reception_part(visit: Visit) -> VisitPart | None:
    return visit.parts.filter(kind=VisitPart.Kind.RECEPTION).first()


def _active_booking() -> Exists:
    return Exists(Booking.objects.filter(slot=OuterRef("pk"), status=Booking.Status.BOOKED))


def slots_of_visit(visit: Visit) -> QuerySet[ReceptionSlot]:
    """Every slot of the visit's reception, by time then official, each with `is_taken`."""
    return (
        ReceptionSlot.objects.filter(part__visit=visit, part__kind=VisitPart.Kind.RECEPTION)
        .select_related("position", "position__organisation", "part")
        .annotate(is_taken=_active_booking())
        .order_by("starts_at", "position__organisation__kind", "position__order", "position_id")
    )


def free_slots(visit: Visit) -> QuerySet[ReceptionSlot]:
    return slots_of_visit(visit).filter(~_active_booking())


def is_taken(slot: ReceptionSlot) -> bool:
    """Whether a slot read by `slots_of_visit` has an active booking."""
    return bool(getattr(slot, "is_taken", False))


@dataclass(frozen=True)
class OfficialSlots:
    position: Position
    slots: list[ReceptionSlot]


def slots_by_official(slots: Iterable[ReceptionSlot], visit: Visit) -> list[OfficialSlots]:
    """The slots grouped per official: the visiting official first, then the ministry's, its committees'
    and the akimat's officials, each in the order of their posts."""

    def rank(slot: ReceptionSlot) -> tuple[int, int, int, int, int, datetime.datetime]:
        position = slot.position
        organisation = 0 if position.organisation_id == visit.organisation_id else 1
        kind = 0 if position.organisation.kind != Organisation.Kind.AKIMAT else 1
        lead = 0 if position.pk == visit.position_id else 1
        return (lead, kind, organisation, position.order, position.pk, slot.starts_at)

    ordered = sorted(slots, key=rank)
    return [
        OfficialSlots(position=position, slots=list(group))
        for position, group in groupby(ordered, key=lambda slot: slot.position)
    ]


def bookings_of_visit(visit: Visit) -> QuerySet[Booking]:
    """The visit's bookings with their slot and official. Callers show personal data only through
    `bookings_with_personal_data`; this query serves the pages that show codes and statuses."""
    return (
        Booking.objects.filter(slot__part__visit=visit)
        .select_related("slot", "slot__position", "booked_by")
        .order_by("slot__starts_at", "slot__position__order", "created_at")
    )
