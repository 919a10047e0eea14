"""The akims' systemic problems in the reports (R11): per half-year, what each akimat sent, to whom, what was
answered, at which meetings the problem was taken up and what was done about it.

"Taken up at a meeting" is a question of a visit linked to the problem (the "systemic problem" channel); "what
was done" is the problem issue that question belongs to, with its measures. A fixed number of queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from kezdesu.followup.domain.progress_reports import LANGUAGES, translated, visit_titles
from kezdesu.followup.models import Measure, MeasureStatus
from kezdesu.organisations.domain.queries.scope import organisations_in_scope, sees_everything
from kezdesu.organisations.models import Organisation
from kezdesu.planning.models import SystemicProblem
from kezdesu.questions.models import Question
from kezdesu.regulations.domain.obligations import obligations_between
from kezdesu.regulations.models import ObligationRule
from kezdesu.reports.domain.queries.half_year import half_year_dates
from kezdesu.reports.domain.queries.instructions import reads_half_year_results

Translated = dict[str, str]


@dataclass(frozen=True)
class MeetingRef:
    visit_pk: int
    title: Translated
    start_date: str
    status: str


@dataclass(frozen=True)
class IssueRef:
    pk: int
    visit_pk: int
    number: int
    title: Translated
    status: str
    measures_done: int
    measures_total: int


@dataclass(frozen=True)
class ProblemRow:
    pk: int
    title: str
    competent: Translated  # the ministry, or the national holding or company by name
    competent_code: str  # the ministry's code; "" for a company
    sent_on: str | None
    status: str
    answer: str
    answered_on: str | None
    meetings: list[MeetingRef] = field(default_factory=list)
    issues: list[IssueRef] = field(default_factory=list)


@dataclass(frozen=True)
class AkimatRow:
    code: str
    name: Translated
    region: Translated
    obligation_state: str  # "met", "open", "overdue", or "" when no rule applies
    due: str | None
    met_on: str | None
    problems: list[ProblemRow] = field(default_factory=list)


@dataclass(frozen=True)
class ProblemCounts:
    akimats: int = 0
    akimats_met: int = 0
    sent: int = 0
    answered: int = 0
    taken_up: int = 0
    with_issue: int = 0


@dataclass(frozen=True)
class SystemicProblemsReport:
    year: int
    half: int
    start: str
    end: str
    counts: ProblemCounts
    akimats: list[AkimatRow]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _day(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localdate(moment).isoformat()


def sent_problems(year: int, half: int) -> Any:
    start, _end = half_year_dates(year, half)
    return (
        SystemicProblem.objects.filter(half_year_start=start)
        .exclude(status=SystemicProblem.Status.DRAFT)
        .select_related("akimat", "region", "competent_body")
        .order_by("akimat__name_en", "sent_at", "pk")
    )


def systemic_problems_by_half_year(
    year: int,
    half: int,
    *,
    akimat: Organisation | None = None,
    competent_bodies: list[Organisation] | None = None,
    today: datetime.date | None = None,
) -> SystemicProblemsReport:
    """Per akimat, the problems it sent for the half-year and what became of them, and whether its R11
    obligation was met. `competent_bodies` keeps the problems sent to those bodies (a ministry's view)."""
    start, end = half_year_dates(year, half)
    problems = sent_problems(year, half)
    akimats = Organisation.objects.filter(kind=Organisation.Kind.AKIMAT).select_related("region")
    if akimat is not None:
        problems = problems.filter(akimat=akimat)
        akimats = akimats.filter(pk=akimat.pk)
    if competent_bodies is not None:
        problems = problems.filter(competent_body__in=competent_bodies)
    problem_list = list(problems)
    if competent_bodies is not None:  # a ministry sees the akimats that wrote to it
        akimats = akimats.filter(pk__in={problem.akimat_id for problem in problem_list})
    akimat_list = sorted(
        akimats, key=lambda organisation: (getattr(organisation, "name_en", "") or "", organisation.code)
    )

    questions = (
        Question.objects.filter(systemic_problem__in=[problem.pk for problem in problem_list])
        .select_related("visit__position", "visit__region", "issue_link__issue")
        .order_by("visit__start_date", "pk")
    )
    meetings: dict[int, dict[int, MeetingRef]] = defaultdict(dict)
    issues_of: dict[int, dict[int, Any]] = defaultdict(dict)
    for question in questions:
        assert question.systemic_problem_id is not None
        visit = question.visit
        meetings[question.systemic_problem_id].setdefault(
            visit.pk,
            MeetingRef(
                visit_pk=visit.pk,
                title=visit_titles(visit),
                start_date=visit.start_date.isoformat(),
                status=visit.status,
            ),
        )
        link = getattr(question, "issue_link", None)
        if link is not None:
            issues_of[question.systemic_problem_id].setdefault(link.issue.pk, link.issue)
    issue_ids = {pk for issues in issues_of.values() for pk in issues}
    measure_counts: dict[int, dict[str, int]] = {
        row["issue"]: {"total": row["total"], "done": row["done"]}
        for row in Measure.objects.filter(issue__in=issue_ids)
        .order_by()
        .values("issue")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=MeasureStatus.DONE)))
    }

    obligations = {
        obligation.debtor.code: obligation
        for obligation in obligations_between(
            start=end, end=end + datetime.timedelta(days=31), organisations=akimat_list, today=today
        )
        if obligation.rule.role == ObligationRule.Role.SYSTEMIC_PROBLEMS and obligation.period_start == start
    }

    by_akimat: dict[int, list[ProblemRow]] = defaultdict(list)
    for problem in problem_list:
        body = problem.competent_body
        by_akimat[problem.akimat_id].append(
            ProblemRow(
                pk=problem.pk,
                title=problem.title,
                competent=translated(body, "name")
                if body is not None
                else dict.fromkeys(LANGUAGES, problem.competent_company),
                competent_code=body.code if body is not None else "",
                sent_on=_day(problem.sent_at),
                status=problem.status,
                answer=problem.answer,
                answered_on=_day(problem.answered_at),
                meetings=list(meetings[problem.pk].values()),
                issues=[
                    IssueRef(
                        pk=issue.pk,
                        visit_pk=issue.visit_id,
                        number=issue.number,
                        title=translated(issue, "title"),
                        status=issue.status,
                        measures_done=measure_counts.get(issue.pk, {}).get("done", 0),
                        measures_total=measure_counts.get(issue.pk, {}).get("total", 0),
                    )
                    for issue in issues_of[problem.pk].values()
                ],
            )
        )
    rows = []
    for organisation in akimat_list:
        obligation = obligations.get(organisation.code)
        rows.append(
            AkimatRow(
                code=organisation.code,
                name=translated(organisation, "name"),
                region=translated(organisation.region, "name")
                if organisation.region is not None
                else dict.fromkeys(LANGUAGES, ""),
                obligation_state=str(obligation.state) if obligation is not None else "",
                due=obligation.due.isoformat() if obligation is not None else None,
                met_on=obligation.met_on.isoformat()
                if obligation is not None and obligation.met_on is not None
                else None,
                problems=by_akimat[organisation.pk],
            )
        )
    all_rows = [problem for row in rows for problem in row.problems]
    counts = ProblemCounts(
        akimats=len(rows),
        akimats_met=sum(1 for row in rows if row.obligation_state == "met"),
        sent=len(all_rows),
        answered=sum(1 for problem in all_rows if problem.status == SystemicProblem.Status.ANSWERED),
        taken_up=sum(1 for problem in all_rows if problem.meetings),
        with_issue=sum(1 for problem in all_rows if problem.issues),
    )
    return SystemicProblemsReport(
        year=year, half=half, start=start.isoformat(), end=end.isoformat(), counts=counts, akimats=rows
    )


def problems_scope(user: Any) -> dict[str, Any] | None:
    """What of the systemic problems the user reads: everything, their akimat's, or those sent to their
    ministries; None when nothing."""
    if sees_everything(user) or reads_half_year_results(user):
        return {}
    bodies = list(organisations_in_scope(user))
    akimats = [body for body in bodies if body.kind == Organisation.Kind.AKIMAT]
    if akimats:
        return {"akimat": akimats[0]}
    ministries = [body for body in bodies if body.kind in (Organisation.Kind.MINISTRY, Organisation.Kind.COMMITTEE)]
    if ministries:
        return {"competent_bodies": ministries}
    return None
