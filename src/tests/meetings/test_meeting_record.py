"""The meeting's record (issue 5, R17): attendance, participants, recordings, every question's fate, DOCX."""

import io

import pytest
from docx import Document

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.meetings.domain.queries.record import meeting_record
from kezdesu.meetings.domain.record import update_record
from kezdesu.meetings.interfaces.record_docx import record_docx
from kezdesu.meetings.models import LiveMeeting
from tests.factories.meeting_record import at, build_closed_world

pytestmark = pytest.mark.django_db

VALUES = {
    "attendance_hall": 340,
    "online_viewers": 5120,
    "participants": "Akim of the region\n Deputy minister B \n",
    "recording_links": "https://www.youtube.com/watch?v=abcdefghijk\n\nhttps://facebook.com/ministry/videos/1",
    "record_note": " The hall was full. ",
}


def test_the_record_is_kept_once_the_meeting_is_closed():
    world = build_closed_world(close=False)
    with pytest.raises(DomainError) as error:
        update_record(actor=world.user("akimat_editor"), visit=world.visit, **VALUES)
    assert error.value.code == "not_closed"


def test_the_record_is_saved_cleaned_and_audited():
    world = build_closed_world()
    update_record(actor=world.user("ministry_approver"), visit=world.visit, **VALUES)
    meeting = LiveMeeting.objects.get(pk=world.meeting.pk)
    assert (meeting.attendance_hall, meeting.online_viewers) == (340, 5120)
    assert meeting.participants == "Akim of the region\nDeputy minister B"
    assert meeting.recording_links == (
        "https://www.youtube.com/watch?v=abcdefghijk\nhttps://facebook.com/ministry/videos/1"
    )
    assert meeting.record_note == "The hall was full."
    entry = AuditLog.objects.get(action="meetings.live.record")
    assert entry.new_values["attendance_hall"] == 340


def test_a_recording_link_that_is_no_web_address_is_refused_and_nothing_changes():
    world = build_closed_world()
    with pytest.raises(DomainError) as error:
        update_record(
            actor=world.user("akimat_editor"),
            visit=world.visit,
            **{**VALUES, "recording_links": "https://ok.example/video\njavascript:alert(1)"},
        )
    assert str(error.value.message) == (
        "Recording link 2 is not a web address (http:// or https://): javascript:alert(1)"
    )
    assert LiveMeeting.objects.get(pk=world.meeting.pk).attendance_hall is None


def test_viewers_may_not_write_the_record():
    world = build_closed_world()
    with pytest.raises(NotPermitted):
        update_record(actor=world.user("akimat_viewer"), visit=world.visit, **VALUES)


def test_participants_are_prefilled_from_the_meeting_preparation_until_recorded():
    world = build_closed_world()
    record = meeting_record(world.visit)
    assert record.participants == ["Akim of the region", "Deputy minister B", "Head of the regional health department"]
    assert record.participants_prefilled is True
    update_record(actor=world.user("akimat_editor"), visit=world.visit, **VALUES)
    record = meeting_record(world.visit)
    assert (record.participants, record.participants_prefilled) == (["Akim of the region", "Deputy minister B"], False)


def test_the_record_tells_every_questions_fate_and_the_times():
    world = build_closed_world()
    record = meeting_record(world.visit)
    assert record.is_closed is True
    assert (record.actual_start, record.actual_end, record.actual_minutes) == (at(0), at(90), 90)
    assert record.planned_minutes == 180
    assert (record.timing.presentation_seconds, record.timing.questions_seconds) == (20 * 60, 70 * 60)
    assert record.outcome_counts == {"": 0, "answered": 1, "in_writing": 1, "forwarded": 1}
    assert record.hidden_counts == [("spam or advertising", 1)]
    assert len(record.questions) == 4
    assert [fate.question.pk for fate in record.follow_up] == [world.questions[1].pk, world.questions[2].pk]
    assert [fate.public_text for fate in record.public_questions] == [
        "When will the road to the district hospital be repaired?",
        "Why is there no gas in our village?",
        "Will the school get a new gym?",
    ]


def test_the_docx_holds_the_times_attendance_and_questions():
    world = build_closed_world()
    update_record(actor=world.user("akimat_editor"), visit=world.visit, **VALUES)
    document = Document(io.BytesIO(record_docx(meeting_record(world.visit))))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Record of the meeting with the population" in text
    assert "Answered at the meeting: 1 · To be answered in writing: 1 · Forwarded: 1" in text
    assert "340" in cells
    assert "5120" in cells
    assert "20:00" in cells
    assert "1:10:00" in cells
    assert "Why is there no gas in our village?" in cells
    assert "Hidden: spam or advertising" in cells
    assert "Berik Secret" not in cells + text
