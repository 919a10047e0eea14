"""Live meeting demo data: the held demo visits' meetings as the timekeeper and the moderators left them.

Runs after the moderation demo (`add_moderation_demo`). For each held visit it writes the clock (opened a few
minutes early, a presentation within the quarter, questions and answers to the end), the outcomes of the
published questions (most answered at the meeting, some to be answered in writing, some forwarded to the
region's akimat), and the record: attendance, online viewers, participants, the recording and a note. The
visits are already held, so the rows are written directly rather than through the timekeeper, which runs only
announced visits. A meeting that already has its clock is skipped: running it twice changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from kezdesu.meetings.domain.live_state import live_meeting_for
from kezdesu.meetings.domain.queries.timekeeping import planned_minutes
from kezdesu.meetings.domain.record import default_participants
from kezdesu.meetings.models import LiveMeeting, TimerSegment, Visit, VisitPart
from kezdesu.planning.domain.queries.schedule import akimat_of_region
from kezdesu.questions.models import Outcome, Question

# Per published question, in order of votes: what became of it (a repeating pattern of ten).
PATTERN = (
    Outcome.ANSWERED,
    Outcome.ANSWERED,
    Outcome.IN_WRITING,
    Outcome.ANSWERED,
    Outcome.FORWARDED,
    Outcome.ANSWERED,
    Outcome.ANSWERED,
    Outcome.IN_WRITING,
    Outcome.ANSWERED,
    Outcome.FORWARDED,
)
NOTES = {
    Outcome.IN_WRITING: "The ministry answers in writing within 15 working days.",
    Outcome.FORWARDED: "Within the akimat's competence: forwarded with a request to reply to the author.",
}


def _minutes(moment: datetime.datetime, count: float) -> datetime.datetime:
    return moment + datetime.timedelta(minutes=count)


def _clock(meeting: LiveMeeting, part: VisitPart) -> datetime.datetime:
    """Segments with plausible times; returns when the meeting closed."""
    assert part.starts_at is not None
    start = part.starts_at
    planned, _from_agenda = planned_minutes(part)
    total = planned or 120
    presentation = max(10, int(total * 0.22))  # within the quarter, as the rule asks
    asked = 5 + presentation
    first_half = max(5, min(40, (total - asked - 6) // 2))
    resumed = asked + first_half + 3  # a short pause: the sound failed
    segments = [
        (TimerSegment.Kind.PRESENTATION, _minutes(start, 4), _minutes(start, 4 + presentation)),
        (TimerSegment.Kind.QUESTIONS, _minutes(start, asked), _minutes(start, asked + first_half)),
        (TimerSegment.Kind.QUESTIONS, _minutes(start, resumed), _minutes(start, max(resumed + 5, total - 3))),
    ]
    TimerSegment.objects.bulk_create(
        TimerSegment(meeting=meeting, kind=kind, started_at=begin, ended_at=end) for kind, begin, end in segments
    )
    return segments[-1][2]


def _outcomes(visit: Visit, closed: datetime.datetime) -> int:
    akimat = akimat_of_region(visit.region)
    questions = list(
        Question.objects.filter(visit=visit, status=Question.Status.PUBLISHED).order_by("received_at", "pk")
    )
    for index, question in enumerate(questions):
        question.votes = (question.pk * 37) % 60 + (5 if index < 10 else 0)
    questions.sort(key=lambda question: (-question.votes, question.pk))
    for index, question in enumerate(questions):
        outcome = PATTERN[index % len(PATTERN)]
        if outcome == Outcome.FORWARDED and akimat is None:
            outcome = Outcome.IN_WRITING
        question.outcome = outcome
        question.forwarded_to = akimat if outcome == Outcome.FORWARDED else None
        question.outcome_note = NOTES.get(outcome, "")
        question.outcome_at = _minutes(closed, -60 + index % 55)
        if outcome == Outcome.ANSWERED:
            question.shortlisted_at = _minutes(closed, -70 + index % 55)
    Question.objects.bulk_update(
        questions, ["votes", "outcome", "forwarded_to", "outcome_note", "outcome_at", "shortlisted_at"]
    )
    Question.objects.filter(pk__in=[question.pk for question in questions]).update(revision=F("revision") + 1)
    return len(questions)


@transaction.atomic
def add_live_meeting_demo(visits: Iterable[Visit]) -> dict[str, int]:
    """Give every held demo visit's meeting its clock, outcomes and record; returns what was done."""
    done = {"meetings": 0, "outcomes": 0}
    for visit in visits:
        if (
            visit.status != Visit.Status.HELD
            and not VisitPart.objects.filter(
                visit=visit, kind=VisitPart.Kind.MEETING, outcome=VisitPart.Outcome.TOOK_PLACE
            ).exists()
        ):
            continue
        part = VisitPart.objects.filter(visit=visit, kind=VisitPart.Kind.MEETING).first()
        if part is None or part.starts_at is None:
            continue
        meeting = live_meeting_for(visit)
        if meeting.segments.exists():
            continue
        closed = _clock(meeting, part)
        first = meeting.segments.order_by("started_at").first()
        assert first is not None
        links = [link.url for link in part.broadcasts.all()]
        meeting.stage = LiveMeeting.Stage.CLOSED
        meeting.opened_at = _minutes(first.started_at, -9)
        meeting.closed_at = closed
        meeting.attendance_hall = 180 + (visit.pk * 53) % 220
        meeting.online_viewers = 2400 + (visit.pk * 977) % 6000
        meeting.participants = "\n".join(filter(None, [str(visit.position.title), default_participants(part)]))
        meeting.recording_links = "\n".join(links)
        meeting.record_note = "The hall was full; the broadcast paused once for three minutes (sound)."
        meeting.revision += 1
        meeting.save()
        done["outcomes"] += _outcomes(visit, closed)
        done["meetings"] += 1
    return done
