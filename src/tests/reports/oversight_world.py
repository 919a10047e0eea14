"""A small hand-built world for the oversight dashboards' tests (R26), as of 1 December 2027.

Profile REG-O (in force since 2020): ministries report quarterly by the 10th of the month after the quarter (R22),
akimats send their systemic problems each half-year by its end (R11). Ministry B is exempt.

- Ministry A: the 2027 reports due in January (for Q4 2026) met on time, in April met late, July and October not
  met (overdue). Its committee executes one overdue measure; A itself one overdue and one done on time.
- Akimat X: nothing sent (the half-years ending December 2026 and June 2027 overdue, December 2027 not yet due);
  one overdue Government instruction.
- Visits held: two of A's in Q2 2027 in region X (one with a public problem, still open, and two questions), one
  in Q3 2027 in region Y (its public problem solved in Q3); a cancelled one in region Y that counts for nothing.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation, Region
from kezdesu.questions.models import Question
from kezdesu.regulations.models import Fulfilment, ObligationRule
from kezdesu.reports.models import GovernmentReview, HalfYearReport, Instruction
from tests.factories.organisations import PositionFactory
from tests.factories.regulations import ObligationRuleFactory, RegulationProfileFactory
from tests.factories.roles import RoleWorld, build_role_world

TODAY = datetime.date(2027, 12, 1)


@dataclass
class OversightWorld:
    roles: RoleWorld
    region_x: Region
    region_y: Region

    @property
    def ministry(self) -> Organisation:
        return self.roles.ministry

    def user(self, name: str):
        return self.roles.user(name)


def key(debtor: Organisation, period: str, rule: str = "quarterly-information") -> str:
    return f"REG-O:{rule}:{debtor.code}:{period}"


def _profile():
    profile = RegulationProfileFactory(code="REG-O", effective_from=datetime.date(2020, 1, 1))
    ObligationRuleFactory(profile=profile, code="quarterly-information")
    ObligationRuleFactory(
        profile=profile,
        code="systemic-problems",
        requirement="R11",
        title_en="Systemic problems of the region",
        debtor="akimats",
        recipient="competent-bodies",
        period=ObligationRule.Period.HALF_YEAR,
        months=0,
        day=None,
    )
    return profile


def visit(world: RoleWorld, day: datetime.date, region: Region, status: str = Visit.Status.HELD) -> Visit:
    position = PositionFactory(organisation=world.ministry)
    return Visit.objects.create(
        organisation=world.ministry, position=position, region=region, start_date=day, end_date=day, status=status
    )


def issue(visit_: Visit, number: int, **values) -> ProblemIssue:
    values.setdefault("published_at", timezone.now())
    values.setdefault("competent_body", visit_.organisation)
    return ProblemIssue.objects.create(visit=visit_, number=number, region=visit_.region, title_en="Road", **values)


def measure(issue_: ProblemIssue, executor: Organisation, deadline: datetime.date, **values) -> Measure:
    return Measure.objects.create(
        issue=issue_, executor=executor, deadline=deadline, text_en="Repair", executor_position="Head", **values
    )


def question(visit_: Visit, received: datetime.date) -> Question:
    at = timezone.make_aware(datetime.datetime.combine(received, datetime.time(12)))
    return Question.objects.create(visit=visit_, text="Why?", received_at=at)


def build_oversight_world() -> OversightWorld:
    profile = _profile()
    roles = build_role_world()
    profile.exempt_organisations.add(roles.other_ministry)
    a = roles.ministry
    Fulfilment.objects.create(
        obligation_key=key(a, "2026-10-01"), organisation=a, met_on=datetime.date(2027, 1, 8), reference="No. 1"
    )
    Fulfilment.objects.create(
        obligation_key=key(a, "2027-01-01"), organisation=a, met_on=datetime.date(2027, 5, 3), reference="No. 2"
    )
    region_x, region_y = roles.akimat.region, roles.other_akimat.region
    # Real KATO codes (Astana, Almaty), so that the regions are drawn on the map.
    for region, kato in ((region_x, "710000000"), (region_y, "750000000")):
        region.kato = kato
        region.save(update_fields=["kato"])

    first = visit(roles, datetime.date(2027, 5, 20), region_x)
    visit(roles, datetime.date(2027, 6, 3), region_x)
    second = visit(roles, datetime.date(2027, 8, 12), region_y)
    visit(roles, datetime.date(2027, 9, 1), region_y, status=Visit.Status.CANCELLED)
    question(first, datetime.date(2027, 5, 1))
    question(first, datetime.date(2027, 5, 2))
    open_issue = issue(first, 1, status=ProblemIssue.Status.IN_PROGRESS)
    issue(second, 1, status=ProblemIssue.Status.SOLVED, solved_on=datetime.date(2027, 9, 15))
    measure(open_issue, roles.committee, datetime.date(2027, 10, 1))
    measure(open_issue, a, datetime.date(2027, 11, 1), status=MeasureStatus.IN_PROGRESS)
    measure(
        open_issue, a, datetime.date(2027, 9, 1), status=MeasureStatus.DONE, completed_on=datetime.date(2027, 8, 30)
    )

    report = HalfYearReport.objects.create(year=2027, half=1)
    review = GovernmentReview.objects.create(report=report, reviewed_on=datetime.date(2027, 7, 1))
    Instruction.objects.create(
        review=review,
        number=1,
        text="Do it",
        assignee=roles.akimat,
        deadline=TODAY.replace(day=1) - datetime.timedelta(days=1),
    )
    Instruction.objects.create(
        review=review, number=2, text="Later", assignee=roles.akimat, deadline=datetime.date(2028, 1, 1)
    )
    Instruction.objects.create(
        review=review,
        number=3,
        text="Done",
        assignee=a,
        deadline=datetime.date(2027, 8, 1),
        status=Instruction.Status.DONE,
    )
    return OversightWorld(roles=roles, region_x=region_x, region_y=region_y)
