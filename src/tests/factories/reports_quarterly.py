"""A past quarter of a ministry's records for its quarterly information (R22): `build_quarter_world()`.

The role world's first ministry ("ministry-a") in the first quarter of 2026 (in the past: what met an
obligation cannot be dated in the future), under a test profile with the
act's rules (`first-head-meeting`, `visit-results`, `quarterly-information`, as in REG-2024):
- the visit of `build_visit_world()` on 10 March, held and scheduled: its meeting recorded 120 in the hall and
  300 online; questions: 2 on the web (1 answered), 1 from the hall, 1 at the reception, 1 hidden as spam;
  reception: 2 bookings and 1 cancelled; two problem issues (one solved on 25 March, one being solved);
  its ten-day publication due 20 March met late, on 26 March;
- an unscheduled visit on 3 February, held (30 in the hall, no online figure), one question from the media
  briefing, its publication due 13 February never made;
- a cancelled visit on 20 January; a visit in April and another ministry's visit in March (neither counts);
- measures due in the quarter: one done on time, one done late, one still in progress (overdue); one due in May;
- systemic problems sent to the ministry: two in the quarter (one answered), one in April; one to the other
  ministry; one item of the approved schedule in the quarter.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kezdesu.followup.models import MeasureStatus, ProblemIssue, ProgressUpdate
from kezdesu.meetings.models import Booking, LiveMeeting, Visit, VisitPart
from kezdesu.planning.models import SystemicProblem
from kezdesu.questions.models import Channel, Question
from kezdesu.regulations.models import Fulfilment, ObligationRule, RegulationProfile
from tests.factories.followup import issue, measure
from tests.factories.followup_rules import with_followup_rules
from tests.factories.meetings import VisitWorld, at, build_visit_world
from tests.factories.planning import SystemicProblemFactory
from tests.factories.planning_published import PublishedItemFactory
from tests.factories.questions import question
from tests.factories.reception import add_booking, add_slots
from tests.factories.regulations import ObligationRuleFactory
from tests.factories.visits import another_visit

YEAR, QUARTER = 2026, 1
AFTER = datetime.date(2026, 4, 20)  # the quarter has ended; the information was due on 10 April


def with_quarterly_rules() -> RegulationProfile:
    """The test profile (REG-AGENDA) with R20, R21, the first head's meeting and the quarterly information."""
    profile = with_followup_rules()
    ObligationRuleFactory(
        profile=profile,
        code="first-head-meeting",
        requirement="R2",
        source="G1.1",
        title_en="First head's meeting with the population (at least once a quarter)",
        recipient="population",
        anchor=ObligationRule.Anchor.PERIOD_END,
        months=0,
        day=None,
        days=0,
        roll=ObligationRule.Roll.NONE,
    )
    ObligationRuleFactory(
        profile=profile,
        code="quarterly-information",
        requirement="R22",
        source="G1.4",
        title_en="Summary information on the meetings held in the quarter",
    )
    return profile


@dataclass
class QuarterWorld:
    visit_world: VisitWorld
    visit: Visit
    unscheduled: Visit
    cancelled: Visit

    @property
    def roles(self):
        return self.visit_world.roles

    @property
    def ministry(self):
        return self.visit_world.roles.ministry

    def user(self, role_name: str):
        return self.visit_world.user(role_name)


def _aware(day: datetime.date) -> datetime.datetime:
    return at(12, day=day)


