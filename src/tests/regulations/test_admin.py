"""The admin: profiles read-only, calendar exceptions through the domain functions."""

from datetime import date

import pytest
from django.urls import reverse

from kezdesu.core.models import AuditLog
from kezdesu.regulations.domain.profile_loading import load_profiles
from kezdesu.regulations.models import CalendarException, RegulationProfile
from tests.factories.organisations import UserFactory
from tests.factories.regulations import CalendarExceptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_profiles_and_their_rules_are_shown_but_not_editable(admin_client, exempt_ministries):
    load_profiles()
    profile = RegulationProfile.objects.get(code="REG-2024")

    response = admin_client.get(reverse("admin:regulations_regulationprofile_change", args=[profile.pk]))

    assert response.status_code == 200
    assert b"quarterly-information" in response.content
    assert admin_client.get(reverse("admin:regulations_regulationprofile_add")).status_code == 403


def test_a_calendar_exception_added_in_the_admin_is_audited(admin_client):
    response = admin_client.post(
        reverse("admin:regulations_calendarexception_add"),
        {"date": "2027-07-05", "kind": "day_off", "reason_kk": "Ауыстыру", "reason_ru": "", "reason_en": "", "act": ""},
    )

    assert response.status_code == 302
    assert CalendarException.objects.get().date == date(2027, 7, 5)
    assert AuditLog.objects.filter(action="regulations.calendar_exception.add").count() == 1


def test_the_admin_form_shows_the_domain_refusal(admin_client):
    response = admin_client.post(
        reverse("admin:regulations_calendarexception_add"),
        {"date": "2027-07-03", "kind": "day_off", "reason_kk": "Ауыстыру", "reason_ru": "", "reason_en": "", "act": ""},
    )
    assert response.status_code == 200
    assert "This day is already a day off." in response.content.decode()
    assert not CalendarException.objects.exists()


def test_deleting_in_the_admin_goes_through_the_domain_function(admin_client):
    exception = CalendarExceptionFactory()
    response = admin_client.post(
        reverse("admin:regulations_calendarexception_delete", args=[exception.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not CalendarException.objects.exists()
    assert AuditLog.objects.filter(action="regulations.calendar_exception.remove").count() == 1
