"""Personal reception (R16): fictional IINs with a correct check digit, slots and bookings.

`make_iin` builds an IIN the way the registry does: the birth date, the century-and-sex digit, a serial
and the check digit; serials whose check digit cannot exist are skipped. No IIN here belongs to anyone
known: the names that go with them are obviously fictional.
"""

import datetime
from collections.abc import Iterator

from kezdesu.meetings.domain.iin import check_digit
from kezdesu.meetings.models import Booking, ReceptionSlot
from kezdesu.organisations.models import Position
from tests.factories.meetings import VisitWorld, at

CENTURY_DIGITS = {1800: (1, 2), 1900: (3, 4), 2000: (5, 6)}


def make_iin(born: datetime.date = datetime.date(1990, 5, 17), *, female: bool = False, serial: int = 1) -> str:
    """The first valid IIN for `born` and the sex from `serial` on."""
    century_digit = CENTURY_DIGITS[born.year // 100 * 100][1 if female else 0]
    for number in range(serial, 10000):
        first_eleven = f"{born:%y%m%d}{century_digit}{number:04d}"
        digit = check_digit(first_eleven)
        if digit is not None:
            return f"{first_eleven}{digit}"
    raise ValueError("no serial left")


def iins(count: int, born: datetime.date = datetime.date(1985, 1, 1)) -> Iterator[str]:
    """`count` different valid IINs."""
    serial = 1
    for _ in range(count):
        iin = make_iin(born, serial=serial)
        serial = int(iin[7:11]) + 1
        yield iin


def add_slots(world: VisitWorld, *, position: Position | None = None, count: int = 4, minutes: int = 15) -> list:
    """`count` slots of `minutes` from the reception's start (13:00 on the visit day)."""
    part = world.part("reception")
    start = part.starts_at
    step = datetime.timedelta(minutes=minutes)
    return [
        ReceptionSlot.objects.create(
            part=part, position=position or world.minister, starts_at=start + step * n, ends_at=start + step * (n + 1)
        )
        for n in range(count)
    ]


def add_booking(slot: ReceptionSlot, *, iin: str | None = None, code: str = "TESTCODE", **fields: str) -> Booking:
    values = {
        "full_name": "Testov Test Testovich",
        "phone": "+77010000001",
        "topic": "Road repairs in the village",
    }
    values.update(fields)
    return Booking.objects.create(slot=slot, iin=iin or make_iin(), code=code, **values)


__all__ = ["add_booking", "add_slots", "at", "iins", "make_iin"]
