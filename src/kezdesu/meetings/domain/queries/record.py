"""The meeting's record as one typed structure: for the office page, the public page, the API, the DOCX
and the follow-up (issue 6), which starts from the questions forwarded or to be answered in writing."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from kezdesu.meetings.domain.queries.timekeeping import Timing, timing_of
from kezdesu.meetings.domain.record import default_participants, lines_of
from kezdesu.meetings.models import AgendaItem, LiveMeeting, Visit, VisitPart
from kezdesu.questions.models import Outcome, Question


@dataclass(frozen=True)
class QuestionFate:
    """One question of the visit and what became of it."""

    question: Question
    public_text: str  # empty unless the question was published

    @property
    def outcome(self) -> str:
        return self.question.outcome

    @property
    def is_public(self) -> bool:
        return self.question.status == Question.Status.PUBLISHED


@dataclass(frozen=True)
class MeetingRecord:
    visit: Visit
    part: VisitPart
    meeting: LiveMeeting | None
    timing: Timing | None
    planned_start: datetime.datetime | None
    planned_end: datetime.datetime | None
    actual_start: datetime.datetime | None
    actual_end: datetime.datetime | None
    attendance_hall: int | None
    online_viewers: int | None
    participants: list[str]
    participants_prefilled: bool
    recording_links: list[str]
    note: str
    questions: list[QuestionFate] = field(default_factory=list)

    @property
    def is_closed(self) -> bool:
        return self.meeting is not None and self.meeting.stage == LiveMeeting.Stage.CLOSED

    @property
    def public_questions(self) -> list[QuestionFate]:
        return [fate for fate in self.questions if fate.is_public]

    @property
    def outcome_counts(self) -> dict[str, int]:
        """Published questions per outcome ("" for none recorded), every outcome present."""
        counts = Counter(fate.outcome for fate in self.public_questions)
        return {value: counts.get(value, 0) for value in ["", *Outcome.values]}

    @property
    def outcome_rows(self) -> list[tuple[str, int]]:
        labels = dict(Outcome.choices)
        return [(str(labels.get(key, "")), count) for key, count in self.outcome_counts.items() if key]

    @property
    def without_outcome(self) -> int:
        return self.outcome_counts[""]

    @property
    def hidden_counts(self) -> list[tuple[str, int]]:
        """Hidden questions per reason (label, count): the public side sees only these numbers."""
        labels = dict(Question.HiddenReason.choices)
        counts = Counter(
            fate.question.hidden_reason for fate in self.questions if fate.question.status == Question.Status.HIDDEN
        )
        return [(str(labels[key]), counts[key]) for key in Question.HiddenReason.values if counts.get(key)]

    @property
    def hidden_total(self) -> int:
        return sum(count for _label, count in self.hidden_counts)

    @property
    def awaiting_moderation(self) -> int:
        return sum(1 for fate in self.questions if fate.question.status == Question.Status.RECEIVED)

    @property
    def follow_up(self) -> list[QuestionFate]:
        """The questions the meeting left open: to be answered in writing, or forwarded (issue 6)."""
        return [fate for fate in self.questions if fate.outcome in (Outcome.IN_WRITING, Outcome.FORWARDED)]

    @property
    def planned_minutes(self) -> int | None:
        return self.timing.planned_minutes if self.timing is not None else None

    @property
    def actual_minutes(self) -> int | None:
        if self.actual_start is None or self.actual_end is None:
            return None
        return int((self.actual_end - self.actual_start).total_seconds() // 60)


def meeting_record(visit: Visit) -> MeetingRecord | None:
    """The record of the visit's meeting with the population (None if the visit has no meeting part)."""
    part = (
        VisitPart.objects.filter(visit=visit, kind=VisitPart.Kind.MEETING)
        .select_related("visit__organisation", "visit__region", "visit__position")
        .prefetch_related("akim_positions", Prefetch("agenda", queryset=AgendaItem.objects.order_by("order")))
        .first()
    )
    if part is None:
        return None
    meeting = LiveMeeting.objects.filter(part=part).prefetch_related("segments").first()
    if meeting is not None:
        meeting.part = part
    timing = timing_of(meeting) if meeting is not None else None
    questions = (
        Question.objects.filter(visit=visit)
        .select_related("forwarded_to", "topic")
        .order_by("-votes", "received_at", "id")
    )
    fates = [
        QuestionFate(
            question=question,
            public_text=(question.published_text or question.text)
            if question.status == Question.Status.PUBLISHED
            else "",
        )
        for question in questions
    ]
    segments = list(meeting.segments.all()) if meeting is not None else []
    actual_start = segments[0].started_at if segments else (meeting.opened_at if meeting is not None else None)
    recorded = meeting.participants if meeting is not None else ""
    return MeetingRecord(
        visit=visit,
        part=part,
        meeting=meeting,
        timing=timing,
        planned_start=part.starts_at,
        planned_end=part.ends_at,
        actual_start=actual_start,
        actual_end=meeting.closed_at if meeting is not None else None,
        attendance_hall=meeting.attendance_hall if meeting is not None else None,
        online_viewers=meeting.online_viewers if meeting is not None else None,
        participants=lines_of(recorded or default_participants(part)),
        participants_prefilled=not recorded,
        recording_links=lines_of(meeting.recording_links) if meeting is not None else [],
        note=meeting.record_note if meeting is not None else "",
        questions=fates,
    )
