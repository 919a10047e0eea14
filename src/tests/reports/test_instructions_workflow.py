"""The Government's review (P6.1) and its instructions as tracked tasks: numbering, reporting, overdue notices."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.reports.domain.instructions import (
    add_instruction,
    notify_overdue_instructions,
    record_government_review,
    report_on_instruction,
    update_instruction,
    withdraw_instruction,
)
from kezdesu.reports.domain.queries.instructions import instructions_for
from kezdesu.reports.models import HalfYearReport, Instruction
from kezdesu.reports.tasks import task_notify_overdue_instructions
from tests.factories.reports_half_year import build_half_year_world, instruction, reviewed_report

pytestmark = pytest.mark.django_db


def _submitted(year: int = 2026, half: int = 1) -> HalfYearReport:
    return HalfYearReport.objects.create(
        year=year,
        half=half,
        status=HalfYearReport.Status.SUBMITTED,
        submitted_at=timezone.make_aware(datetime.datetime(2026, 6, 10, 12)),
    )


def test_the_apparatus_approver_records_the_review_once_and_corrects_it_by_revision():
    world = build_half_year_world()
    approver = world.user("apparatus_approver")
    draft = HalfYearReport.objects.create(year=2025, half=2)
    with pytest.raises(DomainError) as not_submitted:
        record_government_review(
            actor=approver,
            report=draft,
            reviewed_on=datetime.date(2026, 1, 5),
            reference="M",
            conclusions_kk="",
            conclusions_ru="",
        )
    assert not_submitted.value.code == "not_submitted"
    report = _submitted()
    review = record_government_review(
        actor=approver,
        report=report,
        reviewed_on=datetime.date(2026, 6, 25),
        reference="Minutes No. 7",
        conclusions_kk="Қ",
        conclusions_ru="Р",
    )
    assert (review.revision, review.recorded_by, review.reference) == (1, approver, "Minutes No. 7")
    corrected = record_government_review(
        actor=approver,
        report=report,
        reviewed_on=datetime.date(2026, 6, 26),
        reference="Minutes No. 7",
        conclusions_kk="Қ",
        conclusions_ru="Р",
        revision=1,
    )
    assert (corrected.pk, corrected.reviewed_on, corrected.revision) == (review.pk, datetime.date(2026, 6, 26), 2)
    with pytest.raises(DomainError) as stale:
        record_government_review(
            actor=approver,
            report=report,
            reviewed_on=datetime.date(2026, 6, 27),
            reference="X",
            conclusions_kk="",
            conclusions_ru="",
            revision=1,
        )
    assert stale.value.code == "changed_meanwhile"
    with pytest.raises(DomainError) as early:
        record_government_review(
            actor=approver,
            report=report,
            reviewed_on=datetime.date(2026, 6, 1),
            reference="X",
            conclusions_kk="",
            conclusions_ru="",
            revision=2,
        )
    assert early.value.code == "before_submission"
    with pytest.raises(NotPermitted):
        record_government_review(
            actor=world.user("apparatus_oversight"),
            report=report,
            reviewed_on=datetime.date(2026, 6, 25),
            reference="X",
            conclusions_kk="",
            conclusions_ru="",
            revision=2,
        )
    assert sorted(row.action for row in AuditLog.objects.filter(action__startswith="reports.review")) == [
        "reports.review.record",
        "reports.review.update",
    ]


def test_instructions_are_numbered_in_turn_and_their_executors_are_told():
    world = build_half_year_world()
    approver = world.user("apparatus_approver")
    review = reviewed_report(world)
    first = add_instruction(
        actor=approver,
        review=review,
        text_kk="Қ",
        text_ru="Р",
        assignee=world.roles.ministry,
        deadline=datetime.date(2026, 3, 1),
    )
    second = add_instruction(
        actor=approver,
        review=review,
        text_kk="Қ2",
        text_ru="Р2",
        assignee=world.roles.authorized_body,
        deadline=datetime.date(2026, 3, 1),
    )
    assert (first.number, second.number, first.created_by) == (1, 2, approver)
    told = {(n.recipient.username, n.link) for n in Notification.objects.filter(kind="reports.instruction.given")}
    assert told == {
        ("ministry_editor", f"/en/office/reports/instructions/{first.pk}/"),
        ("ministry_approver", f"/en/office/reports/instructions/{first.pk}/"),
        ("coordinator", f"/en/office/reports/instructions/{second.pk}/"),
    }
    with pytest.raises(DomainError) as no_russian:
        add_instruction(
            actor=approver,
            review=review,
            text_kk="Қ",
            text_ru=" ",
            assignee=world.roles.ministry,
            deadline=datetime.date(2026, 3, 1),
        )
    assert no_russian.value.code == "text"
    with pytest.raises(NotPermitted):
        add_instruction(
            actor=world.user("coordinator"),
            review=review,
            text_kk="Қ",
            text_ru="Р",
            assignee=world.roles.ministry,
            deadline=datetime.date(2026, 3, 1),
        )


def test_the_executor_reports_and_a_changed_or_withdrawn_instruction_is_guarded():
    world = build_half_year_world()
    approver = world.user("apparatus_approver")
    review = reviewed_report(world)
    given = instruction(review, 1, world.roles.ministry, deadline=datetime.date(2026, 3, 1))
    moved = update_instruction(
        actor=approver,
        instruction=given,
        text_kk="Қ",
        text_ru="Р",
        assignee=world.roles.ministry,
        deadline=datetime.date(2026, 4, 1),
        revision=0,
    )
    assert (moved.deadline, moved.revision) == (datetime.date(2026, 4, 1), 1)
    with pytest.raises(NotPermitted):
        report_on_instruction(
            actor=world.user("ministry_viewer"),
            instruction=moved,
            report="Done",
            done_on=datetime.date(2026, 3, 20),
            revision=1,
        )
    with pytest.raises(DomainError) as stale:
        report_on_instruction(
            actor=world.user("ministry_editor"),
            instruction=moved,
            report="Done",
            done_on=datetime.date(2026, 3, 20),
            revision=0,
        )
    assert stale.value.code == "changed_meanwhile"
    done = report_on_instruction(
        actor=world.user("ministry_editor"),
        instruction=moved,
        report="Done",
        done_on=datetime.date(2026, 3, 20),
        revision=1,
    )
    assert (done.status, done.done_on, done.reported_by) == (
        Instruction.Status.DONE,
        datetime.date(2026, 3, 20),
        world.user("ministry_editor"),
    )
    assert (
        Notification.objects.filter(kind="reports.instruction.reported").count() == 2
    )  # apparatus approver and oversight
    with pytest.raises(DomainError) as not_open:
        withdraw_instruction(actor=approver, instruction=done, revision=done.revision)
    assert not_open.value.code == "not_open"
    other = instruction(review, 2, world.roles.other_ministry, deadline=datetime.date(2026, 3, 1))
    withdrawn = withdraw_instruction(actor=approver, instruction=other, revision=0)
    assert withdrawn.status == Instruction.Status.WITHDRAWN
    with pytest.raises(DomainError):
        report_on_instruction(
            actor=world.user("other_editor"),
            instruction=withdrawn,
            report="x",
            done_on=datetime.date(2026, 3, 2),
            revision=1,
        )


def test_each_overdue_instruction_is_chased_once():
    world = build_half_year_world()
    review = reviewed_report(world)
    late = instruction(review, 1, world.roles.ministry, deadline=datetime.date(2026, 3, 1))
    instruction(review, 2, world.roles.ministry, deadline=datetime.date(2099, 9, 1))
    instruction(
        review,
        3,
        world.roles.ministry,
        deadline=datetime.date(2026, 3, 1),
        status="done",
        done_on=datetime.date(2026, 2, 1),
    )

    assert notify_overdue_instructions(today=datetime.date(2026, 3, 2)) == 2  # the ministry's editor and approver
    assert notify_overdue_instructions(today=datetime.date(2026, 3, 3)) == 0
    notices = Notification.objects.filter(kind="reports.instruction.overdue")
    assert {n.link for n in notices} == {f"/en/office/reports/instructions/{late.pk}/"}
    assert task_notify_overdue_instructions.delay().get() == 0


def test_a_ministry_sees_its_own_instructions_and_nationwide_readers_all():
    world = build_half_year_world()
    review = reviewed_report(world)
    mine = instruction(review, 1, world.roles.ministry, deadline=datetime.date(2026, 3, 1))
    instruction(review, 2, world.roles.other_ministry, deadline=datetime.date(2026, 3, 1))
    assert list(instructions_for(world.user("ministry_viewer"))) == [mine]
    assert instructions_for(world.user("apparatus_oversight")).count() == 2
    assert instructions_for(world.user("akimat_viewer")).count() == 0
