"""A held visit with its problem issues and action plan: build_closed_world() and two issues.

`build_followup_world()` links the closed meeting's questions to two problem issues (in kk, ru and en):
1. the road to the district hospital (two questions), competent body the region's akimat, with a measure
   for the akimat and one for the other ministry ("executor in another body", whose editor and approver
   are `other_editor` and `other_approver`);
2. gas in the village (one question), competent body a national company, with a measure the visiting
   ministry reports on.
Nothing is published: `publish=True` marks the issues public as the ten-day publication would.
Built with the ORM so tests of one domain module do not depend on another's functions.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kezdesu.followup.models import IssueQuestion, Measure, ProblemIssue, Publication
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Role
from tests.factories.live import LiveWorld
from tests.factories.meeting_record import build_closed_world
from tests.factories.organisations import MembershipFactory, UserFactory


@dataclass
class FollowupWorld:
    live: LiveWorld
    road: ProblemIssue
    gas: ProblemIssue
    akimat_measure: Measure
    other_ministry_measure: Measure
    company_measure: Measure

    @property
    def visit(self) -> Visit:
        return self.live.visit

    @property
    def roles(self):
        return self.live.visit_world.roles

    def user(self, role_name: str):
        return self.live.user(role_name)


def issue(visit: Visit, number: int, *, title: str, **values) -> ProblemIssue:
    values.setdefault("region", visit.region)
    return ProblemIssue.objects.create(
        visit=visit,
        number=number,
        title_kk=f"{title} (kk)",
        title_ru=f"{title} (ru)",
        title_en=title,
        description_kk="Сипаттама",
        description_ru="Описание",
        description_en="Description",
        **values,
    )


def measure(issue: ProblemIssue, text: str, *, deadline: datetime.date, **values) -> Measure:
    values.setdefault("executor_position_en", "Deputy head")
    values.setdefault("executor_position_kk", "Басшының орынбасары")
    values.setdefault("executor_position_ru", "Заместитель руководителя")
    return Measure.objects.create(
        issue=issue, text_kk=f"{text} (kk)", text_ru=f"{text} (ru)", text_en=text, deadline=deadline, **values
    )


def build_followup_world(*, publish: bool = False) -> FollowupWorld:
    live = build_closed_world()
    roles = live.visit_world.roles
    for name, role in (("other_editor", Role.EDITOR), ("other_approver", Role.APPROVER)):
        roles.users[name] = MembershipFactory(
            user=UserFactory(username=name), organisation=roles.other_ministry, role=role
        ).user
    visit = live.visit
    hospital, gas_question, _school, kindergarten = live.questions
    road = issue(visit, 1, title="Road to the district hospital", competent_body=roles.akimat, citizens=2)
    gas = issue(visit, 2, title="Gas in the village", competent_company="QazaqGaz", citizens=1)
    for problem, question in ((road, hospital), (road, kindergarten), (gas, gas_question)):
        IssueQuestion.objects.create(issue=problem, question=question)
    akimat_measure = measure(road, "Repair the road", deadline=datetime.date(2027, 9, 30), executor=roles.akimat)
    other_measure = measure(
        road, "Fund the repair", deadline=datetime.date(2027, 6, 30), executor=roles.other_ministry, order=1
    )
    company_measure = measure(
        gas, "Connect the village to the gas network", deadline=datetime.date(2027, 12, 1), executor_company="QazaqGaz"
    )
    if publish:
        now = timezone.now()
        Publication.objects.create(
            visit=visit,
            results_kk="Нәтижелер",
            results_ru="Итоги",
            results_en="Results",
            published_at=now,
            published_by=live.user("ministry_approver"),
        )
        ProblemIssue.objects.filter(visit=visit).update(published_at=now)
        road.refresh_from_db()
        gas.refresh_from_db()
    return FollowupWorld(
        live=live,
        road=road,
        gas=gas,
        akimat_measure=akimat_measure,
        other_ministry_measure=other_measure,
        company_measure=company_measure,
    )
