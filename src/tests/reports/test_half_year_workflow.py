"""Preparing and submitting the half-year results (R23): narrative, snapshot, the obligation, resubmission."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.regulations.models import Fulfilment
from kezdesu.reports.domain.half_year import half_year_obligation, save_half_year_narrative, submit_half_year_report
from kezdesu.reports.domain.instructions import record_government_review
from kezdesu.reports.models import HalfYearReport
from tests.factories.reports_half_year import build_half_year_world, submitted_pack

pytestmark = pytest.mark.django_db


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))


def test_the_coordinator_writes_the_narrative_and_a_stale_edit_is_refused():
    world = build_half_year_world()
    coordinator = world.user("coordinator")
    report = save_half_year_narrative(
        actor=coordinator, year=2026, half=1, narrative_kk="Қ", narrative_ru="Р", revision=0
    )
    assert (report.narrative_kk, report.narrative_ru, report.revision) == ("Қ", "Р", 1)
    with pytest.raises(DomainError) as stale:
        save_half_year_narrative(actor=coordinator, year=2026, half=1, narrative_kk="X", narrative_ru="Y", revision=0)
    assert stale.value.code == "changed_meanwhile"
    with pytest.raises(NotPermitted):
        save_half_year_narrative(
            actor=world.user("ministry_approver"), year=2026, half=1, narrative_kk="", narrative_ru="", revision=1
        )
    assert AuditLog.objects.filter(action="reports.half_year.save_narrative").count() == 1


def test_submitting_freezes_the_figures_meets_the_obligation_and_tells_the_apparatus():
    world = build_half_year_world()
    coordinator = world.user("coordinator")
    submitted_pack(world.roles.ministry, 2026, 1, on=datetime.date(2026, 4, 8), meetings_held=2, questions=30)
    save_half_year_narrative(actor=coordinator, year=2026, half=1, narrative_kk="Қ", narrative_ru="Р", revision=0)

    report = submit_half_year_report(actor=coordinator, year=2026, half=1, now=_at(datetime.date(2026, 6, 12)))

    assert (report.status, report.submitted_by, report.revision) == (HalfYearReport.Status.SUBMITTED, coordinator, 2)
    snapshot = report.snapshot
    assert snapshot["totals"]["meetings_held"] >= 2
    assert snapshot["totals"]["questions"] >= 30
    assert snapshot["narrative"] == {"kk": "Қ", "ru": "Р", "en": ""}
    assert snapshot["revised_at"] is None
    assert snapshot["as_of"] == "2026-06-12"
    obligation = half_year_obligation(2026, 1, today=datetime.date(2026, 6, 20))
    assert (obligation.key, obligation.met_on) == (
        "REG-REPORTS:half-year-results:culture:2026-01-01",
        datetime.date(2026, 6, 12),  # by 15 June: on time
    )
    assert obligation.met_on_time
    assert not Fulfilment.objects.exists()
    told = Notification.objects.filter(kind="reports.half_year.submitted")
    assert sorted(n.recipient.username for n in told) == ["apparatus_approver", "apparatus_oversight"]
    assert AuditLog.objects.filter(action="reports.half_year.submit").count() == 1


def test_a_late_submission_is_recorded_late_and_may_be_revised_until_reviewed():
    world = build_half_year_world()
    coordinator = world.user("coordinator")
    submit_half_year_report(actor=coordinator, year=2026, half=1, now=_at(datetime.date(2026, 6, 20)))
    obligation = half_year_obligation(2026, 1, today=datetime.date(2026, 6, 25))
    assert obligation.met_on == datetime.date(2026, 6, 20)
    assert not obligation.met_on_time  # after 15 June

    revised = submit_half_year_report(actor=coordinator, year=2026, half=1, now=_at(datetime.date(2026, 6, 22)))
    assert revised.snapshot["submitted_at"].startswith("2026-06-20")
    assert revised.snapshot["revised_at"]
    assert revised.submitted_at == _at(datetime.date(2026, 6, 20))
    assert half_year_obligation(2026, 1, today=datetime.date(2026, 6, 25)).met_on == datetime.date(2026, 6, 20)

    record_government_review(
        actor=world.user("apparatus_approver"),
        report=revised,
        reviewed_on=datetime.date(2026, 6, 26),
        reference="Minutes No. 7",
        conclusions_kk="Қ",
        conclusions_ru="Р",
    )
    with pytest.raises(DomainError) as reviewed:
        submit_half_year_report(actor=coordinator, year=2026, half=1, now=_at(datetime.date(2026, 6, 28)))
    assert reviewed.value.code == "reviewed"


def test_a_half_year_not_started_or_not_existing_cannot_be_submitted():
    world = build_half_year_world()
    with pytest.raises(DomainError) as early:
        submit_half_year_report(actor=world.user("coordinator"), year=2026, half=2, now=_at(datetime.date(2026, 6, 1)))
    assert early.value.code == "not_started"
    with pytest.raises(DomainError):
        submit_half_year_report(actor=world.user("coordinator"), year=2026, half=3)
    with pytest.raises(NotPermitted):
        submit_half_year_report(actor=world.user("apparatus_approver"), year=2026, half=1)
