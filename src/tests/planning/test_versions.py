import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.organisations.models import Organisation
from kezdesu.planning.domain.draft import add_item, remove_item, update_item
from kezdesu.planning.domain.queries.schedule import current_approved_version
from kezdesu.planning.domain.versions import approve_schedule, submit_schedule, version_diff
from kezdesu.planning.domain.warnings import draft_warnings
from kezdesu.planning.models import (
    ItemAgreement,
    PlanningPeriod,
    ScheduleItem,
    ScheduleVersion,
    WarningAcknowledgement,
)
from kezdesu.regulations.domain.obligations import ObligationState, find_obligation
from kezdesu.regulations.models import Fulfilment, RegulationProfile
from tests.factories.organisations import OrganisationFactory, PositionFactory
from tests.factories.planning import build_schedule_world

pytestmark = pytest.mark.django_db

FEB_10 = datetime.date(2027, 2, 10)
ACT_DATE = datetime.date(2026, 11, 20)


@pytest.fixture
def world():
    return build_schedule_world()


def add(world, **values):
    defaults = {
        "actor": world.user("coordinator"),
        "version": world.version,
        "organisation": world.roles.ministry,
        "position": world.minister,
        "region": world.roles.akimat.region,
        "start_date": FEB_10,
        "end_date": FEB_10,
        "topics_en": "Roads",
    }
    return add_item(**{**defaults, **values})


def settle(world):
    """Agree every item and acknowledge every other warning, as the authorized body would."""
    ItemAgreement.objects.update(decision=ItemAgreement.Decision.AGREED)
    for warning in draft_warnings(world.version):
        if not warning.is_acknowledged:
            WarningAcknowledgement.objects.create(version=world.version, key=warning.key, note="Accepted")


@pytest.fixture
def akim(world):
    return PositionFactory(organisation=world.roles.akimat, code="akim", level="first_head", title_en="Akim")


def approve(world):
    settle(world)
    submit_schedule(actor=world.user("coordinator"), period=world.period)
    return approve_schedule(
        actor=world.user("government_approver"), period=world.period, act_number="No. 5", act_date=ACT_DATE
    )


def amend(world, reason, *, act_number="No. 9", act_date=ACT_DATE):
    """An amendment's road: the parties agree what changed, the coordinator submits it, the Government approves."""
    settle(world)
    submit_schedule(actor=world.user("coordinator"), period=world.period, reason=reason)
    return approve_schedule(
        actor=world.user("government_approver"), period=world.period, act_number=act_number, act_date=act_date
    )


def test_submission_is_refused_while_a_warning_is_not_acknowledged(world):
    add(world)

    with pytest.raises(DomainError) as error:
        submit_schedule(actor=world.user("coordinator"), period=world.period)

    assert error.value.code == "warnings"
    assert ScheduleVersion.objects.get(pk=world.version.pk).status == ScheduleVersion.Status.WORKING


def test_submission_is_refused_while_a_party_disagrees_even_if_the_rest_is_acknowledged(world):
    item = add(world)
    settle(world)
    ItemAgreement.objects.filter(item=item, organisation=world.roles.akimat).update(
        decision=ItemAgreement.Decision.DISAGREED, comment="No"
    )

    with pytest.raises(DomainError) as error:
        submit_schedule(actor=world.user("coordinator"), period=world.period)

    assert error.value.code == "warnings"


def test_submission_marks_the_draft_submitted_and_meets_the_r8_obligation(world):
    add(world)
    settle(world)

    version = submit_schedule(actor=world.user("coordinator"), period=world.period)

    assert version.status == ScheduleVersion.Status.SUBMITTED
    obligation = find_obligation("REG-2024:schedule-draft:culture:2027-01-01")
    assert (obligation.state, obligation.basis, obligation.debtor.organisation) == (
        ObligationState.MET,
        "records",
        world.roles.authorized_body,
    )
    assert not Fulfilment.objects.exists()
    with pytest.raises(DomainError):
        add(world)


