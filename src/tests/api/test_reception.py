import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import Booking, Visit
from kezdesu.organisations.models import Role
from tests.api.conftest import client_for
from tests.factories.meetings import build_visit_world
from tests.factories.organisations import MembershipFactory, PositionFactory, UserFactory
from tests.factories.reception import add_booking, add_slots, make_iin

pytestmark = pytest.mark.django_db

IIN = make_iin(serial=500)


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """The throttles count in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def vw():
    world = build_visit_world()
    world.slots = add_slots(world, count=3)
    world.booking = add_booking(world.slots[0], iin=IIN, code="APIC2345", full_name="Fictionov Api")
    return world


def slots_url(visit):
    return f"/api/v1/visits/{visit.pk}/reception/slots/?lang=en"


def bookings_url(visit):
    return f"/api/v1/visits/{visit.pk}/reception/bookings/?lang=en"


def cancel_url(visit):
    return f"/api/v1/visits/{visit.pk}/reception/cancel/?lang=en"


def booking_body(slot, **changes):
    return {
        "slot": slot.pk,
        "full_name": "Testov Test",
        "iin": make_iin(serial=600),
        "phone": "+7 701 123 45 67",
        "topic": "Heating",
        "consent": True,
        **changes,
    }


def test_anyone_lists_the_slots_with_availability_and_no_personal_data(vw):
    response = client_for(None).get(slots_url(vw.visit))

    assert response.status_code == 200
    assert [(slot["id"], slot["is_free"]) for slot in response.json()] == [
        (vw.slots[0].pk, False),
        (vw.slots[1].pk, True),
        (vw.slots[2].pk, True),
    ]
    assert response.json()[0]["official"] == {"id": vw.minister.pk, "title": "Minister A"}
    assert response.json()[0]["starts_at"] == "2027-03-10T13:00:00+05:00"
    text = json.dumps(response.json())
    for personal in (IIN, "Fictionov", "APIC2345", "+77010000001"):
        assert personal not in text


def test_the_slots_list_asks_the_same_queries_for_one_and_three_slots():
    world = build_visit_world()
    add_slots(world, count=1)
    client = client_for(None)
    with CaptureQueriesContext(connection) as one:
        client.get(slots_url(world.visit))
    deputy = PositionFactory(organisation=world.roles.ministry, code="deputy", level="deputy")
    add_slots(world, position=deputy, count=2)
    with CaptureQueriesContext(connection) as three:
        response = client.get(slots_url(world.visit))

    assert len(response.json()) == 3
    assert len(three) == len(one)


def test_a_draft_visit_has_no_public_slots():
    world = build_visit_world(status="draft")

    assert client_for(None).get(slots_url(world.visit)).status_code == 404


def test_a_citizen_books_and_gets_the_code(vw):
    response = client_for(None).post(bookings_url(vw.visit), booking_body(vw.slots[1]), format="json")

    assert response.status_code == 201
    booking = Booking.objects.get(slot=vw.slots[1])
    assert response.json() == {
        "code": booking.code,
        "slot": {
            "id": vw.slots[1].pk,
            "official": {"id": vw.minister.pk, "title": "Minister A"},
            "starts_at": "2027-03-10T13:15:00+05:00",
            "ends_at": "2027-03-10T13:30:00+05:00",
            "is_free": False,
        },
    }
    assert booking.phone == "+77011234567"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"iin": "900517300008"}, "iin_checksum"),
        ({"iin": "901317300009"}, "iin_date"),
        ({"iin": "900517700009"}, "iin_century"),
        ({"iin": "9005"}, "iin_format"),
        ({"consent": False}, "consent"),
        ({"phone": "12"}, "phone"),
    ],
)
def test_a_refused_booking_says_why(vw, changes, code):
    response = client_for(None).post(bookings_url(vw.visit), booking_body(vw.slots[1], **changes), format="json")

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Booking.objects.filter(slot=vw.slots[1]).exists()


def test_a_taken_slot_answers_slot_taken_in_the_requests_language(vw):
    response = client_for(None).post(bookings_url(vw.visit), booking_body(vw.slots[0]), format="json")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "This time was just taken by someone else. Choose another time.",
        "code": "slot_taken",
    }


def test_a_slot_of_another_visit_is_not_found(vw):
    second = Visit.objects.create(
        organisation=vw.visit.organisation,
        position=vw.visit.position,
        region=vw.visit.region,
        start_date=vw.visit.start_date,
        end_date=vw.visit.end_date,
        status=Visit.Status.PUBLISHED,
    )

    response = client_for(None).post(bookings_url(second), booking_body(vw.slots[1]), format="json")

    assert response.status_code == 404
    assert not Booking.objects.filter(slot=vw.slots[1]).exists()


def test_the_citizen_cancels_with_code_and_iin(vw):
    response = client_for(None).post(cancel_url(vw.visit), {"code": "apic-2345", "iin": IIN}, format="json")

    assert response.status_code == 200
    assert response.json() == {"code": "APIC2345", "status": "cancelled"}


def test_a_wrong_iin_cancels_nothing(vw):
    response = client_for(None).post(
        cancel_url(vw.visit), {"code": "APIC2345", "iin": make_iin(serial=700)}, format="json"
    )

    vw.booking.refresh_from_db()
    assert response.status_code == 400
    assert response.json()["code"] == "booking_not_found"
    assert vw.booking.status == Booking.Status.BOOKED


def test_booking_and_cancelling_are_throttled_per_address(vw):
    client = client_for(None)
    for _ in range(30):
        client.post(cancel_url(vw.visit), {"code": "ZZZZZZZZ", "iin": IIN}, format="json")

    response = client.post(bookings_url(vw.visit), booking_body(vw.slots[1]), format="json")

    assert response.status_code == 429
    assert not Booking.objects.filter(slot=vw.slots[1]).exists()


def test_staff_read_the_bookings_with_personal_data_and_each_read_is_logged(vw):
    editor = vw.user("ministry_editor")

    response = client_for(editor).get(bookings_url(vw.visit))

    assert response.status_code == 200
    (row,) = response.json()
    assert (row["code"], row["iin"], row["full_name"], row["status"], row["on_behalf"]) == (
        "APIC2345",
        IIN,
        "Fictionov Api",
        "booked",
        False,
    )
    audit = AuditLog.objects.get(action="meetings.booking.view_personal_data")
    assert (audit.actor, audit.new_values) == (editor, {"codes": ["APIC2345"], "day": None})


# The permission table of the reception endpoints: role × endpoint.
STAFF_BOOKINGS = {
    "anonymous": 403,
    "no_role": 404,  # reads no visit: it does not exist for them
    "ministry_viewer": 403,
    "ministry_editor": 200,
    "ministry_approver": 200,
    "akimat_viewer": 403,
    "akimat_editor": 200,
    "akimat_approver": 200,
    "coordinator": 403,
    "superuser": 200,
}


@pytest.mark.parametrize(("role", "expected"), STAFF_BOOKINGS.items())
def test_who_reads_the_bookings(vw, role, expected):
    user = None if role == "anonymous" else vw.user(role)

    response = client_for(user).get(bookings_url(vw.visit))

    assert response.status_code == expected
    assert AuditLog.objects.filter(action="meetings.booking.view_personal_data").count() == (expected == 200)


def test_staff_of_another_ministry_get_404(vw):
    outsider = MembershipFactory(
        user=UserFactory(username="outsider"), organisation=vw.roles.other_ministry, role=Role.EDITOR
    ).user

    assert client_for(outsider).get(bookings_url(vw.visit)).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "no_role", "ministry_viewer", "ministry_editor"])
def test_the_public_endpoints_answer_everyone(vw, role):
    user = None if role == "anonymous" else vw.user(role)
    client = client_for(user)

    assert client.get(slots_url(vw.visit)).status_code == 200
    assert client.post(cancel_url(vw.visit), {"code": "X", "iin": "1"}, format="json").status_code == 400


def test_the_schema_documents_the_reception_endpoints():
    response = client_for(None).get("/api/v1/schema/?format=json")

    paths = response.json()["paths"]
    assert paths["/api/v1/visits/{id}/reception/slots/"]["get"]["summary"] == "List the reception slots of a visit"
    assert paths["/api/v1/visits/{id}/reception/bookings/"]["post"]["summary"] == "Book a reception slot"
    assert paths["/api/v1/visits/{id}/reception/bookings/"]["get"]["summary"] == (
        "List the bookings of a visit's reception, with personal data"
    )
    assert paths["/api/v1/visits/{id}/reception/cancel/"]["post"]["summary"] == "Cancel a reception booking"
