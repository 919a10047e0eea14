import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kezdesu.organisations.models import Role
from kezdesu.regulations.models import Fulfilment
from tests.factories.organisations import MembershipFactory, OrganisationFactory
from tests.factories.regulations import ObligationRuleFactory, RegulationProfileFactory
from tests.office.conftest import YEAR_2027, obligation_key

pytestmark = pytest.mark.django_db


def test_a_deadline_moved_off_a_weekend_shows_its_nominal_date(client, world):
    client.force_login(world.user("ministry_viewer"))

    response = client.get(reverse("office:obligations"), YEAR_2027)

    # 10 April 2027 is a Saturday: due Monday 12 April.
    assert "12.04.2027" in response.text
    assert "moved from 10.04.2027 (day off)" in response.text


def test_the_default_range_runs_from_30_days_back_to_180_ahead(client, world):
    client.force_login(world.user("coordinator"))
    today = timezone.localdate()

    response = client.get(reverse("office:obligations"))

    assert response.context["filters"] == {
        "start": today - datetime.timedelta(days=30),
        "end": today + datetime.timedelta(days=180),
    }


def test_asking_for_overdue_reaches_back_a_year_by_default(client, world):
    client.force_login(world.user("coordinator"))
    today = timezone.localdate()

    response = client.get(reverse("office:obligations"), {"state": "overdue"})

    assert response.context["filters"]["start"] == today - datetime.timedelta(days=366)
    assert response.context["filters"]["end"] == today + datetime.timedelta(days=180)


def test_filters_by_requirement_and_state(client, world):
    client.force_login(world.user("coordinator"))
    Fulfilment.objects.create(
        obligation_key=obligation_key(world.other_ministry),
        organisation=world.other_ministry,
        met_on=datetime.date(2027, 1, 5),
        reference="No. 1",
    )

    response = client.get(reverse("office:obligations"), {**YEAR_2027, "requirement": "R22", "state": "met"})

    assert [o.key for o in response.context["obligations"]] == [obligation_key(world.other_ministry)]
    assert "No. 1" in response.text


def test_htmx_gets_only_the_results(client, world):
    client.force_login(world.user("coordinator"))

    response = client.get(reverse("office:obligations"), YEAR_2027, HTTP_HX_REQUEST="true")

    assert response.templates[0].name == "office/obligations/_results.html"
    assert "<html" not in response.text


def test_a_range_that_ends_before_it_starts_is_refused(client, world):
    client.force_login(world.user("coordinator"))

    response = client.get(reverse("office:obligations"), {"start": "2027-05-01", "end": "2027-01-01"})

    assert response.context["form"].errors == {"end": ["The end of the range comes before its start."]}


def test_a_domain_error_is_shown_without_losing_the_input(client, world):
    client.force_login(world.user("ministry_approver"))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        reverse("office:obligation", kwargs={"key": obligation_key(world.ministry)}),
        {"met_on": tomorrow.isoformat(), "reference": "Letter No. 7"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["The date it was met cannot be in the future."]
    assert 'value="Letter No. 7"' in response.text
    assert not Fulfilment.objects.exists()


def test_recording_a_fulfilment_marks_the_obligation_met(client, world):
    client.force_login(world.user("ministry_approver"))
    key = obligation_key(world.ministry)
    url = reverse("office:obligation", kwargs={"key": key})

    client.post(url, {"met_on": timezone.localdate().isoformat(), "reference": "Letter No. 7"})
    response = client.get(url)

    assert response.context["obligation"].state == "met"
    assert response.context["obligation"].fulfilment.reference == "Letter No. 7"


def test_the_form_is_not_shown_to_a_viewer(client, world):
    client.force_login(world.user("ministry_viewer"))

    response = client.get(reverse("office:obligation", kwargs={"key": obligation_key(world.ministry)}))

    assert response.context["form"] is None
    assert 'name="reference"' not in response.text


def _obligations_page_queries(client, count):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("office:obligations"), {"start": "2027-04-01", "end": "2027-04-30"})
    assert response.text.count('<tr class="row--') == count
    return len(queries)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.VIEWER])
def test_the_obligations_list_costs_as_many_queries_for_three_rows_as_for_one(
    client, django_assert_max_num_queries, role
):
    profile = RegulationProfileFactory(code="REG-Q", effective_from=datetime.date(2020, 1, 1))
    ObligationRuleFactory(profile=profile, code="quarterly-information")
    authorized_body = OrganisationFactory(code="culture", is_authorized_body=True)
    first = OrganisationFactory(code="ministry-1")
    member = MembershipFactory(organisation=authorized_body if role == Role.COORDINATOR else first, role=role).user
    client.force_login(member)
    client.get(reverse("office:obligations"))  # warm the caches (content types, sessions)

    expected = 2 if role == Role.COORDINATOR else 1  # the coordinator's own body is a ministry too
    one = _obligations_page_queries(client, expected)
    for code in ("ministry-2", "ministry-3"):
        ministry = OrganisationFactory(code=code)
        if role != Role.COORDINATOR:
            MembershipFactory(user=member, organisation=ministry, role=role)
    with django_assert_max_num_queries(25):
        three = _obligations_page_queries(client, expected + 2)

    assert three == one


def test_filters_by_debtor_with_its_committees(client, world):
    """The oversight dashboards link here with ?debtor=<code>: what the body owes, not what it receives."""
    client.force_login(world.user("coordinator"))

    response = client.get(reverse("office:obligations"), {**YEAR_2027, "debtor": world.ministry.code})

    debtors = {o.debtor.code for o in response.context["obligations"]}
    assert debtors == {world.ministry.code}
    assert len(response.context["obligations"]) == 4
    assert "Only what Ministry A and its committees owe." in response.text
    assert 'name="debtor" value="ministry-a"' in response.text


def test_an_unknown_debtor_filters_nothing(client, world):
    client.force_login(world.user("coordinator"))

    everything = client.get(reverse("office:obligations"), YEAR_2027).context["obligations"]
    response = client.get(reverse("office:obligations"), {**YEAR_2027, "debtor": "nobody"})

    assert len(response.context["obligations"]) == len(everything)
