import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.planning.domain.draft import add_item, include_proposal, remove_item, update_item, working_version
from kezdesu.planning.models import ItemAgreement, Proposal, ScheduleItem, ScheduleVersion
from tests.factories.organisations import DistrictFactory, PositionFactory, RegionFactory
from tests.factories.planning import ProposalFactory, build_schedule_world

pytestmark = pytest.mark.django_db

FEB_10 = datetime.date(2027, 2, 10)


@pytest.fixture
def world():
    return build_schedule_world()


def add(world, **overrides):
    values = {
        "actor": world.user("coordinator"),
        "version": world.version,
        "organisation": world.roles.ministry,
        "position": world.minister,
        "region": world.roles.akimat.region,
        "start_date": FEB_10,
        "end_date": FEB_10,
        "topics_en": "Roads",
    }
    return add_item(**{**values, **overrides})


def test_working_version_is_the_one_unnumbered_version(world):
    assert working_version(world.period) == world.version
    assert ScheduleVersion.objects.filter(period=world.period).count() == 1


def test_add_item_asks_the_ministry_and_the_regions_akimat_to_agree(world):
    item = add(world)

    assert sorted((a.organisation.code, a.decision) for a in item.agreements.all()) == [
        ("akimat-x", ItemAgreement.Decision.PENDING),
        ("ministry-a", ItemAgreement.Decision.PENDING),
    ]
    assert AuditLog.objects.get(action="planning.item.add").new_values["start_date"] == "2027-02-10"
    recipients = set(
        Notification.objects.filter(kind="schedule.agreement_requested").values_list("recipient__username", flat=True)
    )
    assert recipients == {"ministry_editor", "ministry_approver", "akimat_editor"}


def test_add_item_is_for_the_authorized_body_only(world):
    with pytest.raises(NotPermitted):
        add(world, actor=world.user("ministry_approver"))


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"start_date": datetime.date(2026, 12, 31), "end_date": datetime.date(2027, 1, 5)}, "outside_period"),
        ({"start_date": datetime.date(2027, 6, 30), "end_date": datetime.date(2027, 7, 1)}, "outside_period"),
        ({"start_date": FEB_10, "end_date": datetime.date(2027, 2, 9)}, "dates_order"),
    ],
)
def test_add_item_refuses_dates_outside_the_period_or_out_of_order(world, overrides, code):
    with pytest.raises(DomainError) as error:
        add(world, **overrides)

    assert error.value.code == code
    assert ScheduleItem.objects.count() == 0


def test_add_item_refuses_an_official_of_another_ministry(world):
    with pytest.raises(DomainError) as error:
        add(world, position=world.other_minister)

    assert error.value.code == "position"


def test_add_item_accepts_a_committee_chair_of_the_ministry(world):
    chair = PositionFactory(organisation=world.roles.committee, code="chair", level="committee_chair")

    assert add(world, position=chair).position == chair


def test_add_item_refuses_a_district_of_another_region(world):
    with pytest.raises(DomainError) as error:
        add(world, district=DistrictFactory(region=RegionFactory()))

    assert error.value.code == "district"


def test_items_cannot_be_added_to_a_submitted_draft(world):
    world.version.status = ScheduleVersion.Status.SUBMITTED
    world.version.save()

    with pytest.raises(DomainError) as error:
        add(world)

    assert error.value.code == "submitted"


def test_update_item_moving_the_date_asks_the_parties_again(world):
    item = add(world)
    item.agreements.update(decision=ItemAgreement.Decision.AGREED)

    update_item(
        actor=world.user("coordinator"), item=item, start_date=FEB_10.replace(day=11), end_date=FEB_10.replace(day=11)
    )

    assert set(item.agreements.values_list("decision", flat=True)) == {ItemAgreement.Decision.PENDING}
    audit = AuditLog.objects.get(action="planning.item.update")
    assert (audit.old_values, audit.new_values) == (
        {"start_date": "2027-02-10", "end_date": "2027-02-10"},
        {"start_date": "2027-02-11", "end_date": "2027-02-11"},
    )


def test_update_item_moving_the_region_asks_the_new_akimat(world):
    item = add(world)

    update_item(actor=world.user("coordinator"), item=item, region=world.roles.other_akimat.region)

    assert sorted(item.agreements.values_list("organisation__code", flat=True)) == ["akimat-y", "ministry-a"]


def test_update_item_changing_the_topics_keeps_the_agreements(world):
    item = add(world)
    item.agreements.update(decision=ItemAgreement.Decision.AGREED)

    update_item(actor=world.user("coordinator"), item=item, topics_en="Water")

    assert set(item.agreements.values_list("decision", flat=True)) == {ItemAgreement.Decision.AGREED}
    assert ScheduleItem.objects.get().topics == "Water"


def test_update_item_validates_the_merged_values(world):
    item = add(world)

    with pytest.raises(DomainError) as error:
        update_item(actor=world.user("coordinator"), item=item, end_date=datetime.date(2027, 2, 1))

    assert error.value.code == "dates_order"
    assert ScheduleItem.objects.get().end_date == FEB_10


def test_remove_item_deletes_it_with_an_audit_row(world):
    item = add(world)

    remove_item(actor=world.user("coordinator"), item=item)

    assert ScheduleItem.objects.count() == 0
    assert AuditLog.objects.get(action="planning.item.remove").old_values["topics_en"] == "Roads"


def test_include_proposal_takes_the_proposals_official_region_and_topics(world):
    proposal = ProposalFactory(
        period=world.period,
        organisation=world.roles.ministry,
        position=world.minister,
        region=world.roles.akimat.region,
        status=Proposal.Status.SUBMITTED,
        topics="Irrigation",
    )

    item = include_proposal(actor=world.user("coordinator"), proposal=proposal, start_date=FEB_10, end_date=FEB_10)

    assert (item.version, item.proposal, item.position, item.topics) == (
        world.version,
        proposal,
        world.minister,
        "Irrigation",
    )
    with pytest.raises(DomainError) as error:
        include_proposal(actor=world.user("coordinator"), proposal=proposal, start_date=FEB_10, end_date=FEB_10)
    assert error.value.code == "proposal_included"


def test_include_proposal_refuses_a_draft_proposal(world):
    proposal = ProposalFactory(period=world.period, organisation=world.roles.ministry, position=world.minister)

    with pytest.raises(DomainError) as error:
        include_proposal(actor=world.user("coordinator"), proposal=proposal, start_date=FEB_10, end_date=FEB_10)

    assert error.value.code == "proposal_status"
