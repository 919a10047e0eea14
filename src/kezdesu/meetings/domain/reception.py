"""Personal reception of citizens (R16): officials' time slots, citizens' bookings, and who sees them (S4).

A slot is never given twice. Booking locks the slot's row (`select_for_update`), so concurrent attempts
on PostgreSQL queue and each later one sees the booking already made; the partial unique constraint
`one_booking_per_slot` is the last guard, and its IntegrityError becomes the same clear refusal.

Personal data (name, IIN, phone, topic) stays in the booking: audit rows name the booking by its id and
confirmation code only, and every read of the data by staff goes through `bookings_with_personal_data`,
which writes an audit row each time.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.domain.iin import validate_iin
from kezdesu.meetings.domain.phone import normalise_phone
from kezdesu.meetings.domain.queries.reception import bookings_of_visit
from kezdesu.meetings.models import Booking, ReceptionSlot, Visit, VisitPart
from kezdesu.organisations.models import Organisation, Position
from kezdesu.planning.domain.queries.schedule import akimat_of_region

# Letters and digits no one confuses when reading a code aloud or from paper: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
SLOT_MINUTES = (5, 120)
FULL_NAME_MAX = 300
TOPIC_MAX = 2000
REASON_MAX = 1000


# Slots -------------------------------------------------------------------------------------------


def receiving_organisations(visit: Visit) -> list[Organisation]:
    """Whose officials may receive citizens: the visiting ministry, its committees and the region's akimat."""
    organisations = [visit.organisation, *visit.organisation.children.filter(is_active=True)]
    akimat = akimat_of_region(visit.region)
    if akimat is not None:
        organisations.append(akimat)
    return organisations


def receiving_positions(visit: Visit) -> list[Position]:
    return list(
        Position.objects.filter(organisation__in=receiving_organisations(visit), is_active=True)
        .select_related("organisation")
        .order_by("organisation__kind", "organisation_id", "order", "code")
    )


def _check_manages(actor: Any, visit: Visit) -> None:
    if actor is None or not actor.has_perm("meetings.manage_reception", visit):
        raise NotPermitted(_("You may not manage the personal reception of this visit."))


def _check_reception_part(part: VisitPart) -> None:
    if part.kind != VisitPart.Kind.RECEPTION:
        raise DomainError(_("Slots belong to the personal reception of citizens."), code="not_reception")
    if part.starts_at is None or part.ends_at is None:
        raise DomainError(_("Set the reception's start and end times first."), code="reception_times")
    if part.visit.status in (Visit.Status.CANCELLED, Visit.Status.HELD):
        raise DomainError(_("The visit is cancelled or already held."), code="visit_closed")


@transaction.atomic
def create_slots(
    *,
    actor: Any,
    part: VisitPart,
    position: Position,
    start: datetime.datetime,
    end: datetime.datetime,
    minutes: int,
) -> list[ReceptionSlot]:
    """Slots of `minutes` one after another from `start`, as many as fit before `end`."""
    visit = part.visit
    _check_manages(actor, visit)
    _check_reception_part(part)
    assert part.starts_at is not None
    assert part.ends_at is not None
    if position.organisation_id not in {organisation.pk for organisation in receiving_organisations(visit)}:
        raise DomainError(
            _("The official must be of the visiting ministry, one of its committees or the region's akimat."),
            code="position",
        )
    if not SLOT_MINUTES[0] <= minutes <= SLOT_MINUTES[1]:
        raise DomainError(
            _("A slot lasts from %(low)s to %(high)s minutes.") % {"low": SLOT_MINUTES[0], "high": SLOT_MINUTES[1]},
            code="minutes",
        )
    if start < part.starts_at or end > part.ends_at:
        raise DomainError(
            _("Slots must lie within the reception's times, %(start)s to %(end)s.")
            % {
                "start": time_format(timezone.localtime(part.starts_at), "H:i"),
                "end": time_format(timezone.localtime(part.ends_at), "H:i"),
            },
            code="outside_reception",
        )
    step = datetime.timedelta(minutes=minutes)
    windows = []
    at = start
    while at + step <= end:
        windows.append((at, at + step))
        at += step
    if not windows:
        raise DomainError(_("No slot of this length fits between these times."), code="no_slot")
    overlapping = ReceptionSlot.objects.filter(
        part=part, position=position, starts_at__lt=windows[-1][1], ends_at__gt=windows[0][0]
    )
    if overlapping.exists():
        raise DomainError(_("This official already has slots at these times. Choose other times."), code="slot_overlap")
    slots = ReceptionSlot.objects.bulk_create(
        [ReceptionSlot(part=part, position=position, starts_at=begin, ends_at=finish) for begin, finish in windows]
    )
    record_audit(
        actor=actor,
        action="meetings.reception.create_slots",
        target=part,
        organisation=visit.organisation,
        new={
            "position": position.pk,
            "slots": [slot.pk for slot in slots],
            "from": windows[0][0].isoformat(),
            "to": windows[-1][1].isoformat(),
        },
    )
    return slots


