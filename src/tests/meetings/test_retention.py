"""S4: a booking's personal data is kept only as long as needed, then erased by the nightly task."""

import datetime

import pytest

from kezdesu.core.models import AuditLog
from kezdesu.meetings.domain.retention import erase_reception_personal_data
from kezdesu.meetings.models import Booking
from kezdesu.meetings.tasks import task_erase_reception_personal_data
from tests.factories.meetings import build_visit_world
from tests.factories.reception import add_slots, make_iin

pytestmark = pytest.mark.django_db


def book(slot, serial: int) -> Booking:
    return Booking.objects.create(
        slot=slot,
        full_name="Testov Test",
        iin=make_iin(serial=serial),
        phone="+77015551234",
        topic="Street lighting",
        code=f"CODE{serial:04d}",
    )


@pytest.fixture
def bookings(settings):
    settings.KEZDESU_RECEPTION_RETENTION_DAYS = 90
    world = build_visit_world()
    slots = add_slots(world, count=2)
    return [book(slot, serial) for serial, slot in enumerate(slots, start=1)]


def test_personal_data_stays_until_the_retention_period_has_passed(bookings):
    reception_end = bookings[0].slot.ends_at

    assert erase_reception_personal_data(now=reception_end + datetime.timedelta(days=89)) == 0
    assert Booking.objects.filter(iin="").count() == 0


def test_after_the_retention_period_the_name_iin_phone_and_topic_are_erased_and_the_booking_stays(bookings):
    later = bookings[1].slot.ends_at + datetime.timedelta(days=91)

    assert erase_reception_personal_data(now=later) == 2

    erased = Booking.objects.get(pk=bookings[0].pk)
    assert (erased.full_name, erased.iin, erased.phone, erased.topic) == ("", "", "", "")
    assert (erased.code, erased.status) == ("CODE0001", Booking.Status.BOOKED)
    audit = AuditLog.objects.get(action="meetings.booking.erase_personal_data")
    assert audit.new_values == {"bookings": ["CODE0001", "CODE0002"], "retention_days": 90}
    assert erase_reception_personal_data(now=later) == 0


def test_the_nightly_task_erases_what_has_expired_by_now(bookings, settings):
    settings.KEZDESU_RECEPTION_RETENTION_DAYS = -3650  # every reception "ended" long enough ago

    assert task_erase_reception_personal_data.delay().get() == 2
