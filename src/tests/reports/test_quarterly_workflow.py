"""The quarterly information's workflow (R22): narrative, approval, withdrawal, submission, return."""

import datetime

import pytest
from django.utils import translation

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.regulations.domain.obligations import ObligationState
from kezdesu.regulations.models import Fulfilment
from kezdesu.reports.domain.quarterly import (
    approve_quarterly_information,
    quarterly_obligation,
    return_quarterly_information,
    save_quarterly_narrative,
    submit_quarterly_information,
    withdraw_approval,
)
from kezdesu.reports.domain.queries.quarterly import (
    OPEN,
    OVERDUE,
    RETURNED,
    SUBMITTED_LATE,
    SUBMITTED_ON_TIME,
    ministry_quarters,
    quarterly_overview,
)
from kezdesu.reports.models import QuarterlyInformation
from tests.factories.reports_quarterly import AFTER, QUARTER, YEAR, build_quarter_world, timestamp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return build_quarter_world(records=False)


def save(world, revision=0, text="Meetings were held"):
    return save_quarterly_narrative(
        actor=world.user("ministry_editor"),
        organisation=world.ministry,
        year=YEAR,
        quarter=QUARTER,
        narrative_kk=f"{text} (kk)",
        narrative_ru=f"{text} (ru)",
        revision=revision,
    )


def approve(world, revision, day=AFTER):
    return approve_quarterly_information(
        actor=world.user("ministry_approver"),
        organisation=world.ministry,
        year=YEAR,
        quarter=QUARTER,
        revision=revision,
        now=timestamp(day),
    )


def submit(world, day):
    return submit_quarterly_information(
        actor=world.user("ministry_approver"),
        organisation=world.ministry,
        year=YEAR,
        quarter=QUARTER,
        now=timestamp(day),
    )


def test_the_obligation_is_due_on_the_10th_of_the_next_month(world):
    obligation = quarterly_obligation(world.ministry, YEAR, QUARTER, today=AFTER)
    assert obligation.due == datetime.date(2026, 4, 10)
    assert obligation.source == "G1.4"


def test_narrative_saved_with_the_revision_seen_and_audited(world):
    information = save(world)
    assert (information.narrative_kk, information.revision, information.status) == (
        "Meetings were held (kk)",
        1,
        "draft",
    )
    with pytest.raises(DomainError, match="changed the quarterly information meanwhile"):
        save(world, revision=0, text="Other")
    assert AuditLog.objects.filter(action="reports.quarterly_information.save_narrative").count() == 1
    with pytest.raises(NotPermitted):
        save_quarterly_narrative(
            actor=world.user("ministry_viewer"),
            organisation=world.ministry,
            year=YEAR,
            quarter=QUARTER,
            narrative_kk="x",
            narrative_ru="x",
            revision=1,
        )


def test_approval_freezes_the_figures_only_after_the_quarter(world):
    information = save(world)
    with pytest.raises(DomainError, match="not ended"):
        approve(world, information.revision, day=datetime.date(2026, 3, 31))
    with pytest.raises(NotPermitted):
        approve_quarterly_information(
            actor=world.user("ministry_editor"), organisation=world.ministry, year=YEAR, quarter=QUARTER, revision=1
        )
    information = approve(world, information.revision)
    assert information.status == QuarterlyInformation.Status.APPROVED
    assert information.snapshot["counts"]["meetings_held"] == 2
    assert information.snapshot["narrative"]["ru"] == "Meetings were held (ru)"
    with pytest.raises(DomainError, match="withdraw the approval"):
        save(world, revision=information.revision)
    information = withdraw_approval(
        actor=world.user("ministry_approver"),
        organisation=world.ministry,
        year=YEAR,
        quarter=QUARTER,
        revision=information.revision,
    )
    assert information.status == QuarterlyInformation.Status.DRAFT
    assert set(AuditLog.objects.filter(target_id=str(information.pk)).values_list("action", flat=True)) >= {
        "reports.quarterly_information.approve",
        "reports.quarterly_information.withdraw",
    }


