"""The akims' systemic problems (R11): sent every half-year to the competent body, which answers.

A problem for a national holding or company is routed by name: such bodies have no account in
Kezdesu, so the akimat records their reply itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import Organisation
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import people_with_roles
from kezdesu.planning.models import SystemicProblem

FIELDS = (
    "akimat",
    "region",
    "half_year_start",
    "title",
    "description",
    "competent_body",
    "competent_company",
    "status",
)
EDITABLE = ("title", "description", "competent_body", "competent_company")
COMPETENT_KINDS = (Organisation.Kind.MINISTRY, Organisation.Kind.COMMITTEE)

register_kind(
    "planning.problems.sent",
    message=ngettext_lazy(
        "%(akimat)s sent %(count)s systemic problem of the half-year beginning %(half_year)s to %(body)s.",
        "%(akimat)s sent %(count)s systemic problems of the half-year beginning %(half_year)s to %(body)s.",
        "count",
    ),
    subject=gettext_lazy("Systemic problems from %(akimat)s"),
)
register_kind(
    "planning.problems.answered",
    message=gettext_lazy("%(body)s answered the systemic problem “%(title)s”."),
    subject=gettext_lazy("Answer to a systemic problem"),
)


def _check_akimat(actor: Any, akimat: Organisation, permission: str) -> None:
    if not actor.has_perm(permission, akimat):
        raise NotPermitted(_("You may not do this for this akimat."))
    if akimat.kind != Organisation.Kind.AKIMAT or akimat.region_id is None:
        raise DomainError(_("Only a region's akimat sends systemic problems."), code="not_akimat")


def validate_half_year(half_year_start: date) -> None:
    if (half_year_start.month, half_year_start.day) not in ((1, 1), (7, 1)):
        raise DomainError(_("A half-year begins on 1 January or 1 July."), code="half_year")


def validate_routing(*, competent_body: Organisation | None, competent_company: str) -> None:
    if (competent_body is None) == (not competent_company.strip()):
        raise DomainError(
            _("Choose the competent ministry, or name the national holding or company — one of the two."),
            code="routing",
        )
    if competent_body is not None and competent_body.kind not in COMPETENT_KINDS:
        raise DomainError(_("The competent body must be a ministry or one of its committees."), code="body_kind")


@transaction.atomic
def create_systemic_problem(
    *,
    actor: Any,
    akimat: Organisation,
    half_year_start: date,
    title: str,
    description: str,
    competent_body: Organisation | None = None,
    competent_company: str = "",
) -> SystemicProblem:
    _check_akimat(actor, akimat, "planning.edit_systemic_problems")
    validate_half_year(half_year_start)
    validate_routing(competent_body=competent_body, competent_company=competent_company)
    if not title.strip() or not description.strip():
        raise DomainError(_("Give the problem and its description."), code="text")
    assert akimat.region is not None  # checked in _check_akimat
    problem = SystemicProblem.objects.create(
        akimat=akimat,
        region=akimat.region,
        half_year_start=half_year_start,
        title=title.strip(),
        description=description.strip(),
        competent_body=competent_body,
        competent_company=competent_company.strip(),
        created_by=actor,
    )
    record_audit(
        actor=actor,
        action="planning.problem.create",
        target=problem,
        organisation=akimat,
        new=snapshot(problem, FIELDS),
    )
    return problem


@transaction.atomic
def update_systemic_problem(*, actor: Any, problem: SystemicProblem, **values: Any) -> SystemicProblem:
    """Change a draft problem. `values` are fields of EDITABLE."""
    _check_akimat(actor, problem.akimat, "planning.edit_systemic_problems")
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if problem.status != SystemicProblem.Status.DRAFT:
        raise DomainError(_("Only a draft problem can be changed."), code="not_draft")
    old = snapshot(problem, FIELDS)
    for name, value in values.items():
        setattr(problem, name, value.strip() if isinstance(value, str) else value)
    validate_routing(competent_body=problem.competent_body, competent_company=problem.competent_company)
    if not problem.title or not problem.description:
        raise DomainError(_("Give the problem and its description."), code="text")
    before, after = changed(old, snapshot(problem, FIELDS))
    if after:
        problem.save(update_fields=list(after))
        record_audit(
            actor=actor,
            action="planning.problem.update",
            target=problem,
            organisation=problem.akimat,
            old=before,
            new=after,
        )
    return problem


@transaction.atomic
def send_systemic_problems(*, actor: Any, akimat: Organisation, half_year_start: date) -> list[SystemicProblem]:
    """Send every draft of the half-year to its competent body, and meet the akimat's R11 obligation."""
    _check_akimat(actor, akimat, "planning.send_systemic_problems")
    validate_half_year(half_year_start)
    drafts = list(
        SystemicProblem.objects.select_for_update(of=("self",))
        .filter(akimat=akimat, half_year_start=half_year_start, status=SystemicProblem.Status.DRAFT)
        .select_related("competent_body")
    )
    if not drafts:
        raise DomainError(_("There is no draft problem of this half-year to send."), code="nothing_to_send")
    now = timezone.now()
    by_body: dict[int, list[SystemicProblem]] = {}
    for problem in drafts:
        problem.status = SystemicProblem.Status.SENT
        problem.sent_at = now
        problem.save(update_fields=["status", "sent_at"])
        record_audit(
            actor=actor,
            action="planning.problem.send",
            target=problem,
            organisation=akimat,
            old={"status": SystemicProblem.Status.DRAFT},
            new={"status": problem.status, "sent_at": now.isoformat()},
        )
        if problem.competent_body is not None:
            by_body.setdefault(problem.competent_body.pk, []).append(problem)
    for problems in by_body.values():
        body = problems[0].competent_body
        assert body is not None
        notify(
            recipients=people_with_roles([body]),
            kind="planning.problems.sent",
            params={
                "akimat": translated(akimat),
                "count": len(problems),
                "half_year": half_year_start.isoformat(),
                "body": translated(body),
            },
            link=reverse("office:problems_inbox"),
        )
    return drafts


