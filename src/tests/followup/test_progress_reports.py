"""The ministry's quarterly progress report (R21): figures at the quarter's end, the narrative, publication."""

import datetime
import json

import pytest
from django.utils import timezone, translation

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.followup.domain.progress_reports import (
    compile_progress_report,
    progress_obligation,
    publish_progress_report,
    save_narrative,
)
from kezdesu.followup.domain.queries.progress_reports import quarter_of
from kezdesu.followup.models import IssueEvent, Measure, MeasureStatus, ProblemIssue, ProgressReport, ProgressUpdate
from kezdesu.regulations.domain.obligations import ObligationState
from kezdesu.regulations.models import Fulfilment
from tests.factories.followup import build_followup_world
from tests.factories.followup_rules import with_followup_rules

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def this_quarter() -> tuple[int, int]:
    return quarter_of(timezone.localdate())


def previous(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def following(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter + 1) if quarter < 4 else (year + 1, 1)


def update(measure: Measure, year: int, quarter: int, status: str, percent: int) -> ProgressUpdate:
    return ProgressUpdate.objects.create(
        measure=measure,
        year=year,
        quarter=quarter,
        status=status,
        percent=percent,
        comment="Work is under way",
        organisation=measure.issue.visit.organisation,
    )


def world_with_rules(**kwargs):
    world = build_followup_world(**kwargs)
    with_followup_rules()
    return world


def test_each_measure_shows_its_last_update_of_or_before_the_quarter():
    world = world_with_rules(publish=True)
    year, quarter = this_quarter()
    update(world.akimat_measure, *previous(year, quarter), MeasureStatus.IN_PROGRESS, 20)
    update(world.akimat_measure, year, quarter, MeasureStatus.IN_PROGRESS, 40)
    update(world.akimat_measure, year, quarter, MeasureStatus.IN_PROGRESS, 50)
    update(world.akimat_measure, *following(year, quarter), MeasureStatus.DONE, 100)
    update(world.company_measure, *previous(year, quarter), MeasureStatus.IN_PROGRESS, 10)

    report = compile_progress_report(world.visit.organisation, year, quarter)

    measures = {measure.pk: (measure.status, measure.percent) for issue in report.issues for measure in issue.measures}
    assert measures == {
        world.akimat_measure.pk: ("in_progress", 50),
        world.other_ministry_measure.pk: ("planned", 0),
        world.company_measure.pk: ("in_progress", 10),
    }
    assert [issue.number for issue in report.issues] == [1, 2]
    assert report.issues[0].title == {
        "kk": "Road to the district hospital (kk)",
        "ru": "Road to the district hospital (ru)",
        "en": "Road to the district hospital",
    }


def test_the_counts_of_raised_solved_in_progress_and_overdue_issues():
    world = world_with_rules(publish=True)
    year, quarter = this_quarter()
    Measure.objects.filter(pk=world.other_ministry_measure.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    ProblemIssue.objects.filter(pk=world.gas.pk).update(
        status=ProblemIssue.Status.SOLVED, solved_on=timezone.localdate()
    )

    report = compile_progress_report(world.visit.organisation, year, quarter)

    assert (report.counts.raised, report.counts.solved, report.counts.in_progress, report.counts.overdue) == (
        2,
        1,
        1,
        1,
    )
    assert [issue.overdue for issue in report.issues] == [True, False]


def test_unpublished_issues_and_quarters_before_publication_are_left_out():
    world = world_with_rules()
    year, quarter = this_quarter()
    assert compile_progress_report(world.visit.organisation, year, quarter).issues == []
    ProblemIssue.objects.filter(visit=world.visit).update(published_at=timezone.now())
    assert compile_progress_report(world.visit.organisation, *previous(year, quarter)).issues == []
    assert compile_progress_report(world.roles.other_ministry, year, quarter).issues == []


def test_publishing_stores_the_snapshot_tells_the_timeline_and_meets_the_obligation():
    world = world_with_rules(publish=True)
    year, quarter = this_quarter()
    organisation = world.visit.organisation
    save_narrative(
        actor=world.user("ministry_editor"),
        organisation=organisation,
        year=year,
        quarter=quarter,
        narrative_kk="Баяндама",
        narrative_ru="Доклад",
        narrative_en="Narrative",
        revision=0,
    )
    now = timezone.now()
    report = publish_progress_report(
        actor=world.user("ministry_approver"), organisation=organisation, year=year, quarter=quarter, now=now
    )

    assert report.published_at == now
    assert report.snapshot["counts"] == {"raised": 2, "solved": 0, "in_progress": 2, "overdue": 0, "not_solvable": 0}
    assert report.snapshot["narrative"] == {"kk": "Баяндама", "ru": "Доклад", "en": "Narrative"}
    assert report.snapshot["revised_at"] is None
    assert sorted(IssueEvent.objects.filter(kind=IssueEvent.Kind.REPORT).values_list("issue__number", flat=True)) == [
        1,
        2,
    ]
    start = datetime.date(year, 3 * quarter - 2, 1)
    obligation = progress_obligation(organisation, year, quarter)
    assert (obligation.key, obligation.state, obligation.basis, obligation.met_on) == (
        f"REG-AGENDA:quarterly-progress:{organisation.code}:{start:%Y-%m-%d}",
        ObligationState.MET,
        "records",
        timezone.localdate(now),
    )
    assert [record.record for record in obligation.counting] == [f"followup.progressreport:{report.pk}"]
    assert not Fulfilment.objects.exists()
    assert AuditLog.objects.filter(action="followup.progress_report.publish").count() == 1


def test_the_snapshot_holds_no_personal_data():
    world = world_with_rules(publish=True)
    year, quarter = this_quarter()
    report = publish_progress_report(
        actor=world.user("ministry_approver"), organisation=world.visit.organisation, year=year, quarter=quarter
    )
    text = json.dumps(report.snapshot, ensure_ascii=False)
    for secret in ("Berik", "berik@example.kz", "ministry_approver", "ministry_editor", "+7 701"):
        assert secret not in text


def test_republishing_revises_the_snapshot_once_met():
    world = world_with_rules(publish=True)
    year, quarter = this_quarter()
    organisation, approver = world.visit.organisation, world.user("ministry_approver")
    first = timezone.now() - datetime.timedelta(hours=2)
    publish_progress_report(actor=approver, organisation=organisation, year=year, quarter=quarter, now=first)
    update(world.akimat_measure, year, quarter, MeasureStatus.IN_PROGRESS, 60)
    later = timezone.now()
    report = publish_progress_report(actor=approver, organisation=organisation, year=year, quarter=quarter, now=later)

    assert (report.published_at, report.snapshot["revised_at"]) == (first, later.isoformat())
    assert report.snapshot["issues"][0]["measures"][0]["percent"] == 60
    assert progress_obligation(organisation, year, quarter).met_on == timezone.localdate(first)
    assert IssueEvent.objects.filter(kind=IssueEvent.Kind.REPORT).count() == 2


def test_a_quarter_not_started_cannot_be_published():
    world = world_with_rules(publish=True)
    with pytest.raises(DomainError) as caught:
        publish_progress_report(
            actor=world.user("ministry_approver"),
            organisation=world.visit.organisation,
            year=timezone.localdate().year + 1,
            quarter=1,
        )
    assert (caught.value.code, str(caught.value.message)) == ("not_started", "This quarter has not started yet.")
    assert ProgressReport.objects.count() == 0


def test_an_editor_prepares_but_does_not_publish():
    world = world_with_rules(publish=True)
    year, quarter = this_quarter()
    with pytest.raises(NotPermitted):
        publish_progress_report(
            actor=world.user("ministry_editor"), organisation=world.visit.organisation, year=year, quarter=quarter
        )
    with pytest.raises(NotPermitted):
        save_narrative(
            actor=world.user("other_editor"),
            organisation=world.visit.organisation,
            year=year,
            quarter=quarter,
            narrative_kk="A",
            narrative_ru="B",
            revision=0,
        )


def test_a_narrative_saved_over_someone_elses_is_refused():
    world = world_with_rules(publish=True)
    year, quarter = this_quarter()
    kwargs = {"organisation": world.visit.organisation, "year": year, "quarter": quarter, "revision": 0}
    save_narrative(actor=world.user("ministry_editor"), narrative_kk="A", narrative_ru="B", **kwargs)
    with pytest.raises(DomainError) as caught:
        save_narrative(actor=world.user("ministry_approver"), narrative_kk="C", narrative_ru="D", **kwargs)
    assert caught.value.code == "changed_meanwhile"
    assert ProgressReport.objects.get().narrative_ru == "B"