def build_quarter_world(*, records: bool = True) -> QuarterWorld:
    world = build_visit_world(status=Visit.Status.HELD, day=datetime.date(2026, 3, 10))
    profile = with_quarterly_rules()
    visit = world.visit
    ministry = world.roles.ministry
    unscheduled = another_visit(world, day=datetime.date(2026, 2, 3), status=Visit.Status.HELD, is_unscheduled=True)
    cancelled = another_visit(world, day=datetime.date(2026, 1, 20), status=Visit.Status.CANCELLED)
    result = QuarterWorld(visit_world=world, visit=visit, unscheduled=unscheduled, cancelled=cancelled)
    if not records:
        return result
    another_visit(world, day=datetime.date(2026, 4, 6), status=Visit.Status.HELD)
    another_visit(
        world, day=datetime.date(2026, 3, 16), status=Visit.Status.HELD, organisation=world.roles.other_ministry
    )
    LiveMeeting.objects.create(
        part=world.part(VisitPart.Kind.MEETING), stage="closed", attendance_hall=120, online_viewers=300
    )
    LiveMeeting.objects.create(
        part=unscheduled.parts.get(kind=VisitPart.Kind.MEETING), stage="closed", attendance_hall=30
    )
    received = _aware(datetime.date(2026, 3, 1))
    question(visit, channel=Channel.WEB, received_at=received, outcome=Question.Outcome.ANSWERED)
    question(visit, channel=Channel.WEB, received_at=received)
    question(visit, channel=Channel.HALL, received_at=received)
    question(visit, channel=Channel.RECEPTION, received_at=received)
    question(visit, channel=Channel.WEB, received_at=received, status=Question.Status.HIDDEN)
    question(unscheduled, channel=Channel.MEDIA_BRIEFING, received_at=received)
    slots = add_slots(world, count=3)
    add_booking(slots[0], code="CODE1")
    add_booking(slots[1], code="CODE2")
    add_booking(slots[2], code="CODE3", status=Booking.Status.CANCELLED)

    solved = issue(visit, 1, title="Water", competent_body=ministry, status=ProblemIssue.Status.SOLVED)
    solved.solved_on = datetime.date(2026, 3, 25)
    solved.save(update_fields=["solved_on"])
    open_issue = issue(visit, 2, title="Roads", competent_body=ministry, status=ProblemIssue.Status.IN_PROGRESS)
    on_time = measure(solved, "Drill a well", deadline=datetime.date(2026, 3, 20), executor=ministry)
    late = measure(solved, "Lay the pipe", deadline=datetime.date(2026, 3, 28), executor=ministry, order=1)
    overdue = measure(open_issue, "Repair the road", deadline=datetime.date(2026, 3, 25), executor=ministry)
    measure(open_issue, "Light the road", deadline=datetime.date(2026, 5, 1), executor=ministry, order=1)
    for item, status, completed in (
        (on_time, MeasureStatus.DONE, datetime.date(2026, 3, 18)),
        (late, MeasureStatus.DONE, datetime.date(2026, 3, 30)),
        (overdue, MeasureStatus.IN_PROGRESS, None),
    ):
        item.status, item.completed_on = status, completed
        item.save(update_fields=["status", "completed_on"])
        ProgressUpdate.objects.create(
            measure=item,
            year=YEAR,
            quarter=QUARTER,
            status=status,
            percent=100 if completed else 40,
            comment="Reported",
            organisation=ministry,
        )

    Fulfilment.objects.create(
        obligation_key=f"{profile.code}:visit-results:{ministry.code}:{visit.pk}",
        organisation=ministry,
        met_on=datetime.date(2026, 3, 26),
        reference="https://example.kz/results",
    )

    def sent(day: datetime.date, **values) -> SystemicProblem:
        values.setdefault("competent_body", ministry)
        values.setdefault("status", SystemicProblem.Status.SENT)
        return SystemicProblemFactory(sent_at=_aware(day), **values)

    sent(datetime.date(2026, 1, 15))
    sent(
        datetime.date(2026, 2, 1),
        status=SystemicProblem.Status.ANSWERED,
        answer="Done",
        answered_at=_aware(datetime.date(2026, 3, 1)),
    )
    sent(datetime.date(2026, 4, 2))
    sent(datetime.date(2026, 2, 2), competent_body=world.roles.other_ministry)
    PublishedItemFactory(
        organisation=ministry,
        position=world.minister,
        region=visit.region,
        start_date=datetime.date(2026, 3, 10),
        end_date=datetime.date(2026, 3, 10),
    )
    return result


def timestamp(day: datetime.date) -> datetime.datetime:
    """Noon of `day` in Kazakhstan's time, for `now=` arguments."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
