import datetime
import json

import pytest
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.meetings.domain.phone import normalise_phone
from kezdesu.meetings.domain.reception import (
    CODE_ALPHABET,
    book_on_behalf,
    book_slot,
    bookings_with_personal_data,
    cancel_booking,
    cancel_booking_by_staff,
    create_slots,
    remove_slot,
)
from kezdesu.meetings.models import Booking, ReceptionSlot, Visit
from tests.factories.meetings import at, build_visit_world
from tests.factories.organisations import PositionFactory
from tests.factories.reception import add_booking, add_slots, make_iin

pytestmark = pytest.mark.django_db

CITIZEN = {
    "full_name": "Testov Test Testovich",
    "phone": "8 (701) 123-45-67",
    "topic": "Water supply in the village",
    "consent": True,
}


def book(slot, **changes):
    return book_slot(slot=slot, **{**CITIZEN, "iin": make_iin(), **changes})


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value.code


# Slots


def test_slots_are_cut_from_the_given_times():
    world = build_visit_world()
    editor = world.user("ministry_editor")

    slots = create_slots(
        actor=editor, part=world.part("reception"), position=world.minister, start=at(13), end=at(14, 10), minutes=20
    )

    assert [(slot.starts_at, slot.ends_at) for slot in slots] == [
        (at(13), at(13, 20)),
        (at(13, 20), at(13, 40)),
        (at(13, 40), at(14)),
    ]
    audit = AuditLog.objects.get(action="meetings.reception.create_slots")
    assert audit.new_values["slots"] == [slot.pk for slot in slots]


def test_akimat_staff_create_slots_for_an_akimat_official():
    world = build_visit_world()
    akim = PositionFactory(organisation=world.roles.akimat, code="akim", title_en="Akim of the region")

    slots = create_slots(
        actor=world.user("akimat_editor"),
        part=world.part("reception"),
        position=akim,
        start=at(13),
        end=at(13, 30),
        minutes=30,
    )

    assert [slot.position for slot in slots] == [akim]


def test_a_committee_chair_may_receive():
    world = build_visit_world()
    chair = PositionFactory(organisation=world.roles.committee, code="chair", level="committee_chair")

    slots = create_slots(
        actor=world.user("ministry_editor"),
        part=world.part("reception"),
        position=chair,
        start=at(13),
        end=at(13, 30),
        minutes=15,
    )

    assert len(slots) == 2


def test_an_official_of_another_ministry_does_not_receive():
    world = build_visit_world()
    other = PositionFactory(organisation=world.roles.other_ministry, code="minister")

    code = refusal(
        create_slots,
        actor=world.user("ministry_editor"),
        part=world.part("reception"),
        position=other,
        start=at(13),
        end=at(14),
        minutes=15,
    )

    assert code == "position"


@pytest.mark.parametrize(
    ("start", "end", "minutes", "code"),
    [
        (at(12, 30), at(14), 15, "outside_reception"),
        (at(13), at(15, 30), 15, "outside_reception"),
        (at(13), at(13, 10), 15, "no_slot"),
        (at(13), at(14), 3, "minutes"),
        (at(13), at(15), 121, "minutes"),
    ],
)
def test_slots_outside_the_reception_or_of_odd_length_are_refused(start, end, minutes, code):
    world = build_visit_world()

    assert (
        refusal(
            create_slots,
            actor=world.user("ministry_editor"),
            part=world.part("reception"),
            position=world.minister,
            start=start,
            end=end,
            minutes=minutes,
        )
        == code
    )


def test_slots_overlapping_the_officials_own_are_refused():
    world = build_visit_world()
    editor = world.user("ministry_editor")
    part = world.part("reception")
    create_slots(actor=editor, part=part, position=world.minister, start=at(13), end=at(14), minutes=30)

    code = refusal(
        create_slots, actor=editor, part=part, position=world.minister, start=at(13, 45), end=at(14, 30), minutes=15
    )

    assert code == "slot_overlap"


def test_slots_belong_to_the_reception_part_only():
    world = build_visit_world()

    code = refusal(
        create_slots,
        actor=world.user("ministry_editor"),
        part=world.part("meeting"),
        position=world.minister,
        start=at(10),
        end=at(11),
        minutes=15,
    )

    assert code == "not_reception"


@pytest.mark.parametrize("role", ["ministry_viewer", "akimat_viewer", "coordinator", "no_role"])
def test_only_the_ministry_and_the_akimat_staff_manage_slots(role):
    world = build_visit_world()

    with pytest.raises(NotPermitted):
        create_slots(
            actor=world.user(role),
            part=world.part("reception"),
            position=world.minister,
            start=at(13),
            end=at(14),
            minutes=15,
        )


def test_a_free_slot_is_removed_with_its_cancelled_bookings():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    add_booking(slot, code="OLDCODE2", status="cancelled")

    remove_slot(actor=world.user("ministry_editor"), slot=slot)

    assert not ReceptionSlot.objects.exists()
    assert not Booking.objects.exists()
    assert AuditLog.objects.get(action="meetings.reception.remove_slot").old_values["cancelled_bookings"] == [
        "OLDCODE2"
    ]


