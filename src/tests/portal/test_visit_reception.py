import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import Booking, Visit
from tests.factories.meetings import build_visit_world
from tests.factories.organisations import PositionFactory
from tests.factories.reception import add_booking, add_slots, make_iin

pytestmark = pytest.mark.django_db

IIN = make_iin()


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    world = build_visit_world()
    world.slots = add_slots(world, count=3)
    return world


def book_url(visit):
    return reverse("portal:visit_reception_book", args=[visit.pk])


def cancel_url(visit):
    return reverse("portal:visit_reception_cancel", args=[visit.pk])


def details(chosen, /, **changes):
    return {
        "slot": str(chosen.pk),
        "full_name": "Testov Test Testovich",
        "iin": IIN,
        "phone": "8 701 555 12 34",
        "topic": "Street lighting on Abay street",
        "consent": "on",
        **changes,
    }


def test_the_reception_page_offers_the_free_times_by_official(client, world):
    deputy = PositionFactory(organisation=world.roles.ministry, code="deputy", level="deputy", title_en="Deputy B")
    add_slots(world, position=deputy, count=1, minutes=30)
    add_booking(world.slots[1])

    response = client.get(reverse("portal:visit_reception", args=[world.visit.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Minister A" in html
    assert "Deputy B" in html
    assert "13:00–13:15" in html
    assert "13:15–13:30" not in html  # taken
    assert "13:30–13:45" in html
    assert 'name="iin"' in html
    assert 'name="consent"' in html


def test_the_meeting_page_shows_the_reception_panel(client, world):
    response = client.get(reverse("portal:visit_detail", args=[world.visit.pk]))

    html = response.content.decode()
    assert 'id="reception"' in html
    assert reverse("portal:visit_reception_book", args=[world.visit.pk]) in html


def test_a_citizen_books_and_sees_the_code_to_keep(client, world):
    response = client.post(book_url(world.visit), details(world.slots[0]))

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:visit_reception_booked", args=[world.visit.pk]) + "#reception-result"
    assert booking.phone == "+77015551234"
    confirmation = client.get(response["Location"]).content.decode()
    assert booking.code in confirmation
    assert "Keep this code." in confirmation
    assert "13:00" in confirmation
    for personal in (IIN, "Testov", "+77015551234", "Street lighting"):
        assert personal not in confirmation


def test_the_confirmation_opens_only_in_the_session_that_booked(client, world):
    add_booking(world.slots[0], code="SECRETCD")

    response = client.get(reverse("portal:visit_reception_booked", args=[world.visit.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:visit_reception", args=[world.visit.pk])


def test_a_bad_iin_keeps_everything_typed(client, world):
    response = client.post(book_url(world.visit), details(world.slots[2], iin="900517300008"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "The IIN&#x27;s last digit does not match the others: there is a mistake in the number." in html
    assert 'value="Testov Test Testovich"' in html
    assert 'value="900517300008"' in html
    assert 'value="8 701 555 12 34"' in html
    assert "Street lighting on Abay street</textarea>" in html
    assert f'value="{world.slots[2].pk}" id="reception-slot-{world.slots[2].pk}" required checked' in html
    assert 'name="consent" required id="reception-consent" checked' in html
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"iin": "12345"}, "The IIN must be exactly 12 digits."),
        ({"iin": "901317300009"}, "The first six digits of the IIN must be a date of birth"),
        ({"iin": "900517900009"}, "The 7th digit of the IIN (century and sex) must be from 1 to 6."),
        ({"phone": "555"}, "Give a Kazakhstan phone number"),
        ({"consent": ""}, "Agree to the processing of your personal data"),
        ({"slot": ""}, "Choose a time."),
    ],
)
def test_each_mistake_is_explained(client, world, changes, message):
    response = client.post(book_url(world.visit), details(world.slots[0], **changes))

    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_a_time_taken_meanwhile_is_explained_next_to_the_times(client, world):
    add_booking(world.slots[0], iin=make_iin(serial=50))

    response = client.post(book_url(world.visit), details(world.slots[0]))

    html = response.content.decode()
    assert "This time was just taken by someone else. Choose another time." in html
    assert 'value="Testov Test Testovich"' in html


def test_the_citizen_cancels_with_code_and_iin(client, world):
    booking = add_booking(world.slots[0], iin=IIN, code="ABCD2345")

    response = client.post(cancel_url(world.visit), {"code": "abcd 2345", "iin": IIN}, follow=True)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "Your booking is cancelled. The time is free for others." in response.content.decode()
    assert (
        response.redirect_chain[-1][0] == reverse("portal:visit_reception", args=[world.visit.pk]) + "#reception-result"
    )


def test_a_wrong_iin_cancels_nothing_and_keeps_the_form(client, world):
    booking = add_booking(world.slots[0], iin=IIN, code="ABCD2345")

    response = client.post(cancel_url(world.visit), {"code": "ABCD2345", "iin": make_iin(serial=60)})

    html = response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED
    assert "No booking has this code and IIN. Check both and try again." in html
    assert 'value="ABCD2345"' in html


def test_a_booking_of_another_visit_is_not_cancelled_from_this_page(client, world):
    booking = add_booking(world.slots[0], iin=IIN, code="ABCD2345")
    second = Visit.objects.create(
        organisation=world.visit.organisation,
        position=world.visit.position,
        region=world.visit.region,
        start_date=world.visit.start_date,
        end_date=world.visit.end_date,
        status=Visit.Status.PUBLISHED,
    )

    client.post(cancel_url(second), {"code": "ABCD2345", "iin": IIN})

    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_attempts_are_limited_per_address_and_the_form_keeps_what_was_typed(client, world):
    for _ in range(20):
        client.post(book_url(world.visit), details(world.slots[0], iin="123"))

    response = client.post(book_url(world.visit), details(world.slots[0]))

    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many attempts from your connection. Please wait ten minutes and try again." in html
    assert 'value="Testov Test Testovich"' in html
    assert not Booking.objects.exists()


def test_no_personal_data_on_the_public_pages(client, world):
    iin = make_iin(serial=70)
    add_booking(world.slots[0], iin=iin, code="PUBLIC23", full_name="Fictionova Secret", phone="+77019998877")
    pages = [
        reverse("portal:visit_detail", args=[world.visit.pk]),
        reverse("portal:visit_reception", args=[world.visit.pk]),
        cancel_url(world.visit),
    ]

    for url in pages:
        html = client.get(url).content.decode()
        for personal in (iin, "Fictionova", "+77019998877", "Road repairs", "PUBLIC23"):
            assert personal not in html, (url, personal)


def test_booking_is_closed_once_the_reception_starts(client):
    world = build_visit_world(day=timezone.localdate() - datetime.timedelta(days=1))
    add_slots(world, count=1)

    html = client.get(reverse("portal:visit_reception", args=[world.visit.pk])).content.decode()

    assert "Booking for the reception has closed." in html
    assert 'name="iin"' not in html


def test_a_draft_visit_has_no_public_reception(client):
    world = build_visit_world(status="draft")

    assert client.get(reverse("portal:visit_reception", args=[world.visit.pk])).status_code == 404


def test_the_page_reads_in_russian_and_kazakh(client, world):
    for language in ("ru", "kk"):
        with translation.override(language):
            response = client.get(reverse("portal:visit_reception", args=[world.visit.pk]))
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()


def test_viewing_public_pages_writes_no_personal_data_audit(client, world):
    client.get(reverse("portal:visit_reception", args=[world.visit.pk]))

    assert not AuditLog.objects.filter(action="meetings.booking.view_personal_data").exists()