@transaction.atomic
def remove_slot(*, actor: Any, slot: ReceptionSlot) -> None:
    """Remove a slot nobody holds. Cancelled bookings of it go with it: nobody needs their data any more."""
    _check_manages(actor, slot.part.visit)
    locked = ReceptionSlot.objects.select_for_update().get(pk=slot.pk)
    bookings = Booking.objects.filter(slot=locked)
    if bookings.filter(status=Booking.Status.BOOKED).exists():
        raise DomainError(
            _("A citizen has booked this slot. Cancel the booking, with its reason, before removing the slot."),
            code="slot_booked",
        )
    cancelled = sorted(bookings.values_list("code", flat=True))
    record_audit(
        actor=actor,
        action="meetings.reception.remove_slot",
        target=slot.part,
        organisation=slot.part.visit.organisation,
        old={
            "slot": locked.pk,
            "position": locked.position_id,
            "starts_at": locked.starts_at.isoformat(),
            "cancelled_bookings": cancelled,
        },
    )
    bookings.delete()
    locked.delete()


# Bookings ----------------------------------------------------------------------------------------


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))
        if not Booking.objects.filter(code=code).exists():
            return code


def clean_code(value: str) -> str:
    """A code as the citizen typed it: any case, with spaces or a dash in the middle."""
    return "".join(value.split()).replace("-", "").upper()


def _clean_text(value: str, *, limit: int, missing: str, too_long: str, code: str, one_line: bool = False) -> str:
    text = " ".join(value.split()) if one_line else value.strip()
    if not text:
        raise DomainError(missing, code=code)
    if len(text) > limit:
        raise DomainError(too_long % {"limit": limit}, code=code)
    return text


def _slot_taken() -> DomainError:
    return DomainError(_("This time was just taken by someone else. Choose another time."), code="slot_taken")