def test_a_booked_slot_is_not_removed():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    add_booking(slot)

    assert refusal(remove_slot, actor=world.user("ministry_editor"), slot=slot) == "slot_booked"
    assert ReceptionSlot.objects.count() == 1


# Booking by citizens


def test_a_citizen_books_a_free_slot_and_gets_a_code():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    iin = make_iin()

    booking = book(slot, iin=iin)

    assert booking.status == Booking.Status.BOOKED
    assert (booking.full_name, booking.iin, booking.phone) == ("Testov Test Testovich", iin, "+77011234567")
    assert len(booking.code) == 8
    assert set(booking.code) <= set(CODE_ALPHABET)
    assert booking.booked_by is None


def test_codes_differ_between_bookings():
    world = build_visit_world()
    slots = add_slots(world, count=6)

    codes = {book(slot, iin=make_iin(serial=n * 10 + 1)).code for n, slot in enumerate(slots)}

    assert len(codes) == 6


def test_the_audit_of_a_booking_holds_no_personal_data():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    iin = make_iin()

    booking = book(slot, iin=iin)

    audit = AuditLog.objects.get(action="meetings.booking.create")
    stored = json.dumps([audit.new_values, audit.old_values, audit.target_label])
    assert audit.new_values == {"booking": booking.pk, "code": booking.code, "slot": slot.pk, "on_behalf": False}
    assert audit.target_label == booking.code
    for personal in (iin, "Testov", "+77011234567", "Water supply"):
        assert personal not in stored


def test_a_taken_slot_is_not_given_again():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    book(slot, iin=make_iin(serial=1))

    assert refusal(book, slot, iin=make_iin(serial=20)) == "slot_taken"
    assert Booking.objects.count() == 1


def test_a_cancelled_booking_frees_the_slot():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    first = book(slot, iin=make_iin(serial=1))
    cancel_booking(code=first.code, iin=first.iin)

    second = book(slot, iin=make_iin(serial=20))

    assert second.status == Booking.Status.BOOKED


def test_one_iin_books_one_slot_per_visit():
    world = build_visit_world()
    first, second = add_slots(world, count=2)
    iin = make_iin()
    book(first, iin=iin)

    assert refusal(book, second, iin=iin) == "already_booked"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"iin": "123"}, "iin_format"),
        ({"iin": "900517300008"}, "iin_checksum"),
        ({"phone": "12345"}, "phone"),
        ({"full_name": "   "}, "full_name"),
        ({"topic": ""}, "topic"),
        ({"topic": "x" * 2001}, "topic"),
        ({"consent": False}, "consent"),
    ],
)
def test_bad_details_are_refused_with_their_reason(changes, code):
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)

    assert refusal(book, slot, **changes) == code
    assert not Booking.objects.exists()


def test_booking_closes_when_the_reception_starts():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    world = build_visit_world(day=yesterday)
    (slot,) = add_slots(world, count=1)

    assert refusal(book, slot) == "booking_closed"


@pytest.mark.parametrize("status", [Visit.Status.DRAFT, Visit.Status.CANCELLED])
def test_a_visit_not_announced_takes_no_bookings(status):
    world = build_visit_world(status=status)
    (slot,) = add_slots(world, count=1)

    assert refusal(book, slot) == "not_open"


# Cancelling


def test_the_citizen_cancels_with_code_and_iin():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    booking = book(slot)

    cancelled = cancel_booking(code=booking.code.lower()[:4] + " " + booking.code.lower()[4:], iin=booking.iin)

    assert cancelled.pk == booking.pk
    assert cancelled.status == Booking.Status.CANCELLED
    assert cancelled.cancelled_at is not None
    audit = AuditLog.objects.get(action="meetings.booking.cancel")
    assert audit.actor is None
    assert audit.new_values == {"booking": booking.pk, "code": booking.code, "status": "cancelled", "by": "citizen"}


def test_a_code_with_another_iin_cancels_nothing():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    booking = book(slot, iin=make_iin(serial=1))

    assert refusal(cancel_booking, code=booking.code, iin=make_iin(serial=20)) == "booking_not_found"
    assert refusal(cancel_booking, code="ZZZZZZZZ", iin=booking.iin) == "booking_not_found"
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_a_booking_is_cancelled_once():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    booking = book(slot)
    cancel_booking(code=booking.code, iin=booking.iin)

    assert refusal(cancel_booking, code=booking.code, iin=booking.iin) == "already_cancelled"


def test_staff_cancel_with_a_reason():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    booking = book(slot)
    editor = world.user("akimat_editor")

    assert refusal(cancel_booking_by_staff, actor=editor, booking=booking, reason=" ") == "reason"
    cancel_booking_by_staff(actor=editor, booking=booking, reason="The citizen phoned to cancel.")

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    audit = AuditLog.objects.get(action="meetings.booking.cancel")
    assert audit.actor == editor
    assert audit.new_values["reason"] == "The citizen phoned to cancel."


