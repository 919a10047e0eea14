"""Every list endpoint issues the same, small number of queries for 1 item as for 3 (STYLE 2)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.models import Notification
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.models import CalendarException, ObligationRule, RegulationProfile
from tests.api.conftest import client_for
from tests.factories.organisations import (
    DistrictFactory,
    OrganisationFactory,
    PositionFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _region(n):
    return RegionFactory()


def _district(n):
    return DistrictFactory()


def _organisation(n):
    return OrganisationFactory(kind=Organisation.Kind.COMMITTEE, parent=OrganisationFactory(), region=RegionFactory())


def _position(n):
    return PositionFactory()


def _profile(n, rules=("a", "b")):
    profile = RegulationProfile.objects.create(
        code=f"P{n}",
        title_en="P",
        act_en="A",
        act_date=datetime.date(2020, 1, 1),
        effective_from=datetime.date(2020 + n, 1, 1),
        planning_cycle=RegulationProfile.Cycle.YEAR,
        planning_source="1",
        exempt_source="1",
        presentation_source="1",
    )
    profile.exempt_organisations.add(OrganisationFactory(), OrganisationFactory())
    for code in rules:
        ObligationRule.objects.create(
            profile=profile,
            code=code,
            requirement="R2",
            source="1",
            title_en="T",
            debtor="ministries",
            recipient="population",
            period="quarter",
            anchor="period_end",
        )
    return profile


def _calendar_exception(n):
    return CalendarException.objects.create(
        date=datetime.date(2026, 1, 3) + datetime.timedelta(days=7 * n), kind="working_day", reason_kk="R"
    )


def _ministry_owing(n):
    """One more ministry: one more obligation under the single profile."""
    if n == 0:
        _profile(0, rules=("a",))
    return OrganisationFactory()


def _audit_row(n):
    organisation = OrganisationFactory()
    return record_audit(actor=UserFactory(), action="test", target=organisation, organisation=organisation)


def _notification(n, user):
    return Notification.objects.create(recipient=user, kind="unregistered")


PUBLIC_LISTS = [
    ("regions/", _region, 2),
    ("districts/", _district, 2),
    ("organisations/?kind=committee", _organisation, 2),
    ("positions/", _position, 2),
    ("profiles/", _profile, 4),
    ("calendar-exceptions/", _calendar_exception, 2),
    # profiles, their rules and exemptions; organisations and their former names; the calendar's exceptions;
    # fulfilments typed by hand
    ("obligations/?from=2020-03-31&to=2020-03-31", _ministry_owing, 7),
]


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/{url}")
    assert response.status_code == 200
    return response.json()["count"], len(queries)


@pytest.mark.parametrize(("url", "make", "expected"), PUBLIC_LISTS, ids=[row[0] for row in PUBLIC_LISTS])
def test_public_lists_do_not_grow_a_query_per_row(anonymous_client, url, make, expected):
    make(0)
    assert _count(anonymous_client, url) == (1, expected)
    make(1)
    make(2)
    assert _count(anonymous_client, url) == (3, expected)


def test_the_audit_list_does_not_grow_a_query_per_row(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client = client_for(UserFactory(is_superuser=True))
    _audit_row(0)
    # session, user, the count, the page (with target types and organisations joined)
    assert _count(client, "audit/") == (1, 4)
    _audit_row(1)
    _audit_row(2)
    assert _count(client, "audit/") == (3, 4)


def test_my_notifications_do_not_grow_a_query_per_row():
    user = UserFactory()
    client = client_for(user)
    _notification(0, user)
    assert _count(client, "notifications/") == (1, 4)
    _notification(1, user)
    _notification(2, user)
    assert _count(client, "notifications/") == (3, 4)
