"""A visit whose meeting is under way (issue 5): build_visit_world() plus its LiveMeeting and questions.

`build_live_world(now=...)` moves the visit's day to `now`'s day (the meeting part from an hour before to two
hours after `now`), opens the live meeting and adds three published questions sent before the meeting and one
from the hall, with no votes yet.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kezdesu.meetings.domain.live_state import live_meeting_for
from kezdesu.meetings.models import LiveMeeting, VisitPart
from kezdesu.questions.models import Channel, Question
from tests.factories.meetings import VisitWorld, build_visit_world


@dataclass
class LiveWorld:
    visit_world: VisitWorld
    meeting: LiveMeeting
    questions: list[Question]

    @property
    def visit(self):
        return self.visit_world.visit

    def user(self, role_name: str):
        return self.visit_world.user(role_name)


def ask(visit, text: str, *, channel: str = Channel.WEB, status: str = Question.Status.PUBLISHED, **values) -> Question:
    return Question.objects.create(
        visit=visit,
        channel=channel,
        text=text,
        status=status,
        region=visit.region,
        received_at=values.pop("received_at", timezone.now()),
        **values,
    )


def build_live_world(*, now: datetime.datetime | None = None) -> LiveWorld:
    now = now or timezone.now()
    day = timezone.localdate(now)
    world = build_visit_world(day=day)
    meeting_part = world.visit.parts.get(kind=VisitPart.Kind.MEETING)
    meeting_part.starts_at = now - datetime.timedelta(hours=1)
    meeting_part.ends_at = now + datetime.timedelta(hours=2)
    meeting_part.save(update_fields=["starts_at", "ends_at"])
    meeting = live_meeting_for(world.visit)
    questions = [
        ask(world.visit, "When will the road to the district hospital be repaired?"),
        ask(world.visit, "Why is there no gas in our village?"),
        ask(world.visit, "Will the school get a new gym?"),
        ask(world.visit, "How do I get a place in the kindergarten?", channel=Channel.HALL),
    ]
    return LiveWorld(visit_world=world, meeting=meeting, questions=questions)