def _lock_citizen(visit: Visit, iin: str) -> None:
    """Queue concurrent bookings of one IIN for one visit, so the one-booking rule holds under races.

    SQLite lets one writer in at a time, so only PostgreSQL needs the lock; it ends with the transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [visit.pk, iin])


def _book(
    *,
    actor: Any,
    slot: ReceptionSlot,
    full_name: str,
    iin: str,
    phone: str,
    topic: str,
    closes_at: datetime.datetime,
    booked_by: Any = None,
    reason: str = "",
) -> Booking:
    full_name = _clean_text(
        full_name,
        limit=FULL_NAME_MAX,
        missing=_("Give your full name."),
        too_long=_("The full name may have at most %(limit)s characters."),
        code="full_name",
        one_line=True,
    )
    iin = validate_iin(iin)
    phone = normalise_phone(phone)
    topic = _clean_text(
        topic,
        limit=TOPIC_MAX,
        missing=_("Say briefly what you want to raise."),
        too_long=_("The topic may have at most %(limit)s characters."),
        code="topic",
    )
    visit = slot.part.visit
    if timezone.now() >= closes_at:
        raise DomainError(_("Booking for this time has closed."), code="booking_closed")
    _lock_citizen(visit, iin)
    # Only the slot's row: locking the part or the visit too would queue every booking of the visit.
    locked = ReceptionSlot.objects.select_for_update(of=("self",)).get(pk=slot.pk)
    if Booking.objects.filter(slot=locked, status=Booking.Status.BOOKED).exists():
        raise _slot_taken()
    if Booking.objects.filter(slot__part__visit=visit, iin=iin, status=Booking.Status.BOOKED).exists():
        raise DomainError(
            _(
                "This IIN already has a booking for this visit. One person books one time: "
                "cancel that booking first to choose another."
            ),
            code="already_booked",
        )
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                slot=locked,
                full_name=full_name,
                iin=iin,
                phone=phone,
                topic=topic,
                code=new_code(),
                booked_by=booked_by,
                on_behalf_reason=reason,
            )
    except IntegrityError:
        raise _slot_taken() from None
    record_audit(
        actor=actor,
        action="meetings.booking.create",
        target=booking,
        organisation=visit.organisation,
        new={"booking": booking.pk, "code": booking.code, "slot": locked.pk, "on_behalf": booked_by is not None},
    )
    return booking


def _check_open_for_citizens(slot: ReceptionSlot) -> datetime.datetime:
    part = slot.part
    if part.kind != VisitPart.Kind.RECEPTION or part.visit.status != Visit.Status.PUBLISHED:
        raise DomainError(_("This reception is not open for booking."), code="not_open")
    assert part.starts_at is not None  # a reception with slots has its times
    return part.starts_at


@transaction.atomic
def book_slot(
    *,
    slot: ReceptionSlot,
    full_name: str,
    iin: str,
    phone: str,
    topic: str,
    consent: bool,
    actor: Any = None,
) -> Booking:
    """A citizen books a slot (`actor` is None for anyone not signed in). Booking closes when the reception starts."""
    closes_at = _check_open_for_citizens(slot)
    if not consent:
        raise DomainError(
            _("Agree to the processing of your personal data: without it the reception cannot be booked."),
            code="consent",
        )
    return _book(actor=actor, slot=slot, full_name=full_name, iin=iin, phone=phone, topic=topic, closes_at=closes_at)


@transaction.atomic
def book_on_behalf(
    *,
    actor: Any,
    slot: ReceptionSlot,
    full_name: str,
    iin: str,
    phone: str,
    topic: str,
    reason: str,
) -> Booking:
    """Staff book for a citizen who came in or phoned; the reason is recorded. Open until the slot ends."""
    visit = slot.part.visit
    _check_manages(actor, visit)
    if visit.status in (Visit.Status.CANCELLED, Visit.Status.HELD, Visit.Status.DRAFT):
        raise DomainError(_("This reception is not open for booking."), code="not_open")
    reason = _clean_text(
        reason,
        limit=REASON_MAX,
        missing=_("Say why you book on the citizen's behalf (for example, a phone call or a visit in person)."),
        too_long=_("The reason may have at most %(limit)s characters."),
        code="reason",
    )
    return _book(
        actor=actor,
        slot=slot,
        full_name=full_name,
        iin=iin,
        phone=phone,
        topic=topic,
        closes_at=slot.ends_at,
        booked_by=actor,
        reason=reason,
    )


def _cancel(booking: Booking) -> None:
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])


@transaction.atomic
def cancel_booking(*, code: str, iin: str, visit: Visit | None = None) -> Booking:
    """The citizen cancels with the confirmation code and the IIN; both must match, until the slot starts.

    With `visit`, only a booking for that visit (the page the citizen is on) is found."""
    bookings = Booking.objects.select_for_update(of=("self",)).select_related("slot", "slot__part", "slot__part__visit")
    if visit is not None:
        bookings = bookings.filter(slot__part__visit=visit)
    booking = bookings.filter(code=clean_code(code), iin=iin.strip()).first()
    if booking is None:
        # The same answer whether the code exists or not: the form reveals nothing about other bookings.
        raise DomainError(_("No booking has this code and IIN. Check both and try again."), code="booking_not_found")
    if booking.status != Booking.Status.BOOKED:
        raise DomainError(_("This booking is already cancelled."), code="already_cancelled")
    if timezone.now() >= booking.slot.starts_at:
        raise DomainError(_("The time of this booking has begun: it can no longer be cancelled."), code="started")
    _cancel(booking)
    record_audit(
        actor=None,
        action="meetings.booking.cancel",
        target=booking,
        organisation=booking.slot.part.visit.organisation,
        old={"status": Booking.Status.BOOKED},
        new={"booking": booking.pk, "code": booking.code, "status": Booking.Status.CANCELLED, "by": "citizen"},
    )
    return booking


@transaction.atomic
def cancel_booking_by_staff(*, actor: Any, booking: Booking, reason: str) -> Booking:
    """Staff cancel a booking (the citizen asked by phone, the official cannot receive), with the reason."""
    visit = booking.slot.part.visit
    _check_manages(actor, visit)
    reason = _clean_text(
        reason,
        limit=REASON_MAX,
        missing=_("Say why the booking is cancelled."),
        too_long=_("The reason may have at most %(limit)s characters."),
        code="reason",
    )
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status != Booking.Status.BOOKED:
        raise DomainError(_("This booking is already cancelled."), code="already_cancelled")
    _cancel(locked)
    # The booking has no field for it, so the reason lives here; staff write it, not the citizen's data.
    record_audit(
        actor=actor,
        action="meetings.booking.cancel",
        target=locked,
        organisation=visit.organisation,
        old={"status": Booking.Status.BOOKED},
        new={"booking": locked.pk, "code": locked.code, "status": Booking.Status.CANCELLED, "reason": reason},
    )
    return locked


# Personal data -----------------------------------------------------------------------------------


@transaction.atomic
def bookings_with_personal_data(
    *, actor: Any, visit: Visit, day: datetime.date | None = None, active_only: bool = False
) -> list[Booking]:
    """The bookings with the citizens' names, IINs, phones and topics, for staff allowed to see them (S4).

    Every call writes an audit row naming the bookings shown, by code.
    """
    if actor is None or not actor.has_perm("meetings.view_personal_data", visit):
        raise NotPermitted(_("You may not see the personal data of citizens booked for this reception."))
    bookings = bookings_of_visit(visit)
    if active_only:
        bookings = bookings.filter(status=Booking.Status.BOOKED)
    if day is not None:
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        bookings = bookings.filter(slot__starts_at__gte=start, slot__starts_at__lt=start + datetime.timedelta(days=1))
    shown = list(bookings)
    record_audit(
        actor=actor,
        action="meetings.booking.view_personal_data",
        target=visit,
        organisation=visit.organisation,
        new={"codes": [booking.code for booking in shown], "day": day.isoformat() if day else None},
    )
    return shown