def test_submission_on_time_meets_the_obligation_and_tells_the_coordinators(world):
    with pytest.raises(DomainError, match="Approve"):
        submit(world, datetime.date(2026, 4, 8))
    information = approve(world, 0, day=datetime.date(2026, 4, 5))
    information = submit(world, datetime.date(2026, 4, 8))

    assert information.status == QuarterlyInformation.Status.SUBMITTED
    obligation = quarterly_obligation(world.ministry, YEAR, QUARTER, today=AFTER)
    assert (obligation.met_on, obligation.basis) == (datetime.date(2026, 4, 8), "records")
    assert obligation.key == f"REG-AGENDA:quarterly-information:{world.ministry.code}:2026-01-01"
    assert not Fulfilment.objects.exists()
    assert Notification.objects.filter(kind="reports.quarterly_submitted", recipient=world.user("coordinator")).exists()
    [row] = [row for row in quarterly_overview(YEAR, QUARTER, today=AFTER) if row.organisation == world.ministry]
    assert row.state == SUBMITTED_ON_TIME


def test_late_submission_and_return_keep_the_obligation_met(world):
    approve(world, 0)
    information = submit(world, datetime.date(2026, 4, 20))
    assert quarterly_obligation(world.ministry, YEAR, QUARTER, today=AFTER).met_on == datetime.date(2026, 4, 20)
    assert ministry_quarters(world.ministry, today=AFTER)[1].state == SUBMITTED_LATE

    with pytest.raises(NotPermitted):
        return_quarterly_information(actor=world.user("ministry_approver"), information=information, comment="x")
    with pytest.raises(DomainError, match="Say what"):
        return_quarterly_information(actor=world.user("coordinator"), information=information, comment=" ")
    information = return_quarterly_information(
        actor=world.user("coordinator"), information=information, comment="Add the February meeting"
    )
    assert (information.status, information.return_comment) == ("draft", "Add the February meeting")
    assert Notification.objects.filter(
        kind="reports.quarterly_returned", recipient=world.user("ministry_editor")
    ).exists()
    # A pack returned for correction meets nothing until it is submitted again.
    assert quarterly_obligation(world.ministry, YEAR, QUARTER, today=AFTER).state == ObligationState.OVERDUE
    assert ministry_quarters(world.ministry, today=AFTER)[1].state == RETURNED

    information = approve(world, information.revision, day=datetime.date(2026, 4, 22))
    submit(world, datetime.date(2026, 4, 23))
    # Met by the corrected pack, on the day it was submitted again.
    assert quarterly_obligation(world.ministry, YEAR, QUARTER, today=AFTER).met_on == datetime.date(2026, 4, 23)
    assert ministry_quarters(world.ministry, today=AFTER)[1].state == SUBMITTED_LATE


def test_overview_rows_for_every_ministry_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    rows = quarterly_overview(YEAR, QUARTER, today=datetime.date(2026, 4, 1))
    assert {row.organisation.code: row.state for row in rows}[world.ministry.code] == OPEN
    from tests.factories.organisations import OrganisationFactory

    with django_assert_max_num_queries(16) as counted:
        quarterly_overview(YEAR, QUARTER, today=AFTER)
    OrganisationFactory.create_batch(3)
    with django_assert_max_num_queries(len(counted.captured_queries)):
        rows = quarterly_overview(YEAR, QUARTER, today=AFTER)
    assert {row.organisation.code: row.state for row in rows}[world.ministry.code] == OVERDUE
    assert [row.organisation.name for row in rows] == sorted(row.organisation.name for row in rows)


def test_no_obligation_under_an_act_without_the_rule(world):
    from kezdesu.regulations.models import ObligationRule

    ObligationRule.objects.filter(code="quarterly-information").delete()
    assert quarterly_obligation(world.ministry, YEAR, QUARTER, today=AFTER) is None
    assert ministry_quarters(world.ministry, today=AFTER)[1].state == "not_required"


def test_an_obligation_met_by_a_letter_reads_as_met_otherwise(world):
    from kezdesu.regulations.domain.by_hand import record_fulfilment
    from kezdesu.reports.domain.queries.quarterly import MET_OTHERWISE

    obligation = quarterly_obligation(world.ministry, YEAR, QUARTER, today=AFTER)
    record_fulfilment(
        actor=world.user("coordinator"), obligation=obligation, met_on=datetime.date(2026, 4, 9), reference="Letter 1"
    )
    assert ministry_quarters(world.ministry, today=AFTER)[1].state == MET_OTHERWISE
