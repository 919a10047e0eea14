"""The cast of the API's permission matrix: one user per role, in fixed organisations."""

import datetime

import pytest
from rest_framework.test import APIClient

from kezdesu.core.models import Notification
from kezdesu.organisations.models import Organisation, Role
from kezdesu.regulations.models import ObligationRule, RegulationProfile
from tests.factories.organisations import MembershipFactory, OrganisationFactory, RegionFactory, UserFactory

ROLES = (
    "anonymous",
    "viewer",
    "approver",
    "other_approver",
    "akimat_editor",
    "coordinator",
    "oversight",
    "superuser",
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The matrix makes eight accounts per test; PBKDF2 would spend seconds on each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _short_region_codes():
    """RegionFactory's iso_code ("KZ-T<n>") outgrows its 6 characters after 100 regions, which
    PostgreSQL refuses; each test starts the sequence again (its rows are rolled back anyway)."""
    RegionFactory.reset_sequence()


@pytest.fixture
def region():
    return RegionFactory(kato="910000000", name_en="Test Region", name_ru="Тестовая область", name_kk="Сынақ облысы")


@pytest.fixture
def ministry():
    return OrganisationFactory(code="ministry-a", name_en="Ministry A")


@pytest.fixture
def other_ministry():
    return OrganisationFactory(code="ministry-b", name_en="Ministry B")


@pytest.fixture
def akimat(region):
    return OrganisationFactory(code="akimat-test", kind=Organisation.Kind.AKIMAT, region=region, name_en="Akimat")


@pytest.fixture
def authorized_body():
    return OrganisationFactory(code="mci", is_authorized_body=True, name_en="Ministry of Culture and Information")


@pytest.fixture
def apparatus():
    return OrganisationFactory(code="apparatus", kind=Organisation.Kind.GOVERNMENT_APPARATUS, name_en="Apparatus")


@pytest.fixture
def users(ministry, other_ministry, akimat, authorized_body, apparatus):
    """Each role of the matrix; None is the anonymous visitor."""
    held = {
        "viewer": (ministry, Role.VIEWER),
        "approver": (ministry, Role.APPROVER),
        "other_approver": (other_ministry, Role.APPROVER),
        "akimat_editor": (akimat, Role.EDITOR),
        "coordinator": (authorized_body, Role.COORDINATOR),
        "oversight": (apparatus, Role.OVERSIGHT),
    }
    cast = {"anonymous": None, "superuser": UserFactory(username="root", is_superuser=True, is_staff=True)}
    for name, (organisation, role) in held.items():
        cast[name] = MembershipFactory(user=UserFactory(username=name), organisation=organisation, role=role).user
    return cast


@pytest.fixture
def viewers_notification(users):
    return Notification.objects.create(recipient=users["viewer"], kind="unregistered.kind", params={})


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anonymous_client():
    return APIClient()


@pytest.fixture
def profile():
    """A profile in force since 2020 with one rule: each ministry's quarterly information (R22),
    due on the 5th of the month after the quarter, moved off days off."""
    profile = RegulationProfile.objects.create(
        code="TEST",
        title_en="Test profile",
        title_kk="Сынақ профилі",
        title_ru="Тестовый профиль",
        act_en="Test decree",
        act_date=datetime.date(2019, 12, 1),
        effective_from=datetime.date(2020, 1, 1),
        planning_cycle=RegulationProfile.Cycle.HALF_YEAR,
        planning_source="G3.1",
        exempt_source="G1",
        presentation_source="G3.2",
    )
    ObligationRule.objects.create(
        profile=profile,
        code="quarterly-information",
        role=ObligationRule.Role.QUARTERLY_INFORMATION,
        requirement="R22",
        source="G1.4",
        title_kk="Тоқсандық ақпарат",
        title_ru="Ежеквартальная информация",
        title_en="Quarterly information",
        debtor="ministries",
        recipient="authorized-body",
        period=ObligationRule.Period.QUARTER,
        anchor=ObligationRule.Anchor.PERIOD_END,
        months=1,
        day=5,
    )
    return profile


# The first quarter's information of ministry A: nominal 5 April 2026 (a Sunday), due Monday 6 April.
OBLIGATION_KEY = "TEST:quarterly-information:ministry-a:2026-01-01"
