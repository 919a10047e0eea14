"""Reads of public problem issues and their measures, shared by the portal, the open data and the public API.

Only what the public may see: published issues, published questions' texts, no person named (no question
author or contact, no follower, no staff user).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from kezdesu.followup.domain.queries.states import (
    CLOSED_ISSUE_STATUSES,
    overdue_measures_q,
    public_issues,
    with_overdue,
)
from kezdesu.followup.models import IssueEvent, IssueQuestion, Measure, ProblemIssue
from kezdesu.organisations.models import Organisation, Region
from kezdesu.questions.models import Question, Topic

OVERDUE = "overdue"
OPEN = "open"  # neither solved nor explained as not solvable: still to be dealt with
SEARCH_FIELDS = ("title_kk", "title_ru", "title_en", "description_kk", "description_ru", "description_en")


@dataclass(frozen=True)
class IssueFilters:
    ministry: Organisation | None = None
    region: Region | None = None
    sector: Topic | None = None
    status: str = ""  # a ProblemIssue.Status value, OPEN or OVERDUE
    search: str = ""
    year: int | None = None
    # Inclusive bounds: raised at a visit that started in the range; solved on a day in the range.
    raised_from: datetime.date | None = None
    raised_to: datetime.date | None = None
    solved_from: datetime.date | None = None
    solved_to: datetime.date | None = None


def ministry_q(ministry: Organisation, prefix: str = "") -> Q:
    """Issues raised at the visits of a ministry or of one of its committees."""
    return Q(**{f"{prefix}visit__organisation": ministry}) | Q(**{f"{prefix}visit__organisation__parent": ministry})


def _dates_q(filters: IssueFilters) -> Q:
    bounds = {
        "visit__start_date__gte": filters.raised_from,
        "visit__start_date__lte": filters.raised_to,
        "solved_on__gte": filters.solved_from,
        "solved_on__lte": filters.solved_to,
    }
    return Q(**{lookup: day for lookup, day in bounds.items() if day is not None})


def filtered_public_issues(filters: IssueFilters, *, today: datetime.date) -> QuerySet[ProblemIssue]:
    """Public issues matching `filters`, each annotated with `is_overdue`, without the related rows."""
    issues = with_overdue(public_issues(), today)
    if filters.ministry is not None:
        issues = issues.filter(ministry_q(filters.ministry))
    if filters.region is not None:
        issues = issues.filter(region=filters.region)
    if filters.sector is not None:
        issues = issues.filter(sector=filters.sector)
    if filters.year is not None:
        issues = issues.filter(visit__start_date__year=filters.year)
    issues = issues.filter(_dates_q(filters))
    if filters.status == OVERDUE:
        issues = issues.filter(is_overdue=True)  # type: ignore[misc]  # annotated by with_overdue
    elif filters.status == OPEN:
        issues = issues.exclude(status__in=CLOSED_ISSUE_STATUSES)
    elif filters.status:
        issues = issues.filter(status=filters.status)
    words = filters.search.strip()
    if words:
        match = Q()
        for name in SEARCH_FIELDS:
            match |= Q(**{f"{name}__icontains": words})
        issues = issues.filter(match)
    return issues


def _listed(issues: QuerySet[ProblemIssue]) -> QuerySet[ProblemIssue]:
    return issues.select_related("visit__organisation", "region", "district", "sector", "competent_body").order_by(
        "-visit__start_date", "visit_id", "number"
    )


def public_issue_list(filters: IssueFilters, *, today: datetime.date) -> QuerySet[ProblemIssue]:
    """What a list row shows: the issue, its visit's ministry, place, sector and competent body."""
    return _listed(filtered_public_issues(filters, today=today))


def _public_measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("executor").order_by("order", "pk")


def published_questions() -> QuerySet[IssueQuestion]:
    """The links to questions the moderators published; the others are not public."""
    return (
        IssueQuestion.objects.filter(question__status=Question.Status.PUBLISHED)
        .select_related("question")
        .only("id", "issue_id", "question__id", "question__text", "question__published_text", "question__status")
        .order_by("question__received_at", "question__pk")
    )


def with_public_details(issues: QuerySet[ProblemIssue]) -> QuerySet[ProblemIssue]:
    """Issues with their measures, history and published questions, in a fixed number of queries."""
    return _listed(issues).prefetch_related(
        Prefetch("measures", queryset=_public_measures(), to_attr="public_measures"),
        Prefetch(
            "events", queryset=IssueEvent.objects.select_related("measure").order_by("at", "pk"), to_attr="timeline"
        ),
        Prefetch("links", queryset=published_questions(), to_attr="public_questions"),
    )


def public_issue_page(pk: int, *, today: datetime.date) -> ProblemIssue | None:
    """A public issue with everything its page shows, or None (not published, or not there)."""
    return with_public_details(with_overdue(public_issues(), today)).filter(pk=pk).first()


def public_measures(filters: IssueFilters | None = None, *, today: datetime.date) -> QuerySet[Measure]:
    """The measures of public issues (matching `filters` on their issue), annotated with `is_overdue`."""
    issues = filtered_public_issues(filters or IssueFilters(), today=today)
    return (
        Measure.objects.filter(issue__in=issues.values("pk"))
        .select_related("issue__visit__organisation", "issue__region", "executor")
        .annotate(is_overdue=overdue_measures_q(today))
        .order_by("issue__visit__start_date", "issue__visit_id", "issue__number", "order", "pk")
    )


def question_text(question: Question) -> str:
    """The text the public reads: the moderator's published version, else the question as asked."""
    return question.published_text or question.text


def public_issue_years() -> list[int]:
    """The years of the visits at which public issues were raised, latest first."""
    dates = public_issues().dates("visit__start_date", "year", order="DESC")
    return [day.year for day in dates]
