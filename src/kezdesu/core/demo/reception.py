"""Personal reception demo data (R16), entered through the meetings domain so the audit trail is real.

For each of the demo's announced visits whose reception is still ahead and has its times: slots of
15 minutes with the visiting official and, where the reference data has them, a deputy of the ministry
and the region's akim. On the first such visit a few bookings:
two made online, one made by the organiser for a citizen who phoned, one cancelled by the citizen. The
organiser is the ministry's demo editor, else the hosting akimat's, else the demo's administrator.

No real person is in it: the names carry the demo marker, and the IINs are built with a valid check
digit from birth dates and serials chosen for the demo (serials 0001 onwards of 1 January dates).
A visit whose reception already has slots is left alone, so running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from kezdesu.core.demo.accounts import DEMO_MARKER, demo_account
from kezdesu.core.demo.visits import DEMO_MINISTRIES
from kezdesu.meetings.domain.iin import check_digit
from kezdesu.meetings.domain.reception import book_on_behalf, book_slot, cancel_booking, create_slots
from kezdesu.meetings.models import Booking, ReceptionSlot, Visit, VisitPart
from kezdesu.organisations.models import Position, Role, User
from kezdesu.planning.domain.queries.schedule import akimat_of_region

SLOT_MINUTES = 15
ADMIN = "admin"
# (first name, year of birth, female, topic): the demo's fictional citizens.
CITIZENS = (
    ("Aidos", 1968, False, "Repair of the road to the village school."),
    ("Gulnar", 1975, True, "A place in a kindergarten for my daughter."),
    ("Marat", 1990, False, "Connecting our street to the gas network."),
    ("Saltanat", 1983, True, "Compensation for land taken for the new bypass."),
)


def demo_iin(year: int, *, female: bool) -> str:
    """A fictional IIN born on 1 January of `year`, with the first serial whose check digit exists."""
    century_digit = {1800: 1, 1900: 3, 2000: 5}[year // 100 * 100] + (1 if female else 0)
    for serial in range(1, 10000):
        first_eleven = f"{year % 100:02d}0101{century_digit}{serial:04d}"
        digit = check_digit(first_eleven)
        if digit is not None:
            return f"{first_eleven}{digit}"
    raise ValueError("no serial left")


def _receiving(visit: Visit) -> list[Position]:
    """The visiting official, a deputy of the ministry and the region's akim, as far as they exist."""
    officials = [visit.position]
    deputy = (
        Position.objects.filter(
            organisation=visit.organisation,
            is_active=True,
            level__in=(Position.Level.FIRST_DEPUTY, Position.Level.DEPUTY),
        )
        .exclude(pk=visit.position_id)
        .order_by("order", "pk")
        .first()
    )
    akimat = akimat_of_region(visit.region)
    akim = akimat.positions.filter(is_active=True).order_by("order", "pk").first() if akimat else None
    officials += [position for position in (deputy, akim) if position is not None]
    return officials


def _organiser(visit: Visit) -> User:
    """Who offers the times: the ministry's demo editor, else the hosting akimat's, else the demo's administrator."""
    if visit.organisation.code in DEMO_MINISTRIES:
        return demo_account(f"{visit.organisation.code}.editor")
    akimat = akimat_of_region(visit.region)
    host = User.objects.filter(is_demo=True, memberships__organisation=akimat, memberships__role=Role.EDITOR).first()
    return host or demo_account(ADMIN)


@transaction.atomic
def add_reception_demo(visits: Iterable[Visit]) -> int:
    """Offer reception slots on the demo's coming visits and book a few; returns the number of slots made."""
    made = 0
    booked_one = False
    now = timezone.now()
    for visit in visits:
        if visit.status != Visit.Status.PUBLISHED:
            continue
        part = visit.parts.filter(kind=VisitPart.Kind.RECEPTION).first()
        if part is None or part.starts_at is None or part.ends_at is None or part.starts_at <= now:
            continue
        if ReceptionSlot.objects.filter(part=part).exists():
            booked_one = True  # an earlier run booked its citizens on the first visit
            continue
        editor = _organiser(visit)
        slots: list[ReceptionSlot] = []
        for position in _receiving(visit):
            slots += create_slots(
                actor=editor, part=part, position=position, start=part.starts_at, end=part.ends_at, minutes=SLOT_MINUTES
            )
        made += len(slots)
        if not booked_one:
            _book_citizens(visit, slots, editor)
            booked_one = True
    return made


def _book_citizens(visit: Visit, slots: list[ReceptionSlot], editor: User) -> None:
    chosen = [slots[1], slots[4], slots[6], slots[9]] if len(slots) >= 10 else slots[:4]
    bookings: list[Booking] = []
    for (name, year, female, topic), slot in zip(CITIZENS, chosen, strict=False):
        details = {
            "full_name": f"{name} {DEMO_MARKER}-Citizen",
            "iin": demo_iin(year, female=female),
            "phone": f"+7 700 000 00 {len(bookings) + 1:02d}",
            "topic": topic,
        }
        if len(bookings) == 2:
            bookings.append(
                book_on_behalf(actor=editor, slot=slot, reason="Phoned the akimat's reception desk (demo).", **details)
            )
        else:
            bookings.append(book_slot(slot=slot, consent=True, **details))
    if len(bookings) == len(CITIZENS):
        cancel_booking(code=bookings[3].code, iin=bookings[3].iin, visit=visit)
