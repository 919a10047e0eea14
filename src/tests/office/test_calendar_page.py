import datetime

import pytest
from django.urls import reverse

from kezdesu.organisations.models import Role
from kezdesu.regulations.models import CalendarException
from tests.factories.organisations import MembershipFactory, OrganisationFactory
from tests.factories.regulations import CalendarExceptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return MembershipFactory(organisation=OrganisationFactory(is_authorized_body=True), role=Role.COORDINATOR).user


def test_lists_public_holidays_and_entered_transfers(client, coordinator):
    CalendarExceptionFactory(date=datetime.date(2027, 7, 5), reason_en="Transfer of a day off")
    client.force_login(coordinator)

    response = client.get(reverse("office:calendar_year", kwargs={"year": 2027}))

    days = {holiday.day for holiday in response.context["holidays"]}
    assert {datetime.date(2027, 3, 22), datetime.date(2027, 12, 16), datetime.date(2027, 7, 5)} <= days
    assert [e.date for e in response.context["exceptions"]] == [datetime.date(2027, 7, 5)]


def test_a_refused_transfer_keeps_the_input_and_says_why(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("office:calendar_year", kwargs={"year": 2027}),
        {"day": "2027-07-04", "kind": "day_off", "reason_kk": "Жексенбі"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["This day is already a day off."]
    assert 'value="Жексенбі"' in response.text
    assert not CalendarException.objects.exists()


def test_a_viewer_reads_the_calendar_without_the_form(client):
    client.force_login(MembershipFactory(role=Role.VIEWER).user)

    response = client.get(reverse("office:calendar_year", kwargs={"year": 2027}))

    assert response.context["form"] is None
    assert 'name="reason_kk"' not in response.text
