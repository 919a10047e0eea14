import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import Booking, ReceptionSlot
from kezdesu.organisations.models import Role
from tests.factories.meetings import at, build_visit_world
from tests.factories.organisations import MembershipFactory, UserFactory
from tests.factories.reception import add_booking, add_slots, make_iin

pytestmark = pytest.mark.django_db

IIN = make_iin(serial=300)


@pytest.fixture
def vw():
    world = build_visit_world()
    world.slots = add_slots(world, count=3)
    world.booking = add_booking(world.slots[0], iin=IIN, code="CODE2345", full_name="Fictionov Office")
    return world


def url(name, visit, *args):
    return reverse(f"office:{name}", args=[visit.pk, *args])


def signed_in(client, user):
    client.force_login(user)
    return client


def views_logged():
    return AuditLog.objects.filter(action="meetings.booking.view_personal_data").count()


def test_the_page_shows_slots_and_bookings_by_code_without_personal_data(client, vw):
    signed_in(client, vw.user("ministry_editor"))

    response = client.get(url("visit_reception", vw.visit))

    html = response.content.decode()
    assert response.status_code == 200
    assert "13:00–13:15" in html
    assert "CODE2345" in html
    assert "Show the citizens' personal data" in html
    assert IIN not in html
    assert "Fictionov" not in html
    assert views_logged() == 0


def test_personal_data_are_shown_on_request_and_each_view_is_logged(client, vw):
    editor = vw.user("akimat_editor")
    signed_in(client, editor)

    first = client.get(url("visit_reception", vw.visit) + "?personal=1").content.decode()
    client.get(url("visit_reception", vw.visit) + "?personal=1")

    assert IIN in first
    assert "Fictionov Office" in first
    assert "+77010000001" in first
    assert views_logged() == 2
    audit = AuditLog.objects.filter(action="meetings.booking.view_personal_data").first()
    assert audit.actor == editor
    assert audit.new_values == {"codes": ["CODE2345"], "day": None}


@pytest.mark.parametrize("role", ["ministry_viewer", "akimat_viewer", "coordinator"])
def test_readers_without_the_permission_see_no_personal_data(client, vw, role):
    signed_in(client, vw.user(role))

    response = client.get(url("visit_reception", vw.visit) + "?personal=1")

    html = response.content.decode()
    assert response.status_code == 200
    assert IIN not in html
    assert "Fictionov" not in html
    assert "Show the citizens" not in html
    assert "Offer times" not in html
    assert views_logged() == 0


def test_staff_of_another_ministry_get_404(client, vw):
    outsider = MembershipFactory(
        user=UserFactory(username="outsider"), organisation=vw.roles.other_ministry, role=Role.EDITOR
    ).user
    signed_in(client, outsider)

    assert client.get(url("visit_reception", vw.visit)).status_code == 404
    assert client.post(url("visit_reception_slots", vw.visit), {}).status_code == 404


def test_the_editor_offers_times(client, vw):
    signed_in(client, vw.user("ministry_editor"))

    response = client.post(
        url("visit_reception_slots", vw.visit),
        {"position": vw.minister.pk, "start": "14:00", "end": "15:00", "minutes": "20"},
    )

    assert response.status_code == 302
    added = ReceptionSlot.objects.filter(starts_at__gte=at(14)).order_by("starts_at")
    assert [slot.starts_at for slot in added] == [at(14), at(14, 20), at(14, 40)]


