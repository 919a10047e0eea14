"""The live meeting demo: every held demo visit's meeting has its clock, outcomes and a complete record."""

import io

import pytest
from django.core.management import call_command

from kezdesu.demo.live_meeting import add_live_meeting_demo
from kezdesu.meetings.domain.queries.record import meeting_record
from kezdesu.meetings.models import LiveMeeting, TimerSegment, Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits():
    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo", "--today", "2026-11-21", stdout=io.StringIO())
    return list(Visit.objects.order_by("start_date", "pk"))


def test_held_visits_get_a_complete_record_and_running_it_twice_changes_nothing(visits):
    # load_demo ran it once already: a second run changes nothing.
    assert add_live_meeting_demo(visits) == {"meetings": 0, "outcomes": 0}
    assert LiveMeeting.objects.filter(stage="closed").count() == 4
    for visit in (visit for visit in visits if visit.status == Visit.Status.HELD):
        record = meeting_record(visit)
        assert record.is_closed
        assert record.attendance_hall is not None
        assert record.online_viewers is not None
        assert record.recording_links
        assert record.participants
        assert record.timing.over is False  # the demo keeps the quarter
        assert record.without_outcome == 0
        assert {key for key, count in record.outcome_counts.items() if count} == {
            "answered",
            "in_writing",
            "forwarded",
        }
    # A meeting closed in the live console is one that took place (Finance's visit awaits its other parts).
    assert not LiveMeeting.objects.filter(stage="closed").exclude(part__outcome="took_place").exists()
    assert TimerSegment.objects.filter(ended_at__isnull=True).count() == 0
