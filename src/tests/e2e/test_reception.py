"""The citizen's path through personal reception (R16), in the browser, at phone width."""

import pytest

from kezdesu.meetings.models import Booking
from tests.e2e.accessibility import serious_violations
from tests.factories.meetings import build_visit_world
from tests.factories.reception import add_slots, make_iin

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_citizen_mistypes_the_iin_books_and_cancels(live_server, phone_page):
    world = build_visit_world()
    slots = add_slots(world, count=3)
    iin = make_iin()
    page = phone_page

    page.goto(f"{live_server.url}/en/visits/{world.visit.pk}/")
    reception = page.locator("#reception")
    reception.get_by_label("13:15–13:30").check()
    reception.get_by_label("Surname, name and patronymic").fill("Testov Test Testovich")
    reception.get_by_label("IIN", exact=True).fill(iin[:11] + str((int(iin[11]) + 1) % 10))
    reception.get_by_label("Phone", exact=True).fill("8 701 555 12 34")
    reception.get_by_label("What you want to raise").fill("Street lighting")
    reception.get_by_label("I agree that my name").check()
    reception.get_by_role("button", name="Book this time").click()

    assert "there is a mistake in the number" in page.locator("#reception").inner_text()
    assert page.get_by_label("Surname, name and patronymic").input_value() == "Testov Test Testovich"
    assert page.get_by_label("13:15–13:30").is_checked()
    assert serious_violations(page) == []

    page.get_by_label("IIN", exact=True).fill(iin)
    page.get_by_role("button", name="Book this time").click()

    booking = Booking.objects.get()
    assert booking.slot == slots[1]
    assert page.locator(".reception-code").inner_text() == booking.code
    assert serious_violations(page) == []

    page.get_by_role("link", name="Cancel a booking").click()
    page.get_by_label("Confirmation code").fill(booking.code.lower())
    page.get_by_label("IIN", exact=True).fill(iin)
    page.get_by_role("button", name="Cancel the booking").click()

    assert "Your booking is cancelled." in page.locator("#reception-result").inner_text()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert page.locator("#reception").get_by_label("13:15–13:30").count() == 1