def test_submission_is_for_the_coordinator_only(world):
    with pytest.raises(NotPermitted):
        submit_schedule(actor=world.user("ministry_approver"), period=world.period)


def test_approval_freezes_a_copy_with_the_same_uids_and_akims(world, akim):
    item = add(world, akim_positions=[akim])

    frozen = approve(world)

    assert (frozen.number, frozen.status, frozen.act_number, frozen.act_date) == (
        1,
        ScheduleVersion.Status.APPROVED,
        "No. 5",
        ACT_DATE,
    )
    copy = frozen.items.get()
    assert (copy.uid, copy.pk != item.pk, list(copy.akim_positions.all())) == (item.uid, True, [akim])
    assert ScheduleVersion.objects.get(pk=world.version.pk).status == ScheduleVersion.Status.WORKING
    assert AuditLog.objects.get(action="planning.schedule.approve").new_values["number"] == 1
    assert set(Notification.objects.filter(kind="schedule.approved").values_list("recipient__username", flat=True)) == {
        "ministry_viewer",
        "ministry_editor",
        "ministry_approver",
        "akimat_viewer",
        "akimat_editor",
    }


def test_approval_needs_a_submitted_draft_and_the_governments_approver(world):
    add(world)
    with pytest.raises(DomainError) as error:
        approve_schedule(
            actor=world.user("government_approver"), period=world.period, act_number="1", act_date=ACT_DATE
        )
    with pytest.raises(NotPermitted):
        approve_schedule(actor=world.user("coordinator"), period=world.period, act_number="1", act_date=ACT_DATE)

    assert error.value.code == "not_submitted"


def test_an_amendment_freezes_the_next_version_with_its_reason_and_supersedes_the_first(world):
    item = add(world)
    first = approve(world)
    update_item(
        actor=world.user("coordinator"), item=item, start_date=FEB_10.replace(day=17), end_date=FEB_10.replace(day=17)
    )

    second = amend(world, "The minister is abroad")

    assert (second.number, second.status, second.reason, second.act_number) == (
        2,
        ScheduleVersion.Status.APPROVED,
        "The minister is abroad",
        "No. 9",
    )
    first.refresh_from_db()
    assert first.status == ScheduleVersion.Status.SUPERSEDED
    assert second.items.get().start_date == datetime.date(2027, 2, 17)


def test_an_approved_schedule_offers_no_second_submission_until_it_changes(world):
    item = add(world)
    coordinator = world.user("coordinator")
    approve(world)
    with pytest.raises(DomainError) as no_change:
        submit_schedule(actor=coordinator, period=world.period, reason="Why")
    update_item(actor=coordinator, item=item, topics_en="Water")
    with pytest.raises(DomainError) as no_reason:
        submit_schedule(actor=coordinator, period=world.period, reason=" ")

    assert (no_change.value.code, no_reason.value.code) == ("no_change", "reason")


def test_the_same_draft_cannot_be_approved_twice(world):
    add(world)
    approve(world)
    with pytest.raises(DomainError) as again:
        approve_schedule(
            actor=world.user("government_approver"), period=world.period, act_number="No. 5", act_date=ACT_DATE
        )
    assert again.value.code == "not_submitted"
    assert ScheduleVersion.objects.filter(period=world.period, number__isnull=False).count() == 1


def test_a_moved_meeting_asks_its_parties_again_and_waits_for_the_act(world):
    """G1.1, G3.1: an amendment that moves a meeting is agreed again and approved only with the act."""
    item = add(world)
    approve(world)
    coordinator = world.user("coordinator")
    update_item(actor=coordinator, item=item, start_date=FEB_10.replace(day=17), end_date=FEB_10.replace(day=17))

    assert set(item.agreements.values_list("decision", flat=True)) == {ItemAgreement.Decision.PENDING}
    with pytest.raises(DomainError) as pending:
        submit_schedule(actor=coordinator, period=world.period, reason="The minister is abroad")
    assert pending.value.code == "warnings"

    settle(world)
    submitted = submit_schedule(actor=coordinator, period=world.period, reason="The minister is abroad")
    assert submitted.status == ScheduleVersion.Status.SUBMITTED
    assert current_approved_version(world.period).number == 1  # nothing in force changes before the act
    with pytest.raises(DomainError) as no_act:
        approve_schedule(
            actor=world.user("government_approver"), period=world.period, act_number=" ", act_date=ACT_DATE
        )
    assert no_act.value.code == "act_number"
    second = approve_schedule(
        actor=world.user("government_approver"), period=world.period, act_number="No. 9", act_date=ACT_DATE
    )
    assert (second.number, second.act_number, second.reason) == (2, "No. 9", "The minister is abroad")


