"""A ministry's proposals: who may make them, for whom, where and when; submission meets R7."""

import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.planning.domain.proposals import (
    create_proposal,
    eligible_positions,
    submit_proposals,
    update_proposal,
    withdraw_proposal,
)
from kezdesu.planning.models import PlanningPeriod, Proposal
from kezdesu.regulations.domain.obligations import ObligationState, find_obligation
from kezdesu.regulations.models import Fulfilment, RegulationProfile
from tests.factories.organisations import DistrictFactory, RegionFactory
from tests.factories.planning import PlanningPeriodFactory, ProposalFactory
from tests.factories.planning_profiles import load_real_profiles
from tests.factories.planning_proposals import ministry_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return ministry_world()


@pytest.fixture
def period():
    return PlanningPeriodFactory()


def proposal_values(world, period, **overrides):
    values = {
        "period": period,
        "organisation": world.ministry,
        "position": world.first_head,
        "region": RegionFactory(),
        "preferred_from": datetime.date(2030, 3, 2),
        "preferred_to": datetime.date(2030, 3, 6),
        "topics_en": "Rural clinics",
    }
    return values | overrides


def test_an_editor_proposes_a_meeting_of_the_first_head(world, period):
    proposal = create_proposal(actor=world.editor, **proposal_values(world, period), risk="Measles outbreak")

    assert (proposal.status, proposal.position, proposal.risk, proposal.created_by) == (
        Proposal.Status.DRAFT,
        world.first_head,
        "Measles outbreak",
        world.editor,
    )
    audit = AuditLog.objects.get(action="planning.proposal.create")
    assert (audit.organisation, audit.new_values["topics_en"]) == (world.ministry, "Rural clinics")


def test_the_eligible_officials_are_heads_deputies_and_committee_chairs(world):
    assert eligible_positions(world.ministry) == [world.first_head, world.deputy, world.committee_chair]


def test_a_committee_chair_may_be_proposed_but_not_the_executive_secretary(world, period):
    chair = create_proposal(actor=world.editor, **proposal_values(world, period, position=world.committee_chair))
    assert chair.position == world.committee_chair

    with pytest.raises(DomainError) as refused:
        create_proposal(actor=world.editor, **proposal_values(world, period, position=world.executive_secretary))
    assert refused.value.code == "position"


def test_another_ministrys_official_is_refused(world, period):
    other = ministry_world("energy")
    with pytest.raises(DomainError) as refused:
        create_proposal(actor=world.editor, **proposal_values(world, period, position=other.first_head))
    assert refused.value.code == "position"


def test_a_district_of_another_region_is_refused(world, period):
    with pytest.raises(DomainError) as refused:
        create_proposal(actor=world.editor, **proposal_values(world, period), district=DistrictFactory())
    assert refused.value.code == "district"


def test_the_preferred_dates_must_lie_in_the_period(world, period):
    with pytest.raises(DomainError) as refused:
        create_proposal(
            actor=world.editor,
            **proposal_values(
                world, period, preferred_from=datetime.date(2030, 6, 28), preferred_to=datetime.date(2030, 7, 3)
            ),
        )
    assert refused.value.code == "dates_period"
    assert (
        str(refused.value.message)
        == "The preferred dates must lie within the planning period, 01.01.2030 – 30.06.2030."
    )


def test_a_viewer_and_another_ministrys_editor_may_not_propose(world, period):
    other = ministry_world("energy")
    for actor in (world.viewer, other.editor):
        with pytest.raises(NotPermitted):
            create_proposal(actor=actor, **proposal_values(world, period))
    assert Proposal.objects.count() == 0


def test_a_draft_is_changed_with_an_audit_of_what_changed(world, period):
    proposal = create_proposal(actor=world.editor, **proposal_values(world, period))

    update_proposal(actor=world.editor, proposal=proposal, topics_en="Rural clinics and pharmacies")

    audit = AuditLog.objects.get(action="planning.proposal.update")
    assert (audit.old_values, audit.new_values) == (
        {"topics_en": "Rural clinics"},
        {"topics_en": "Rural clinics and pharmacies"},
    )


def test_a_submitted_proposal_cannot_be_changed_but_can_be_withdrawn(world, period):
    proposal = ProposalFactory(
        period=period, organisation=world.ministry, position=world.first_head, status=Proposal.Status.SUBMITTED
    )
    with pytest.raises(DomainError) as refused:
        update_proposal(actor=world.editor, proposal=proposal, topics_en="Other")
    assert refused.value.code == "not_draft"

    withdraw_proposal(actor=world.editor, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN


def test_the_approver_submits_the_drafts_and_an_editor_may_not(world, period):
    first = ProposalFactory(period=period, organisation=world.ministry, position=world.first_head)
    second = ProposalFactory(period=period, organisation=world.ministry, position=world.deputy)
    ProposalFactory(period=period, organisation=world.ministry, position=world.deputy, status=Proposal.Status.WITHDRAWN)
    with pytest.raises(NotPermitted):
        submit_proposals(actor=world.editor, period=period, organisation=world.ministry)

    submitted = submit_proposals(actor=world.approver, period=period, organisation=world.ministry)

    assert {proposal.pk for proposal in submitted} == {first.pk, second.pk}
    assert sorted(Proposal.objects.values_list("status", flat=True)) == ["submitted", "submitted", "withdrawn"]
    assert AuditLog.objects.filter(action="planning.proposal.submit").count() == 2
    with pytest.raises(DomainError) as again:
        submit_proposals(actor=world.approver, period=period, organisation=world.ministry)
    assert again.value.code == "nothing_to_submit"


def test_submitting_meets_the_reg_2022_proposals_obligation(world):
    load_real_profiles()
    period = PlanningPeriod.objects.create(
        profile=RegulationProfile.objects.get(code="REG-2022"),
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    ProposalFactory(period=period, organisation=world.ministry, position=world.first_head)

    submit_proposals(actor=world.approver, period=period, organisation=world.ministry)

    obligation = find_obligation("REG-2022:schedule-proposals:health:2023-01-01")
    assert (obligation.state, obligation.basis, obligation.debtor.organisation) == (
        ObligationState.MET,
        "records",
        world.ministry,
    )
    assert [str(record.label) for record in obligation.counting] == ["1 proposal submitted in Kezdesu"]
    assert not Fulfilment.objects.exists()


def test_under_reg_2024_submitting_meets_no_obligation(world):
    load_real_profiles()
    period = PlanningPeriod.objects.create(
        profile=RegulationProfile.objects.get(code="REG-2024"),
        start=datetime.date(2027, 1, 1),
        end=datetime.date(2027, 6, 30),
    )
    ProposalFactory(period=period, organisation=world.ministry, position=world.first_head)

    submit_proposals(actor=world.approver, period=period, organisation=world.ministry)

    assert Fulfilment.objects.count() == 0
