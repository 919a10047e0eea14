"""A meeting that has run and closed: build_live_world() with a presentation, questions and outcomes.

`build_closed_world()` runs the clock (20 minutes of presentation from 10:00, 70 of questions) and gives
the four questions outcomes: answered, in writing, forwarded to the region's akimat, and one hidden.
"""

import datetime

from django.utils import timezone

from kezdesu.meetings.domain.closing import PartOutcome, record_visit_outcomes
from kezdesu.meetings.domain.timekeeper import close_meeting, start_presentation, start_questions
from kezdesu.meetings.models import VisitPart
from kezdesu.questions.models import Outcome, Question
from tests.factories.agenda import with_profile
from tests.factories.live import LiveWorld, build_live_world
from tests.factories.organisations import PositionFactory

START = datetime.datetime(2027, 3, 10, 5, 0, tzinfo=datetime.UTC)  # 10:00 in Almaty


def at(minutes: int) -> datetime.datetime:
    return START + datetime.timedelta(minutes=minutes)


def close_other_parts(world: LiveWorld) -> None:
    """The visit's reception, NGO meeting and media briefing took place too: the visit closes (R16)."""
    others = list(VisitPart.objects.filter(visit=world.visit).exclude(kind=VisitPart.Kind.MEETING))
    last = max([part.ends_at for part in others if part.ends_at is not None], default=START)
    record_visit_outcomes(
        actor=world.user("ministry_editor"),
        visit=world.visit,
        outcomes={part.kind: PartOutcome(VisitPart.Outcome.TOOK_PLACE) for part in others},
        now=max(last, START) + datetime.timedelta(hours=1),
    )
    world.visit.refresh_from_db()


def build_closed_world(*, close: bool = True, close_visit: bool = True) -> LiveWorld:
    with_profile()
    world = build_live_world(now=START + datetime.timedelta(hours=1))
    part = world.meeting.part
    akim = PositionFactory(organisation=world.visit_world.roles.akimat, code="akim", title_en="Akim of the region")
    part.akim_positions.add(akim)
    part.other_participants = "Deputy minister B\n\nHead of the regional health department"
    part.save(update_fields=["other_participants"])
    editor = world.user("akimat_editor")
    start_presentation(actor=editor, visit=world.visit, now=at(0))
    start_questions(actor=editor, visit=world.visit, now=at(20))
    answered, in_writing, forwarded, hidden = world.questions
    now = timezone.now()
    for question, outcome in ((answered, Outcome.ANSWERED), (in_writing, Outcome.IN_WRITING)):
        question.outcome, question.outcome_at, question.votes = outcome, now, 5
        question.save(update_fields=["outcome", "outcome_at", "votes"])
    forwarded.outcome, forwarded.outcome_at = Outcome.FORWARDED, now
    forwarded.forwarded_to = world.visit_world.roles.akimat
    forwarded.save(update_fields=["outcome", "outcome_at", "forwarded_to"])
    hidden.status, hidden.hidden_reason = Question.Status.HIDDEN, Question.HiddenReason.SPAM
    hidden.author_name, hidden.contact = "Aigerim Private", "+7 701 000 00 00"
    hidden.save(update_fields=["status", "hidden_reason", "author_name", "contact"])
    answered.author_name, answered.contact = "Berik Secret", "berik@example.kz"
    answered.save(update_fields=["author_name", "contact"])
    if close:
        close_meeting(actor=editor, visit=world.visit, now=at(90))
        if close_visit:
            close_other_parts(world)
    return world