def test_a_viewer_does_not_cancel():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    booking = book(slot)

    with pytest.raises(NotPermitted):
        cancel_booking_by_staff(actor=world.user("ministry_viewer"), booking=booking, reason="No.")


# On behalf


def test_staff_book_on_a_citizens_behalf_with_the_reason_recorded():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)
    editor = world.user("ministry_editor")

    booking = book_on_behalf(
        actor=editor,
        slot=slot,
        full_name="Testova Testa",
        iin=make_iin(female=True),
        phone="+7 701 000 00 02",
        topic="Pension",
        reason="Came to the akimat in person.",
    )

    assert booking.booked_by == editor
    assert booking.on_behalf_reason == "Came to the akimat in person."
    assert AuditLog.objects.get(action="meetings.booking.create").new_values["on_behalf"] is True


def test_booking_on_behalf_needs_a_reason():
    world = build_visit_world()
    (slot,) = add_slots(world, count=1)

    code = refusal(
        book_on_behalf,
        actor=world.user("ministry_editor"),
        slot=slot,
        full_name="Testova Testa",
        iin=make_iin(),
        phone="+77010000002",
        topic="Pension",
        reason="",
    )

    assert code == "reason"


def test_staff_book_walk_ins_after_the_reception_starts():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    world = build_visit_world(day=yesterday)
    part = world.part("reception")
    part.ends_at = timezone.now() + datetime.timedelta(hours=1)
    part.starts_at = timezone.now() - datetime.timedelta(hours=1)
    part.save(update_fields=["starts_at", "ends_at"])
    slot = ReceptionSlot.objects.create(
        part=part, position=world.minister, starts_at=part.starts_at, ends_at=part.ends_at
    )

    booking = book_on_behalf(
        actor=world.user("ministry_editor"),
        slot=slot,
        full_name="Testova Testa",
        iin=make_iin(),
        phone="+77010000002",
        topic="Pension",
        reason="A walk-in.",
    )

    assert booking.status == Booking.Status.BOOKED


# Personal data (S4)


def test_viewing_personal_data_is_logged_every_time():
    world = build_visit_world()
    slots = add_slots(world, count=2)
    first = add_booking(slots[0], code="AAAAAAAA", iin=make_iin(serial=1))
    add_booking(slots[1], code="BBBBBBBB", iin=make_iin(serial=20))
    editor = world.user("ministry_editor")

    shown = bookings_with_personal_data(actor=editor, visit=world.visit)
    bookings_with_personal_data(actor=editor, visit=world.visit)

    assert [booking.code for booking in shown] == ["AAAAAAAA", "BBBBBBBB"]
    assert shown[0].iin == first.iin
    views = AuditLog.objects.filter(action="meetings.booking.view_personal_data")
    assert views.count() == 2
    assert views.first().new_values == {"codes": ["AAAAAAAA", "BBBBBBBB"], "day": None}


@pytest.mark.parametrize("role", ["ministry_viewer", "akimat_viewer", "coordinator", "no_role"])
def test_others_do_not_see_personal_data(role):
    world = build_visit_world()

    with pytest.raises(NotPermitted):
        bookings_with_personal_data(actor=world.user(role), visit=world.visit)
    assert not AuditLog.objects.filter(action="meetings.booking.view_personal_data").exists()


def test_personal_data_of_a_day_and_active_only():
    world = build_visit_world()
    slots = add_slots(world, count=2)
    add_booking(slots[0], code="AAAAAAAA", iin=make_iin(serial=1))
    add_booking(slots[1], code="BBBBBBBB", iin=make_iin(serial=20), status="cancelled")

    shown = bookings_with_personal_data(
        actor=world.user("akimat_approver"), visit=world.visit, day=world.visit.start_date, active_only=True
    )
    other_day = bookings_with_personal_data(
        actor=world.user("akimat_approver"), visit=world.visit, day=world.visit.start_date + datetime.timedelta(days=1)
    )

    assert [booking.code for booking in shown] == ["AAAAAAAA"]
    assert other_day == []


# Phones


@pytest.mark.parametrize(
    "typed", ["+7 701 123 45 67", "+7 (701) 123-45-67", "8 701 123 4567", "87011234567", "77011234567", "7011234567"]
)
def test_phones_are_brought_to_plus_seven_and_ten_digits(typed):
    assert normalise_phone(typed) == "+77011234567"


@pytest.mark.parametrize("typed", ["", "+8 701 123 45 67", "701 123 45", "+7 701 123 45 678", "phone", "+77011234567x"])
def test_other_phones_are_refused(typed):
    assert refusal(normalise_phone, typed) == "phone"


def test_the_demo_iins_are_valid_and_differ():
    from kezdesu.demo.reception import CITIZENS, demo_iin
    from kezdesu.meetings.domain.iin import validate_iin

    numbers = [demo_iin(year, female=female) for _name, year, female, _topic in CITIZENS]

    assert [validate_iin(number) for number in numbers] == numbers
    assert len(set(numbers)) == len(CITIZENS)