def _record_answer(*, actor: Any, problem: SystemicProblem, answer: str, action: str) -> SystemicProblem:
    if problem.status != SystemicProblem.Status.SENT:
        raise DomainError(_("Only a sent problem awaiting an answer can be answered."), code="not_sent")
    if not answer.strip():
        raise DomainError(_("Give the answer."), code="answer")
    problem.status = SystemicProblem.Status.ANSWERED
    problem.answer = answer.strip()
    problem.answered_by = actor
    problem.answered_at = timezone.now()
    problem.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    record_audit(
        actor=actor,
        action=action,
        target=problem,
        organisation=problem.competent_body or problem.akimat,
        old={"status": SystemicProblem.Status.SENT},
        new={"status": problem.status, "answer": problem.answer},
    )
    return problem


@transaction.atomic
def answer_systemic_problem(*, actor: Any, problem: SystemicProblem, answer: str) -> SystemicProblem:
    """The competent ministry answers; the akimat is told."""
    body = problem.competent_body
    if body is None:
        raise DomainError(
            _("This problem went to a national holding or company: the akimat records its reply."), code="company"
        )
    if not actor.has_perm("planning.answer_systemic_problem", body):
        raise NotPermitted(_("You may not answer for this body."))
    _record_answer(actor=actor, problem=problem, answer=answer, action="planning.problem.answer")
    notify(
        recipients=people_with_roles([problem.akimat]),
        kind="planning.problems.answered",
        params={"body": translated(body), "title": problem.title},
        link=reverse("office:problems"),
    )
    return problem


@transaction.atomic
def record_company_answer(*, actor: Any, problem: SystemicProblem, answer: str) -> SystemicProblem:
    """The akimat records the reply of the national holding or company it wrote to."""
    _check_akimat(actor, problem.akimat, "planning.edit_systemic_problems")
    if problem.competent_body is not None:
        raise DomainError(_("The competent ministry answers this problem itself."), code="ministry")
    return _record_answer(actor=actor, problem=problem, answer=answer, action="planning.problem.company_answer")
