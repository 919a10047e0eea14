"""A year (2025) of hand-built records for the annual evaluation, with the figures each indicator must give.

`build_evaluation_world()` adds to the role world a test act (in force since 2020) with the first head's
meeting every quarter, the quarterly information by the 10th after the quarter and the ten-day publication of
a visit's results, an exempt ministry ("ministry-x"), and for 2025 (seen from TODAY, 1 March 2026):

Ministry A (`ministry-a`):
- first-head-meeting: Q1 met on time, Q2 met late, Q3 not met (overdue), Q4 met on time → 2 / 4;
- quarterly-information: for Q4 2024 (due 10.01.2025) met on time, the three others not met → 1 / 4;
- visits: V1 (10.05.2025, results published on time), V3 (03.11.2025, results never published) → 1 / 2;
  its committee's visit V2 (10.09.2025) counts for participation only (the act binds ministries);
- V1's public issues: I1 solved on 01.06.2025 with its measure done on time; I2 measure done late; I3 measure
  overdue; I4 measure due in 2026 (not counted); I5 not public (not counted) → issues 1 / 3, measures 1 / 3;
- participation: V1 2 counted questions (one hidden) + 40 in the hall + 58 online = 100, V2 30, V3 20 →
  150 citizens / 3 visits = 50 per visit.
Ministry B: nothing met (0 / 4, 0 / 4), one visit whose results were never published (0 / 1), no issues,
100 in the hall at its one visit: the best participation, 1.
The authorized body (a ministry too): nothing met, no visits. Ministry X: exempt, no records (but
`add_exempt_visit`: one visit with one public issue solved on time, 1 / 1, and its measure done on time).
Built with the ORM, so these tests do not depend on other modules' domain functions.

What a criterion with nothing to count counts (`EvaluationScheme.missing`), from these records:
- AVERAGE (default): B's issues and measures count at A's 0.3333 (the average of 1 ministry: the others have
  nothing to count, X is exempt) → B 0 + 0 + 0 + 6.67 + 3.33 + 10 = 20.00; the authorized body's publications
  at (0.5 + 0) / 2 = 0.25 and its issues and measures at 0.3333 → 5.00 + 6.67 + 3.33 = 15.00; A 41.25 as ever.
- SPREAD: B's other weights (70) scaled to 100 → 14.29; the authorized body 0.00.
- ZERO: B 10.00 (participation only); the authorized body 0.00.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone

from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue
from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart
from kezdesu.organisations.models import Organisation, Role
from kezdesu.questions.models import Question
from kezdesu.regulations.models import Fulfilment, ObligationRule, RegulationProfile
from tests.factories.followup import issue, measure
from tests.factories.live import ask
from tests.factories.organisations import MembershipFactory, OrganisationFactory, PositionFactory, UserFactory
from tests.factories.regulations import ObligationRuleFactory, RegulationProfileFactory
from tests.factories.roles import RoleWorld, build_role_world

YEAR = 2025
TODAY = datetime.date(2026, 3, 1)
PROFILE = "TEST-EVAL"
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


@dataclass
class EvaluationWorld:
    roles: RoleWorld
    profile: RegulationProfile
    exempt: Organisation
    v1: Visit
    v2: Visit
    v3: Visit
    b1: Visit
    issues: dict[str, ProblemIssue]

    def user(self, role_name: str):
        return self.roles.user(role_name)


def evaluation_profile() -> RegulationProfile:
    profile = RegulationProfileFactory(code=PROFILE, effective_from=datetime.date(2020, 1, 1))
    ObligationRuleFactory(
        profile=profile,
        code="first-head-meeting",
        requirement="R2",
        title_en="First head's meeting with the population",
        recipient="population",
        months=0,
        day=None,
        roll=ObligationRule.Roll.NONE,
    )
    ObligationRuleFactory(profile=profile, code="quarterly-information", title_en="Quarterly information", order=1)
    ObligationRuleFactory(
        profile=profile,
        code="visit-results",
        requirement="R20",
        title_en="Results of the visit published",
        recipient="population",
        period=ObligationRule.Period.EVENT,
        event="visit-ended",
        anchor=ObligationRule.Anchor.EVENT,
        months=0,
        day=None,
        days=10,
        order=2,
    )
    return profile


def held_visit(organisation: Organisation, day: datetime.date, *, hall: int = 0, online: int = 0, **values) -> Visit:
    position = PositionFactory(organisation=organisation, code=f"head-{day:%m%d}")
    region = values.pop("region")
    visit = Visit.objects.create(
        organisation=organisation,
        position=position,
        region=region,
        start_date=day,
        end_date=day,
        status=Visit.Status.HELD,
        title_en=f"Visit of {organisation.code} on {day:%d.%m}",
        **values,
    )
    part = VisitPart.objects.create(
        visit=visit,
        kind=VisitPart.Kind.MEETING,
        starts_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=ALMATY),
        ends_at=datetime.datetime.combine(day, datetime.time(12), tzinfo=ALMATY),
    )
    LiveMeeting.objects.create(part=part, attendance_hall=hall, online_viewers=online)
    return visit


def fulfil(rule: str, organisation: Organisation, suffix: str, met_on: datetime.date) -> Fulfilment:
    return Fulfilment.objects.create(
        obligation_key=f"{PROFILE}:{rule}:{organisation.code}:{suffix}",
        organisation=organisation,
        met_on=met_on,
        reference="No. 1",
    )


def build_evaluation_world() -> EvaluationWorld:
    roles = build_role_world()
    profile = evaluation_profile()
    exempt = OrganisationFactory(code="ministry-x", name_en="Ministry X")
    profile.exempt_organisations.add(exempt)
    roles.users["other_approver"] = MembershipFactory(
        user=UserFactory(username="other_approver"), organisation=roles.other_ministry, role=Role.APPROVER
    ).user
    a, b = roles.ministry, roles.other_ministry
    region = roles.akimat.region

    for suffix, met_on in (("2025-01-01", "2025-03-20"), ("2025-04-01", "2025-07-05"), ("2025-10-01", "2025-12-01")):
        fulfil("first-head-meeting", a, suffix, datetime.date.fromisoformat(met_on))
    fulfil("quarterly-information", a, "2024-10-01", datetime.date(2025, 1, 9))

    v1 = held_visit(a, datetime.date(2025, 5, 10), hall=40, online=58, region=region)
    v2 = held_visit(roles.committee, datetime.date(2025, 9, 10), hall=30, region=region)
    v3 = held_visit(a, datetime.date(2025, 11, 3), hall=20, region=region)
    b1 = held_visit(b, datetime.date(2025, 4, 15), hall=100, region=region)
    fulfil("visit-results", a, str(v1.pk), datetime.date(2025, 5, 15))
    ask(v1, "Roads?")
    ask(v1, "Gas?")
    ask(v1, "Advert", status=Question.Status.HIDDEN, hidden_reason=Question.HiddenReason.SPAM)

    published = timezone.now()
    made = {}
    for number, name in enumerate(("i1", "i2", "i3", "i4", "i5"), start=1):
        made[name] = issue(
            v1,
            number,
            title=f"Issue {name}",
            competent_body=roles.akimat,
            published_at=None if name == "i5" else published,
        )
    i1 = made["i1"]
    i1.status, i1.solved_on = ProblemIssue.Status.SOLVED, datetime.date(2025, 6, 1)
    i1.save(update_fields=["status", "solved_on"])
    done = MeasureStatus.DONE
    measure(
        i1, "Measure 1", deadline=datetime.date(2025, 7, 1), executor=roles.akimat, status=done,
        completed_on=datetime.date(2025, 6, 1),
    )  # fmt: skip
    measure(
        made["i2"], "Measure 2", deadline=datetime.date(2025, 8, 1), executor=roles.akimat, status=done,
        completed_on=datetime.date(2025, 8, 10),
    )  # fmt: skip
    measure(made["i3"], "Measure 3", deadline=datetime.date(2025, 9, 1), executor=roles.akimat)
    measure(made["i4"], "Measure 4", deadline=datetime.date(2026, 3, 1), executor=roles.akimat)
    measure(made["i5"], "Measure 5", deadline=datetime.date(2025, 9, 1), executor=roles.akimat)
    assert Measure.objects.count() == 5
    return EvaluationWorld(roles=roles, profile=profile, exempt=exempt, v1=v1, v2=v2, v3=v3, b1=b1, issues=made)


def add_exempt_visit(world: EvaluationWorld) -> Visit:
    """A visit of the exempt ministry X with one public issue solved on time (its measure done on time)."""
    visit = held_visit(world.exempt, datetime.date(2025, 6, 20), hall=10, region=world.roles.akimat.region)
    solved = issue(
        visit,
        1,
        title="Issue of X",
        competent_body=world.roles.akimat,
        published_at=timezone.now(),
        status=ProblemIssue.Status.SOLVED,
        solved_on=datetime.date(2025, 7, 1),
    )
    measure(
        solved, "Measure of X", deadline=datetime.date(2025, 7, 10), executor=world.roles.akimat,
        status=MeasureStatus.DONE, completed_on=datetime.date(2025, 7, 1),
    )  # fmt: skip
    return visit
