"""Personal reception demo data (R16), entered through the meetings domain so the audit trail is real.

For each of the demo's announced visits whose reception is still ahead and has its times: slots of
15 minutes with the visiting official and, where the reference data has them, a deputy of the ministry
and the region's akim, offered two days ago. On the next working day's visit a few bookings since yesterday:
two made online, one made by the organiser for a citizen who phoned, one cancelled by the citizen. The
organiser is the ministry's demo editor, else the hosting akimat's, else the demo's administrator.

No real person is in it: the names carry the demo marker, and the IINs are built with a valid check
digit from birth dates and serials chosen for the demo (serials 0001 onwards of 1 January dates).
A visit whose reception already has slots is left alone, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from kezdesu.demo.accounts import DEMO_MARKER, demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import LIVE, VOTE_FIXED, VOTE_OPEN
from kezdesu.demo.texts import T, in_language
from kezdesu.demo.visits import DEMO_MINISTRIES
from kezdesu.meetings.domain.iin import check_digit
from kezdesu.meetings.domain.reception import book_on_behalf, book_slot, cancel_booking, create_slots
from kezdesu.meetings.models import Booking, ReceptionSlot, Visit, VisitPart
from kezdesu.organisations.models import Position, Role, User
from kezdesu.planning.domain.queries.schedule import akimat_of_region

SLOT_MINUTES = 15
ADMIN = "admin"
# (first name, year of birth, female, topic in the citizen's own words): the demo's fictional citizens.
CITIZENS = (
    ("Aidos", 1968, False, "Ауыл мектебіне баратын жолды жөндеу."),
    ("Gulnar", 1975, True, "Место в детском саду для дочери."),
    ("Marat", 1990, False, "Біздің көшені газ желісіне қосу."),
    ("Saltanat", 1983, True, "Компенсация за землю, изъятую под новую объездную дорогу."),
)
ON_BEHALF: T = (
    "Азамат әкімдіктің қабылдау бөлмесіне телефон соқты.",
    "Гражданин позвонил в приёмную акимата.",
    "The citizen phoned the akimat's reception desk.",
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
def add_reception_demo(clock: DemoClock, visits: dict[str, Visit]) -> int:
    """Offer reception slots on the demo's announced visits still ahead and book a few on the next working day's;
    returns the number of slots made."""
    made = 0
    for key in (LIVE, VOTE_OPEN, VOTE_FIXED):
        visit = visits[key]
        part = visit.parts.filter(kind=VisitPart.Kind.RECEPTION).first()
        if visit.status != Visit.Status.PUBLISHED or part is None or part.starts_at is None or part.ends_at is None:
            continue
        if part.starts_at <= clock.now or ReceptionSlot.objects.filter(part=part).exists():
            continue
        editor = _organiser(visit)
        slots: list[ReceptionSlot] = []
        with clock.at(clock.now - datetime.timedelta(days=2)):
            for position in _receiving(visit):
                slots += create_slots(
                    actor=editor,
                    part=part,
                    position=position,
                    start=part.starts_at,
                    end=part.ends_at,
                    minutes=SLOT_MINUTES,
                )
        made += len(slots)
        if key == VOTE_OPEN:
            _book_citizens(clock, visit, slots, editor)
    return made


def _book_citizens(clock: DemoClock, visit: Visit, slots: list[ReceptionSlot], editor: User) -> None:
    chosen = [slots[1], slots[4], slots[6], slots[9]] if len(slots) >= 10 else slots[:4]
    bookings: list[Booking] = []
    for (name, year, female, topic), slot in zip(CITIZENS, chosen, strict=False):
        details = {
            "full_name": f"{name} {DEMO_MARKER}-Citizen",
            "iin": demo_iin(year, female=female),
            "phone": f"+7 700 000 00 {len(bookings) + 1:02d}",
            "topic": topic,
        }
        with clock.at(clock.now - datetime.timedelta(hours=30 - 6 * len(bookings))):
            if len(bookings) == 2:
                reason = in_language(ON_BEHALF, editor.language)
                bookings.append(book_on_behalf(actor=editor, slot=slot, reason=reason, **details))
            else:
                bookings.append(book_slot(slot=slot, consent=True, **details))
    if len(bookings) == len(CITIZENS):
        with clock.at(clock.now - datetime.timedelta(hours=2)):
            cancel_booking(code=bookings[3].code, iin=bookings[3].iin, visit=visit)
