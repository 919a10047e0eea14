"""A reception slot is never given twice, however many citizens press "Book" at once (R16).

These tests need PostgreSQL: SQLite lets one writer in at a time, so it would pass them without
proving anything about the row lock or the partial unique constraint. The CI runs them on PostgreSQL.

What "200 simultaneous attempts" means here. Every attempt is its own transaction on its own database
connection, and a PostgreSQL server usually allows 100 connections (`max_connections`), some of them
in use. So the attempts run through a pool of threads, each with its own connection, at most
`POOL_LIMIT` of them; when the server has room for all 200 the pool is 200 and there is one round.
In each round every thread waits at a `threading.Barrier` and all of them then try to book the same
slot at the same instant. The first round is the true race for a free slot (up to `POOL_LIMIT` at
once); the later rounds race for it after it has been taken, as late arrivals do. Together: 200
attempts, exactly one booking.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import connection

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.reception import book_slot
from kezdesu.meetings.models import Booking, ReceptionSlot
from tests.factories.meetings import build_visit_world
from tests.factories.reception import add_slots, iins

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so a race there proves nothing",
    ),
]

ATTEMPTS = 200
POOL_LIMIT = 50
SPARE_CONNECTIONS = 10  # for this test's own connection and anyone else's


@dataclass
class Outcomes:
    booked: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # the DomainError codes
    failed: list[str] = field(default_factory=list)  # anything else: must stay empty
    lock: threading.Lock = field(default_factory=threading.Lock)


def pool_size() -> int:
    """As many threads as the server has connections to spare: all the attempts at once when it can,
    else at most `POOL_LIMIT`; always a divisor of the attempts, so every round is full."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('max_connections')::int, (SELECT count(*) FROM pg_stat_activity)")
        allowed, in_use = cursor.fetchone()
    room = allowed - in_use - SPARE_CONNECTIONS
    limit = ATTEMPTS if room >= ATTEMPTS else min(POOL_LIMIT, room)
    return max(size for size in range(1, ATTEMPTS + 1) if ATTEMPTS % size == 0 and size <= max(limit, 2))


def race(attempts: list[Callable[[], str]], threads: int) -> Outcomes:
    """Run the attempts `threads` at a time, each round released together by a barrier."""
    outcomes = Outcomes()
    barrier = threading.Barrier(threads)
    rounds = [attempts[start : start + threads] for start in range(0, len(attempts), threads)]
    assert all(len(batch) == threads for batch in rounds), "the attempts must fill every round"

    def worker(index: int) -> None:
        try:
            connection.ensure_connection()  # opened before the barrier, so the race is in the booking
            for batch in rounds:
                barrier.wait(timeout=120)
                try:
                    code = batch[index]()
                except DomainError as error:
                    with outcomes.lock:
                        outcomes.refused.append(error.code)
                except Exception as error:
                    with outcomes.lock:
                        outcomes.failed.append(repr(error))
                else:
                    with outcomes.lock:
                        outcomes.booked.append(code)
        finally:
            connection.close()  # else the test database cannot be dropped

    pool = [threading.Thread(target=worker, args=(index,)) for index in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return outcomes


def booking_attempt(slot_pk: int, iin: str) -> Callable[[], str]:
    def attempt() -> str:
        slot = ReceptionSlot.objects.select_related("part__visit").get(pk=slot_pk)
        booking = book_slot(
            slot=slot,
            full_name="Testov Test Testovich",
            iin=iin,
            phone="+77010000001",
            topic="Concurrency",
            consent=True,
        )
        return booking.code

    return attempt


def test_two_hundred_attempts_at_one_slot_give_it_once():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    threads = pool_size()
    attempts = [booking_attempt(slot.pk, iin) for iin in iins(ATTEMPTS)]

    outcomes = race(attempts, threads)

    assert outcomes.failed == []
    assert len(outcomes.booked) == 1
    assert outcomes.refused == ["slot_taken"] * (ATTEMPTS - 1)
    assert list(Booking.objects.values_list("code", flat=True)) == outcomes.booked


def test_one_citizen_booking_many_slots_at_once_gets_one():
    world = build_visit_world()
    threads = min(pool_size(), 40)
    slots = add_slots(world, count=threads, minutes=2)
    (iin,) = iins(1)
    attempts = [booking_attempt(slot.pk, iin) for slot in slots]

    outcomes = race(attempts, threads)

    assert outcomes.failed == []
    assert len(outcomes.booked) == 1
    assert outcomes.refused == ["already_booked"] * (threads - 1)
    assert Booking.objects.count() == 1
