"""Executors reporting quarterly progress on their measures (R21)."""

import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.followup.domain.progress import report_progress
from kezdesu.followup.domain.queries.measures import latest_update, measures_for_executor, quarter_of
from kezdesu.followup.models import IssueEvent, MeasureStatus, ProblemIssue, ProgressUpdate
from tests.factories.followup import build_followup_world

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 5, 20)
LINK = "https://gov.kz/akimat-x/roads"


@pytest.fixture
def world():
    return build_followup_world(publish=True)


def report(world, role, measure, **overrides):
    data = {
        "status": MeasureStatus.IN_PROGRESS,
        "percent": 40,
        "comment": "Design approved",
        "evidence_links": [],
        "today": TODAY,
        **overrides,
    }
    return report_progress(actor=world.user(role), measure=measure, **data)


def test_the_executor_reports_and_the_measure_and_issue_follow(world):
    update = report(world, "akimat_editor", world.akimat_measure)
    assert (update.year, update.quarter, update.percent, update.organisation) == (2027, 2, 40, world.roles.akimat)
    world.akimat_measure.refresh_from_db()
    world.road.refresh_from_db()
    assert (world.akimat_measure.status, world.akimat_measure.percent) == ("in_progress", 40)
    assert world.road.status == ProblemIssue.Status.IN_PROGRESS
    kinds = list(IssueEvent.objects.filter(issue=world.road).values_list("kind", "params__status"))
    assert kinds == [("status", "in_progress"), ("progress", "in_progress"), ("status", "in_progress")]
    audit = AuditLog.objects.get(action="followup.progress_report")
    assert audit.new_values["percent"] == 40


def test_a_measure_done_needs_100_percent_and_evidence(world):
    with pytest.raises(DomainError) as refused:
        report(world, "akimat_editor", world.akimat_measure, status=MeasureStatus.DONE, percent=90)
    assert refused.value.code == "done_not_100"
    with pytest.raises(DomainError) as refused:
        report(world, "akimat_editor", world.akimat_measure, status=MeasureStatus.DONE, percent=100)
    assert refused.value.code == "evidence_required"
    assert ProgressUpdate.objects.count() == 0


def test_a_measure_done_records_its_evidence_and_day(world):
    report(
        world,
        "akimat_approver",
        world.akimat_measure,
        status=MeasureStatus.DONE,
        percent=100,
        evidence_links=[LINK, " ", LINK],
    )
    world.akimat_measure.refresh_from_db()
    assert (world.akimat_measure.evidence, world.akimat_measure.completed_on) == (LINK, TODAY)


@pytest.mark.parametrize("link", ["ftp://gov.kz/file", "javascript:alert(1)", "gov.kz/page"])
def test_links_must_be_web_addresses(world, link):
    with pytest.raises(DomainError) as refused:
        report(world, "akimat_editor", world.akimat_measure, evidence_links=[link])
    assert refused.value.code == "bad_link"


@pytest.mark.parametrize("percent", [-1, 101, None])
def test_percent_must_be_0_to_100(world, percent):
    with pytest.raises(DomainError) as refused:
        report(world, "akimat_editor", world.akimat_measure, percent=percent)
    assert refused.value.code == "bad_percent"


def test_the_ministry_reports_for_a_company_but_not_for_another_body(world):
    update = report(world, "ministry_editor", world.company_measure)
    assert update.organisation == world.visit.organisation
    with pytest.raises(NotPermitted):
        report(world, "akimat_editor", world.other_ministry_measure)


def test_another_body_reports_on_its_own_measure(world):
    update = report(world, "other_editor", world.other_ministry_measure)
    assert update.organisation == world.roles.other_ministry


def test_a_viewer_may_not_report(world):
    with pytest.raises(NotPermitted):
        report(world, "akimat_viewer", world.akimat_measure)


def test_the_workspace_holds_own_and_company_measures(world):
    assert list(measures_for_executor(world.user("other_editor"))) == [world.other_ministry_measure]
    assert set(measures_for_executor(world.user("ministry_editor"))) == {world.company_measure}
    assert list(measures_for_executor(world.user("akimat_viewer"))) == []


def test_the_latest_update_is_the_last_report(world):
    report(world, "akimat_editor", world.akimat_measure, percent=10)
    last = report(world, "akimat_editor", world.akimat_measure, percent=30)
    measure = measures_for_executor(world.user("akimat_editor")).get(pk=world.akimat_measure.pk)
    assert latest_update(measure) == last


def test_quarters_of_the_year():
    days = [datetime.date(2027, month, 1) for month in (1, 3, 4, 6, 7, 10, 12)]
    assert [quarter_of(day)[1] for day in days] == [1, 1, 2, 2, 3, 4, 4]


def test_the_visiting_ministry_and_superusers_do_not_report_for_a_body_with_staff(world):
    for role in ("ministry_editor", "superuser"):
        with pytest.raises(NotPermitted):
            report(world, role, world.akimat_measure)
    assert ProgressUpdate.objects.count() == 0
