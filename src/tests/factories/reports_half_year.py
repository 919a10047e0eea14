"""A world for the half-year results (R23) and the systemic problems report (R11).

`build_half_year_world()` adds to the role world a test act in force since 2024 with the rules of the
quarterly information (R22), the half-year results (R23) and the systemic problems (R11), as in the real acts'
data; an approver and an editor of the Government Apparatus; an editor of the other ministry; and a visit of
the first ministry on 15 April 2026 in the first akimat's region.
Built with the ORM so the tests of the reports do not depend on other apps' functions.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kezdesu.followup.models import IssueQuestion, Measure, ProblemIssue
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation, Role, User
from kezdesu.planning.models import SystemicProblem
from kezdesu.questions.models import Channel, Question
from kezdesu.regulations.models import ObligationRule, RegulationProfile
from kezdesu.reports.models import GovernmentReview, HalfYearReport, Instruction, QuarterlyInformation
from tests.factories.organisations import MembershipFactory, PositionFactory, UserFactory
from tests.factories.regulations import ObligationRuleFactory, RegulationProfileFactory
from tests.factories.roles import RoleWorld, build_role_world

VISIT_DAY = datetime.date(2026, 4, 15)


@dataclass
class HalfYearWorld:
    roles: RoleWorld
    profile: RegulationProfile
    visit: Visit

    def user(self, role_name: str) -> User:
        user = self.roles.users[role_name]
        assert user is not None
        return user


def with_report_rules() -> RegulationProfile:
    profile = RegulationProfileFactory(code="REG-REPORTS", effective_from=datetime.date(2024, 1, 1))
    common = {"profile": profile, "months": 0, "day": None, "days": 0, "roll": ObligationRule.Roll.NONE}
    ObligationRuleFactory(
        **{**common, "months": 1, "day": 10},
        code="quarterly-information",
        requirement="R22",
        title_en="Summary information on the meetings held in the quarter",
        debtor="ministries",
        recipient="authorized-body",
        period=ObligationRule.Period.QUARTER,
        anchor=ObligationRule.Anchor.PERIOD_END,
    )
    ObligationRuleFactory(
        **{**common, "day": 15},
        code="half-year-results",
        requirement="R23",
        title_en="Information on the results of the heads' meetings in the half-year",
        debtor="authorized-body",
        recipient="government-apparatus",
        period=ObligationRule.Period.HALF_YEAR,
        anchor=ObligationRule.Anchor.PERIOD_END,
    )
    ObligationRuleFactory(
        **common,
        code="systemic-problems",
        requirement="R11",
        title_en="The region's systemic problems sent to the competent bodies",
        debtor="akimats",
        recipient="competent-bodies",
        period=ObligationRule.Period.HALF_YEAR,
        anchor=ObligationRule.Anchor.PERIOD_END,
    )
    return profile


def build_half_year_world() -> HalfYearWorld:
    roles = build_role_world()
    extra = {
        "apparatus_approver": (roles.apparatus, Role.APPROVER),
        "other_editor": (roles.other_ministry, Role.EDITOR),
        "akimat_approver": (roles.akimat, Role.APPROVER),
    }
    for name, (organisation, role) in extra.items():
        roles.users[name] = MembershipFactory(
            user=UserFactory(username=name, email=f"{name}@example.kz"), organisation=organisation, role=role
        ).user
    profile = with_report_rules()
    minister = PositionFactory(organisation=roles.ministry, code="minister", title_en="Minister A")
    visit = Visit.objects.create(
        organisation=roles.ministry,
        position=minister,
        region=roles.akimat.region,
        start_date=VISIT_DAY,
        end_date=VISIT_DAY,
        status=Visit.Status.HELD,
        title_en="Minister A meets the population",
        title_kk="А министрі халықпен кездеседі",
        title_ru="Министр А встречается с населением",
    )
    return HalfYearWorld(roles=roles, profile=profile, visit=visit)


def submitted_pack(
    organisation: Organisation, year: int, quarter: int, *, on: datetime.date, **counts: int
) -> QuarterlyInformation:
    """A ministry's quarterly information as submitted on `on`, with `counts` in its snapshot."""
    moment = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    return QuarterlyInformation.objects.create(
        organisation=organisation,
        year=year,
        quarter=quarter,
        status=QuarterlyInformation.Status.SUBMITTED,
        snapshot={"version": 1, "counts": counts},
        approved_at=moment,
        submitted_at=moment,
    )


def sent_problem(
    akimat: Organisation, title: str, *, body: Organisation | None = None, company: str = "", **values: object
) -> SystemicProblem:
    assert akimat.region is not None
    values.setdefault("sent_at", timezone.make_aware(datetime.datetime(2026, 3, 2, 10)))
    return SystemicProblem.objects.create(
        akimat=akimat,
        region=akimat.region,
        half_year_start=datetime.date(2026, 1, 1),
        title=title,
        description=f"{title}: the details",
        competent_body=body,
        competent_company=company,
        status=values.pop("status", SystemicProblem.Status.SENT),
        **values,
    )


def taken_up(problem: SystemicProblem, visit: Visit, *, measures: tuple[str, ...] = ()) -> ProblemIssue:
    """A question about the problem at `visit`, behind a problem issue with measures of the given statuses."""
    question = Question.objects.create(
        visit=visit,
        text=problem.title,
        channel=Channel.SYSTEMIC_PROBLEM,
        region=visit.region,
        received_at=timezone.now(),
        systemic_problem=problem,
    )
    issue = ProblemIssue.objects.create(
        visit=visit,
        number=ProblemIssue.objects.filter(visit=visit).count() + 1,
        title_kk=f"{problem.title} (kk)",
        title_ru=f"{problem.title} (ru)",
        title_en=problem.title,
        description_en="Description",
        region=visit.region,
        competent_company="QazaqGaz",
    )
    IssueQuestion.objects.create(issue=issue, question=question)
    for order, status in enumerate(measures):
        Measure.objects.create(
            issue=issue,
            text_en=f"Measure {order}",
            text_kk=f"Measure {order}",
            text_ru=f"Measure {order}",
            deadline=datetime.date(2026, 9, 30),
            executor_company="QazaqGaz",
            status=status,
            order=order,
        )
    return issue


def reviewed_report(world: HalfYearWorld, *, year: int = 2025, half: int = 2) -> GovernmentReview:
    """An earlier half-year's results, submitted and reviewed (without going through the domain)."""
    report = HalfYearReport.objects.create(
        year=year,
        half=half,
        status=HalfYearReport.Status.SUBMITTED,
        submitted_at=timezone.make_aware(datetime.datetime(2025, 12, 12, 12)),
        snapshot={"version": 1},
    )
    return GovernmentReview.objects.create(
        report=report,
        reviewed_on=datetime.date(2025, 12, 26),
        reference="Minutes No. 12",
        conclusions_en="Noted",
        conclusions_kk="Noted",
        conclusions_ru="Noted",
        recorded_by=world.user("apparatus_approver"),
    )


def instruction(
    review: GovernmentReview, number: int, assignee: Organisation, *, deadline: datetime.date, **values: object
) -> Instruction:
    values.setdefault("text_en", f"Instruction {number}")
    return Instruction.objects.create(
        review=review,
        number=number,
        text=f"Instruction {number}",
        text_kk=f"Тапсырма {number}",
        text_ru=f"Поручение {number}",
        assignee=assignee,
        deadline=deadline,
        **values,
    )