def test_a_frozen_version_keeps_the_parties_answers(world):
    add(world)
    frozen = approve(world)
    answers = {
        (agreement.organisation.code, agreement.decision)
        for agreement in ItemAgreement.objects.filter(item__version=frozen).select_related("organisation")
    }
    assert answers == {
        (world.roles.ministry.code, ItemAgreement.Decision.AGREED),
        (world.roles.akimat.code, ItemAgreement.Decision.AGREED),
    }


def test_an_amendment_tells_the_parties_of_the_items_it_changes(world):
    moved = add(world)
    add(
        world,
        organisation=world.roles.other_ministry,
        position=world.other_minister,
        start_date=FEB_10.replace(day=12),
        end_date=FEB_10.replace(day=12),
    )
    approve(world)
    Notification.objects.all().delete()
    update_item(actor=world.user("coordinator"), item=moved, topics_en="Water")

    amend(world, "New topic")

    recipients = set(Notification.objects.filter(kind="schedule.amended").values_list("recipient__username", flat=True))
    assert recipients == {"ministry_viewer", "ministry_editor", "ministry_approver", "akimat_viewer", "akimat_editor"}


def test_version_diff_lists_added_removed_and_changed_items_field_by_field(world):
    kept = add(world)
    removed = add(world, start_date=FEB_10.replace(day=24), end_date=FEB_10.replace(day=24))
    first = approve(world)
    coordinator = world.user("coordinator")
    update_item(actor=coordinator, item=kept, start_date=FEB_10.replace(day=11), end_date=FEB_10.replace(day=11))
    remove_item(actor=coordinator, item=removed)
    added = add(world, organisation=world.roles.other_ministry, position=world.other_minister)
    second = amend(world, "Changes")

    diff = version_diff(first, second)

    assert [item.uid for item in diff.added] == [added.uid]
    assert [item.uid for item in diff.removed] == [removed.uid]
    assert [(change.new.uid, [(f.label, f.before, f.after) for f in change.fields]) for change in diff.changed] == [
        (kept.uid, [("First day", "10.02.2027", "11.02.2027"), ("Last day", "10.02.2027", "11.02.2027")])
    ]


def test_version_diff_from_nothing_adds_everything(world):
    add(world)
    first = approve(world)

    diff = version_diff(None, first)

    assert (len(diff.added), diff.removed, diff.changed) == (1, (), ())
    assert ScheduleItem.objects.count() == 2


def test_approval_under_reg_2022_meets_the_governments_approval_obligation_on_the_acts_date(world):
    government = OrganisationFactory(code="government", kind=Organisation.Kind.GOVERNMENT, name_en="Government")
    period = PlanningPeriod.objects.create(
        profile=RegulationProfile.objects.get(code="REG-2022"),
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    world.version = ScheduleVersion.objects.create(period=period)
    add(world, start_date=datetime.date(2023, 3, 1), end_date=datetime.date(2023, 3, 1))
    settle(world)
    submit_schedule(actor=world.user("coordinator"), period=period)

    approve_schedule(
        actor=world.user("government_approver"), period=period, act_number="No. 7", act_date=datetime.date(2023, 1, 9)
    )

    approval = find_obligation("REG-2022:schedule-approval:government:2023-01-01")
    assert (approval.debtor.organisation, approval.basis, approval.met_on) == (
        government,
        "records",
        datetime.date(2023, 1, 9),
    )
