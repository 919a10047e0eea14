"""The timekeeper (R15): one running stretch at a time, the presentation's share, closing the meeting."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.meetings.domain.agenda import set_agenda
from kezdesu.meetings.domain.queries.timekeeping import live_meeting_with_timing, timing_of
from kezdesu.meetings.domain.timekeeper import (
    close_meeting,
    open_meeting,
    pause_meeting,
    resume_meeting,
    start_presentation,
    start_questions,
)
from kezdesu.meetings.models import LiveMeeting, TimerSegment, Visit, VisitPart
from tests.factories.agenda import entries, with_profile
from tests.factories.live import build_live_world

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2027, 3, 10, 5, 0, tzinfo=datetime.UTC)  # 10:00 in Almaty


def minutes(count: float) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=count)


@pytest.fixture
def world():
    with_profile()
    return build_live_world(now=T0 + datetime.timedelta(hours=1))  # the meeting part runs 10:00–13:00


def timing(world, at):
    meeting = live_meeting_with_timing(world.visit)
    return timing_of(meeting, now=at)


def segments(world):
    return [
        (segment.kind, segment.started_at, segment.ended_at)
        for segment in TimerSegment.objects.filter(meeting=world.meeting).order_by("started_at")
    ]


def test_opening_marks_the_meeting_open_and_is_audited(world):
    editor = world.user("ministry_editor")
    meeting = open_meeting(actor=editor, visit=world.visit, now=T0)
    assert (meeting.stage, meeting.opened_at) == (LiveMeeting.Stage.NOT_STARTED, T0)
    assert AuditLog.objects.filter(action="meetings.live.open").count() == 1
    with pytest.raises(DomainError) as error:
        open_meeting(actor=editor, visit=world.visit, now=minutes(1))
    assert error.value.code == "already_open"


def test_each_step_ends_the_running_stretch_and_starts_the_next(world):
    editor = world.user("akimat_editor")
    start_presentation(actor=editor, visit=world.visit, now=T0)
    start_questions(actor=editor, visit=world.visit, now=minutes(20))
    pause_meeting(actor=editor, visit=world.visit, now=minutes(50))
    resume_meeting(actor=editor, visit=world.visit, now=minutes(55))
    assert segments(world) == [
        ("presentation", T0, minutes(20)),
        ("questions", minutes(20), minutes(50)),
        ("questions", minutes(55), None),
    ]
    meeting = LiveMeeting.objects.get(pk=world.meeting.pk)
    assert (meeting.stage, meeting.opened_at) == ("questions", T0)
    assert list(
        AuditLog.objects.filter(action__startswith="meetings.live.").order_by("id").values_list("action", flat=True)
    ) == [
        "meetings.live.presentation",
        "meetings.live.questions",
        "meetings.live.pause",
        "meetings.live.resume",
    ]


def test_resuming_after_a_pause_in_the_presentation_goes_back_to_it(world):
    editor = world.user("coordinator")
    start_presentation(actor=editor, visit=world.visit, now=T0)
    pause_meeting(actor=editor, visit=world.visit, now=minutes(5))
    assert resume_meeting(actor=editor, visit=world.visit, now=minutes(7)).stage == "presentation"


def test_the_database_refuses_a_second_running_stretch(world):
    TimerSegment.objects.create(meeting=world.meeting, kind="presentation", started_at=T0)
    with pytest.raises(IntegrityError), transaction.atomic():
        TimerSegment.objects.create(meeting=world.meeting, kind="questions", started_at=minutes(1))


def test_steps_that_make_no_sense_are_refused(world):
    editor = world.user("ministry_editor")
    with pytest.raises(DomainError) as error:
        pause_meeting(actor=editor, visit=world.visit, now=T0)
    assert error.value.code == "not_running"
    with pytest.raises(DomainError) as error:
        close_meeting(actor=editor, visit=world.visit, now=T0)
    assert error.value.code == "not_started"
    start_questions(actor=editor, visit=world.visit, now=T0)
    with pytest.raises(DomainError) as error:
        start_questions(actor=editor, visit=world.visit, now=minutes(1))
    assert error.value.code == "running"
    with pytest.raises(DomainError) as error:
        resume_meeting(actor=editor, visit=world.visit, now=minutes(1))
    assert error.value.code == "not_paused"


@pytest.mark.parametrize("role", ["ministry_viewer", "akimat_viewer", "no_role", "apparatus_oversight"])
def test_only_the_staff_who_run_the_meeting_may_keep_its_time(world, role):
    with pytest.raises(NotPermitted):
        start_presentation(actor=world.user(role), visit=world.visit, now=T0)
    assert segments(world) == []


def test_closing_ends_the_running_stretch_and_records_that_the_meeting_took_place(world):
    editor = world.user("akimat_editor")
    start_presentation(actor=editor, visit=world.visit, now=T0)
    start_questions(actor=editor, visit=world.visit, now=minutes(20))
    meeting = close_meeting(actor=editor, visit=world.visit, now=minutes(90))
    assert (meeting.stage, meeting.closed_at) == ("closed", minutes(90))
    assert segments(world)[-1] == ("questions", minutes(20), minutes(90))
    world.visit.refresh_from_db()
    # The meeting took place; the visit stays open for its other parts (its reception may be ahead).
    part = world.visit.parts.get(kind=VisitPart.Kind.MEETING)
    assert (world.visit.status, part.outcome) == (Visit.Status.PUBLISHED, VisitPart.Outcome.TOOK_PLACE)
    assert AuditLog.objects.filter(action="meetings.part.outcome", target_id=str(part.pk)).count() == 1
    with pytest.raises(DomainError) as error:
        start_questions(actor=editor, visit=world.visit, now=minutes(91))
    assert error.value.code == "closed"


def test_the_share_is_measured_against_the_agenda_when_there_is_one(world):
    set_agenda(
        actor=world.user("ministry_editor"),
        part=world.meeting.part,
        items=entries(("opening", 5), ("presentation", 20), ("questions", 60), ("closing", 5)),
    )
    editor = world.user("ministry_editor")
    start_presentation(actor=editor, visit=world.visit, now=T0)
    clock = timing(world, minutes(14))
    assert (clock.planned_minutes, clock.planned_from_agenda) == (90, True)
    assert (clock.presentation_seconds, clock.allowed_presentation_minutes) == (14 * 60, 22)
    assert clock.summary() == ("The presentation has used 14 of 22 allowed minutes (16% of 90 planned; at most 25%).")
    assert (clock.state, clock.over) == ("ok", False)
    assert timing(world, minutes(18)).state == "near"


def test_without_an_agenda_the_meeting_parts_scheduled_length_is_the_plan(world):
    editor = world.user("ministry_editor")
    start_presentation(actor=editor, visit=world.visit, now=T0)
    start_questions(actor=editor, visit=world.visit, now=minutes(30))
    clock = timing(world, minutes(60))
    assert (clock.planned_minutes, clock.planned_from_agenda, clock.allowed_presentation_minutes) == (180, False, 45)
    assert (clock.presentation_seconds, clock.questions_seconds) == (30 * 60, 30 * 60)
    assert clock.percent_of_used == "50"
    assert clock.over is False


def test_the_warning_comes_once_the_presentation_passes_its_quarter(world):
    set_agenda(
        actor=world.user("ministry_editor"),
        part=world.meeting.part,
        items=entries(("presentation", 20), ("questions", 60)),
    )
    editor = world.user("ministry_editor")
    start_presentation(actor=editor, visit=world.visit, now=T0)
    assert timing(world, minutes(20)).over is False  # exactly 20 of 80 minutes: a quarter is allowed
    clock = timing(world, minutes(21))
    assert (clock.over, clock.state, clock.bar_percent, clock.presentation_left_seconds) == (True, "over", 100, -60)


def test_a_closed_meetings_clock_stops_at_its_closing(world):
    editor = world.user("ministry_editor")
    start_presentation(actor=editor, visit=world.visit, now=T0)
    start_questions(actor=editor, visit=world.visit, now=minutes(10))
    close_meeting(actor=editor, visit=world.visit, now=minutes(40))
    clock = timing(world, minutes(500))
    assert (clock.presentation_seconds, clock.questions_seconds, clock.running_kind) == (600, 1800, None)


def test_every_step_moves_the_live_revision_on(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start_presentation(actor=world.user("ministry_editor"), visit=world.visit, now=T0)
    with django_capture_on_commit_callbacks(execute=True):
        pause_meeting(actor=world.user("ministry_editor"), visit=world.visit, now=minutes(1))
    assert LiveMeeting.objects.get(pk=world.meeting.pk).revision == 2
