"""Every role by every back-office page (S2): the status each gets, and what each may see."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from kezdesu.regulations.models import CalendarException, Fulfilment
from tests.factories.regulations import CalendarExceptionFactory
from tests.factories.roles import ROLE_NAMES
from tests.office.conftest import YEAR_2027, obligation_key

pytestmark = pytest.mark.django_db

MEMBERS = ("ministry_viewer", "ministry_editor", "ministry_approver", "akimat_viewer")
NATIONWIDE = ("coordinator", "apparatus_oversight", "presidential_oversight", "superuser")


def _expected(anonymous, no_role, members, nationwide, **exceptions):
    expected = {"anonymous": anonymous, "no_role": no_role}
    expected.update(dict.fromkeys(MEMBERS, members))
    expected.update(dict.fromkeys(NATIONWIDE, nationwide))
    expected.update(exceptions)
    return expected


# page name -> (how to build its URL from the world, expected status per role)
PAGES = {
    "home": (lambda world: reverse("office:home"), _expected(302, 403, 200, 200)),
    "obligations": (lambda world: reverse("office:obligations"), _expected(302, 403, 200, 200)),
    "own ministry's obligation": (
        lambda world: reverse("office:obligation", kwargs={"key": obligation_key(world.ministry)}),
        _expected(302, 403, 200, 200, akimat_viewer=404),
    ),
    "other ministry's obligation": (
        lambda world: reverse("office:obligation", kwargs={"key": obligation_key(world.other_ministry)}),
        _expected(302, 403, 404, 200),
    ),
    "own akimat's obligation": (
        lambda world: reverse(
            "office:obligation",
            kwargs={"key": obligation_key(world.akimat, rule="systemic-problems", period="2027-01-01")},
        ),
        _expected(302, 403, 404, 200, akimat_viewer=200),
    ),
    "unknown obligation": (
        lambda world: reverse("office:obligation", kwargs={"key": "REG-T:nothing:ministry-a:2027-01-01"}),
        _expected(302, 403, 404, 404),
    ),
    "audit trail": (lambda world: reverse("office:audit"), _expected(302, 403, 404, 200)),
    "notifications": (lambda world: reverse("office:notifications"), _expected(302, 403, 200, 200)),
    "working calendar": (lambda world: reverse("office:calendar"), _expected(302, 403, 200, 200)),
    "working calendar 2027": (
        lambda world: reverse("office:calendar_year", kwargs={"year": 2027}),
        _expected(302, 403, 200, 200),
    ),
    "sign-in page": (lambda world: reverse("office:login"), _expected(200, 302, 302, 302)),
}

PAGE_CASES = [
    pytest.param(page, role, expected[role], id=f"{page}-{role}")
    for page, (_url, expected) in PAGES.items()
    for role in ROLE_NAMES
]


def _client_for(client, world, role):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("page", "role", "status"), PAGE_CASES)
def test_each_role_gets_the_expected_status_on_each_page(client, world, page, role, status):
    url = PAGES[page][0](world)

    response = _client_for(client, world, role).get(url)

    assert response.status_code == status
    if role == "anonymous" and status == 302:
        location = urlsplit(response["Location"])
        assert (location.path, parse_qs(location.query)["next"]) == (reverse("office:login"), [url])


# Recording that an obligation was met: the debtor's approver, the coordinator, the superuser.
RECORD_FULFILMENT = _expected(
    302,
    403,
    403,
    403,
    ministry_approver=302,
    akimat_viewer=404,
    coordinator=302,
    superuser=302,
)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_only_the_debtors_approver_and_the_coordinator_record_a_fulfilment(client, world, role):
    key = obligation_key(world.ministry)
    url = reverse("office:obligation", kwargs={"key": key})

    response = _client_for(client, world, role).post(
        url, {"met_on": timezone.localdate().isoformat(), "reference": "Letter No. 12"}
    )

    assert response.status_code == RECORD_FULFILMENT[role]
    recorded = RECORD_FULFILMENT[role] == 302 and role != "anonymous"
    assert Fulfilment.objects.filter(obligation_key=key).exists() is recorded


CALENDAR_MANAGERS = _expected(302, 403, 403, 403, apparatus_oversight=403, coordinator=302, superuser=302)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_only_the_coordinator_enters_a_calendar_transfer(client, world, role):
    url = reverse("office:calendar_year", kwargs={"year": 2027})

    response = _client_for(client, world, role).post(
        url, {"day": "2027-07-05", "kind": "day_off", "reason_kk": "Демалыс күнін ауыстыру", "act": "Decree"}
    )

    assert response.status_code == CALENDAR_MANAGERS[role]
    entered = CALENDAR_MANAGERS[role] == 302 and role != "anonymous"
    assert CalendarException.objects.filter(date=datetime.date(2027, 7, 5)).exists() is entered


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_only_the_coordinator_removes_a_calendar_transfer(client, world, role):
    exception = CalendarExceptionFactory(date=datetime.date(2027, 7, 5))
    url = reverse("office:calendar_exception_remove", kwargs={"pk": exception.pk})

    response = _client_for(client, world, role).post(url)

    assert response.status_code == CALENDAR_MANAGERS[role]
    removed = CALENDAR_MANAGERS[role] == 302 and role != "anonymous"
    assert CalendarException.objects.filter(pk=exception.pk).exists() is not removed


def _listed_debtors(client, **filters):
    response = client.get(reverse("office:obligations"), {**YEAR_2027, **filters})
    assert response.status_code == 200
    return {obligation.debtor.code for obligation in response.context["obligations"]}


def test_a_ministry_editor_lists_only_its_ministrys_obligations(client, world):
    client.force_login(world.user("ministry_editor"))

    assert _listed_debtors(client) == {"ministry-a"}


def test_an_akimat_viewer_lists_only_its_akimats_obligations(client, world):
    client.force_login(world.user("akimat_viewer"))

    assert _listed_debtors(client) == {"akimat-x"}


@pytest.mark.parametrize("role", NATIONWIDE)
def test_nationwide_readers_list_every_debtor(client, world, role):
    client.force_login(world.user(role))

    assert _listed_debtors(client) == {"ministry-a", "ministry-b", "culture", "akimat-x", "akimat-y"}


def test_the_organisation_filter_offers_only_organisations_in_scope(client, world):
    client.force_login(world.user("ministry_viewer"))

    response = client.get(reverse("office:obligations"))

    offered = set(response.context["form"].fields["organisation"].queryset.values_list("code", flat=True))
    assert offered == {"ministry-a", "ministry-a-committee"}


def test_an_organisation_outside_the_scope_is_refused_as_a_filter(client, world):
    client.force_login(world.user("ministry_viewer"))

    response = client.get(reverse("office:obligations"), {**YEAR_2027, "organisation": world.other_ministry.pk})

    assert "organisation" in response.context["form"].errors
    assert {o.debtor.code for o in response.context["obligations"]} == {"ministry-a"}


def test_an_inactive_account_cannot_sign_in(client, world):
    user = world.user("coordinator")
    user.set_password("a-long-password-1")
    user.is_active = False
    user.save()

    response = client.post(reverse("office:login"), {"username": user.username, "password": "a-long-password-1"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
