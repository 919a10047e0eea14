"""Recording what met an obligation: who may, what is refused, and the audit trail."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.organisations.models import Organisation, Role
from kezdesu.regulations.domain.by_hand import record_fulfilment
from kezdesu.regulations.domain.obligations import ObligationState, find_obligation
from kezdesu.regulations.domain.profile_loading import load_profiles
from kezdesu.regulations.models import Fulfilment
from tests.factories.organisations import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

KEY = "REG-2024:quarterly-information:ministry-a:2027-01-01"


@pytest.fixture
def world(exempt_ministries):
    ministry = OrganisationFactory(code="ministry-a", name_en="Ministry A")
    other = OrganisationFactory(code="ministry-b", name_en="Ministry B")
    authorized_body = OrganisationFactory(code="culture", is_authorized_body=True, name_en="Ministry of Culture")
    load_profiles()
    return {"ministry": ministry, "other": other, "authorized_body": authorized_body}


def user_with(role: str, organisation: Organisation):
    return MembershipFactory(role=role, organisation=organisation).user


def obligation():
    found = find_obligation(KEY, today=date(2027, 4, 13))
    assert found is not None
    return found


def test_the_debtors_approver_records_it_and_the_obligation_is_met(world):
    approver = user_with(Role.APPROVER, world["ministry"])
    met_on = timezone.localdate() - timedelta(days=1)

    fulfilment = record_fulfilment(actor=approver, obligation=obligation(), met_on=met_on, reference=" Letter No. 12 ")

    assert (fulfilment.obligation_key, fulfilment.organisation, fulfilment.met_on, fulfilment.reference) == (
        KEY,
        world["ministry"],
        met_on,
        "Letter No. 12",
    )
    assert fulfilment.recorded_by == approver
    assert obligation().state == ObligationState.MET
    audit = AuditLog.objects.get(action="regulations.fulfilment.record")
    assert (audit.actor, audit.organisation) == (approver, world["ministry"])
    assert audit.new_values == {
        "obligation_key": KEY,
        "met_on": met_on.isoformat(),
        "reference": "Letter No. 12",
        "by_hand": "document",
        "region": "",
        "position": "",
    }
    assert obligation().by_hand


def test_the_authorized_bodys_coordinator_may_record_it_too(world):
    coordinator = user_with(Role.COORDINATOR, world["authorized_body"])
    record_fulfilment(actor=coordinator, obligation=obligation(), met_on=timezone.localdate(), reference="Letter No. 3")
    assert Fulfilment.objects.filter(obligation_key=KEY).count() == 1


def test_a_row_the_system_wrote_from_a_record_is_history_not_evidence(world):
    """Before records were read directly, the system stored a fulfilment linked to its record; the record
    itself is read now, so such a row meets nothing by itself."""
    Fulfilment.objects.create(
        obligation_key=KEY,
        organisation=world["ministry"],
        met_on=timezone.localdate(),
        reference="Submitted in Kezdesu",
        record_type=ContentType.objects.get_for_model(Organisation),
        record_id=str(world["other"].pk),
    )
    assert obligation().state != ObligationState.MET


@pytest.mark.parametrize(
    ("role", "organisation"),
    [(Role.VIEWER, "ministry"), (Role.EDITOR, "ministry"), (Role.APPROVER, "other"), (Role.OVERSIGHT, "other")],
)
def test_others_may_not_record_it(world, role, organisation):
    actor = user_with(role, world[organisation])
    with pytest.raises(NotPermitted):
        record_fulfilment(actor=actor, obligation=obligation(), met_on=timezone.localdate(), reference="Letter")
    assert not Fulfilment.objects.exists()
    assert not AuditLog.objects.filter(action="regulations.fulfilment.record").exists()


def test_a_future_date_a_blank_reference_and_a_second_record_are_refused(world):
    approver = user_with(Role.APPROVER, world["ministry"])
    today = timezone.localdate()

    with pytest.raises(DomainError) as future:
        record_fulfilment(actor=approver, obligation=obligation(), met_on=today + timedelta(days=1), reference="L")
    assert future.value.code == "future"
    with pytest.raises(DomainError) as blank:
        record_fulfilment(actor=approver, obligation=obligation(), met_on=today, reference="   ")
    assert blank.value.code == "reference"

    record_fulfilment(actor=approver, obligation=obligation(), met_on=today, reference="Letter No. 1")
    with pytest.raises(DomainError) as again:
        record_fulfilment(actor=approver, obligation=obligation(), met_on=today, reference="Letter No. 2")
    assert again.value.code == "already_met"
    assert str(again.value.message) == "This obligation is already recorded as met."
    assert Fulfilment.objects.get().reference == "Letter No. 1"
