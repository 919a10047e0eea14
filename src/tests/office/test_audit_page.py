import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kezdesu.core.domain.audit import record_audit
from kezdesu.organisations.models import Role
from tests.factories.organisations import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _record(actor, organisation, action="organisations.organisation.update", old=None, new=None):
    return record_audit(actor=actor, action=action, target=organisation, organisation=organisation, old=old, new=new)


@pytest.fixture
def coordinator():
    return MembershipFactory(organisation=OrganisationFactory(is_authorized_body=True), role=Role.COORDINATOR).user


def test_shows_old_and_new_values(client, coordinator):
    _record(coordinator, OrganisationFactory(), old={"short_name": "MinA"}, new={"short_name": "MoA"})
    client.force_login(coordinator)

    response = client.get(reverse("office:audit"))

    assert "<code>short_name</code>" in response.text
    assert "<del>MinA</del>" in response.text
    assert "<ins>MoA</ins>" in response.text


def test_filters_by_action_organisation_and_actor(client, coordinator):
    ministry, other = OrganisationFactory(), OrganisationFactory()
    someone = UserFactory()
    wanted = _record(coordinator, ministry, action="regulations.fulfilment.record")
    _record(coordinator, ministry)
    _record(someone, ministry, action="regulations.fulfilment.record")
    _record(coordinator, other, action="regulations.fulfilment.record")
    client.force_login(coordinator)

    response = client.get(
        reverse("office:audit"),
        {"action": "regulations.fulfilment.record", "organisation": ministry.pk, "actor": coordinator.pk},
    )

    assert list(response.context["page"].object_list) == [wanted]


def test_is_paginated(client, coordinator):
    ministry = OrganisationFactory()
    for _ in range(51):
        _record(coordinator, ministry)
    client.force_login(coordinator)

    first = client.get(reverse("office:audit"))
    second = client.get(reverse("office:audit"), {"page": 2})

    assert (len(first.context["page"].object_list), len(second.context["page"].object_list)) == (50, 1)


def _audit_page_queries(client, rows):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("office:audit"))
    assert response.context["page"].paginator.count == rows
    return len(queries)


def test_the_audit_list_costs_as_many_queries_for_three_rows_as_for_one(
    client, coordinator, django_assert_max_num_queries
):
    _record(coordinator, OrganisationFactory(), old={"a": 1}, new={"a": 2})
    client.force_login(coordinator)
    client.get(reverse("office:audit"))  # warm the caches (content types, sessions)
    one = _audit_page_queries(client, 1)
    _record(UserFactory(), OrganisationFactory(), old={"b": 1}, new={"b": 2})
    _record(UserFactory(), OrganisationFactory(), old={"c": 1}, new={"c": 2})

    with django_assert_max_num_queries(15):
        three = _audit_page_queries(client, 3)

    assert three == one