def test_times_outside_the_reception_are_refused_and_the_form_keeps_them(client, vw):
    signed_in(client, vw.user("ministry_editor"))

    response = client.post(
        url("visit_reception_slots", vw.visit),
        {"position": vw.minister.pk, "start": "16:00", "end": "17:00", "minutes": "20"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Slots must lie within the reception&#x27;s times, 13:00 to 15:00." in html
    assert 'value="16:00"' in html
    assert 'value="17:00"' in html
    assert 'value="20"' in html


def test_a_viewer_may_not_offer_times(client, vw):
    signed_in(client, vw.user("ministry_viewer"))

    response = client.post(
        url("visit_reception_slots", vw.visit),
        {"position": vw.minister.pk, "start": "14:00", "end": "15:00", "minutes": "20"},
    )

    assert response.status_code == 403


def test_a_free_slot_is_removed_and_a_booked_one_is_not(client, vw):
    signed_in(client, vw.user("ministry_editor"))

    client.post(url("visit_reception_slot_remove", vw.visit, vw.slots[2].pk))
    refused = client.post(url("visit_reception_slot_remove", vw.visit, vw.slots[0].pk), follow=True)

    assert not ReceptionSlot.objects.filter(pk=vw.slots[2].pk).exists()
    assert ReceptionSlot.objects.filter(pk=vw.slots[0].pk).exists()
    assert "A citizen has booked this slot." in refused.content.decode()


def test_staff_book_on_behalf_with_the_reason(client, vw):
    editor = vw.user("ministry_editor")
    signed_in(client, editor)

    response = client.post(
        url("visit_reception_book", vw.visit),
        {
            "slot": vw.slots[1].pk,
            "full_name": "Fictionova Phoned",
            "iin": make_iin(serial=400, female=True),
            "phone": "+7 701 000 00 05",
            "topic": "Housing",
            "reason": "Phoned the akimat.",
        },
        follow=True,
    )

    booking = Booking.objects.get(slot=vw.slots[1])
    assert booking.booked_by == editor
    assert booking.on_behalf_reason == "Phoned the akimat."
    assert f"Booked. Give the citizen the confirmation code {booking.code}." in response.content.decode()


def test_booking_on_behalf_without_a_reason_or_with_a_bad_iin_keeps_the_form(client, vw):
    signed_in(client, vw.user("ministry_editor"))

    response = client.post(
        url("visit_reception_book", vw.visit),
        {
            "slot": vw.slots[1].pk,
            "full_name": "Fictionova Phoned",
            "iin": "900517300008",
            "phone": "+7 701 000 00 05",
            "topic": "Housing",
            "reason": "",
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "The IIN&#x27;s last digit does not match the others" in html
    assert "This field is required." in html
    assert 'value="Fictionova Phoned"' in html
    assert not Booking.objects.filter(slot=vw.slots[1]).exists()


def test_staff_cancel_with_a_reason_only(client, vw):
    signed_in(client, vw.user("akimat_approver"))

    refused = client.post(url("visit_reception_cancel", vw.visit, vw.booking.pk), {"reason": ""}, follow=True)
    vw.booking.refresh_from_db()
    assert vw.booking.status == Booking.Status.BOOKED
    assert "Give the reason for cancelling booking CODE2345." in refused.content.decode()

    done = client.post(
        url("visit_reception_cancel", vw.visit, vw.booking.pk), {"reason": "The citizen phoned."}, follow=True
    )

    vw.booking.refresh_from_db()
    assert vw.booking.status == Booking.Status.CANCELLED
    assert "Booking CODE2345 is cancelled." in done.content.decode()


def test_the_printable_day_list_holds_the_days_bookings_and_is_logged(client, vw):
    signed_in(client, vw.user("ministry_approver"))

    response = client.get(url("visit_reception_print", vw.visit) + "?day=2027-03-10")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Fictionov Office" in html
    assert IIN in html
    assert "@media print" in html
    audit = AuditLog.objects.get(action="meetings.booking.view_personal_data")
    assert audit.new_values == {"codes": ["CODE2345"], "day": "2027-03-10"}


def test_a_viewer_may_not_print_the_list(client, vw):
    signed_in(client, vw.user("ministry_viewer"))

    assert client.get(url("visit_reception_print", vw.visit)).status_code == 403
    assert views_logged() == 0


def test_the_page_asks_the_same_queries_for_one_and_three_bookings(client):
    world = build_visit_world()
    slots = add_slots(world, count=3)
    signed_in(client, world.user("ministry_editor"))
    add_booking(slots[0], code="AAAAAAAA", iin=make_iin(serial=1))
    page = url("visit_reception", world.visit) + "?personal=1"
    client.get(page)  # warm the session and the caches

    with CaptureQueriesContext(connection) as one:
        client.get(page)
    add_booking(slots[1], code="BBBBBBBB", iin=make_iin(serial=20))
    add_booking(slots[2], code="CCCCCCCC", iin=make_iin(serial=40), booked_by=world.user("ministry_editor"))
    with CaptureQueriesContext(connection) as three:
        client.get(page)

    assert len(three) == len(one)
