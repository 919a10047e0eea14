"""The analysis for the minister before a visit: what the population asks, and what became of what it asked
at earlier visits to the region.

Hidden questions (spam, abuse) are counted apart and left out of every other figure. Texts are those the
public sees once published; a question still awaiting moderation shows with its personal data removed.

What became of earlier questions comes from `OUTCOME_SOURCES`: for now the akimat's systemic problems of the
region and the ministries' answers; the follow-up issue appends the action plans' results there.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District
from kezdesu.planning.models import SystemicProblem
from kezdesu.questions.domain.moderation_checks import check_question
from kezdesu.questions.models import Channel, Question, QuestionGroup, Topic

MOST_ASKED = 7
EARLIER_VISITS = 3
EARLIER_MOST_ASKED = 3
OUTCOME_YEARS = 3


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int
    share: int  # per cent of the total, for the bars


@dataclass(frozen=True)
class AskedQuestion:
    text: str
    people: int
    topic: str
    status: str
    group_id: int | None


@dataclass(frozen=True)
class Outcome:
    """What became of something the region raised: where it comes from, what it is, its status and answer."""

    source: str
    title: str
    status: str
    answer: str
    date: datetime.date | None


@dataclass(frozen=True)
class EarlierVisit:
    visit: Visit
    questions: int
    by_topic: list[Tally]
    by_status: list[Tally]
    most_asked: list[AskedQuestion]


@dataclass
class VisitAnalysis:
    visit: Visit
    total: int
    published: int
    awaiting: int
    hidden: int
    by_topic: list[Tally]
    by_district: list[Tally]
    by_channel: list[Tally]
    by_day: list[Tally]
    most_asked: list[AskedQuestion]
    earlier_visits: list[EarlierVisit] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


def counted_questions(visit: Visit) -> QuerySet[Question]:
    return Question.objects.filter(visit=visit).exclude(status=Question.Status.HIDDEN)


def _tallies(rows: list[tuple[str, str, int]], total: int) -> list[Tally]:
    return [
        Tally(key=key, label=label, count=count, share=round(100 * count / total) if total else 0)
        for key, label, count in rows
    ]


def _by_field(questions: QuerySet[Question], name: str, labels: Mapping[Any, Any], other: str) -> list[tuple]:
    # Ties by key, the empty one ("no topic", "no district") last on every database.
    rows = questions.values(name).annotate(n=Count("pk")).order_by("-n", F(name).asc(nulls_last=True))
    return [(str(row[name] or ""), str(labels.get(row[name], other)), row["n"]) for row in rows]


def _public_text(question: Question) -> str:
    if question.status == Question.Status.PUBLISHED and question.published_text:
        return question.published_text
    return check_question(question).proposed_text


def most_asked(visit: Visit, limit: int = MOST_ASKED, *, published_only: bool = False) -> list[AskedQuestion]:
    """The groups by how many people asked, then single questions, earliest first."""
    asked: list[AskedQuestion] = []
    groups = (
        QuestionGroup.objects.filter(visit=visit, size__gt=0, representative__isnull=False)
        .select_related("representative__topic")
        .order_by("-size", "representative__received_at", "pk")
    )
    if published_only:
        groups = groups.filter(representative__status=Question.Status.PUBLISHED)
    for group in groups[:limit]:
        question = group.representative
        assert question is not None
        asked.append(_asked(question, group.size, group.pk))
    if len(asked) < limit:
        single = counted_questions(visit).filter(group__isnull=True).select_related("topic")
        if published_only:
            single = single.filter(status=Question.Status.PUBLISHED)
        asked.extend(
            _asked(question, 1, None) for question in single.order_by("received_at", "pk")[: limit - len(asked)]
        )
    return asked


def _asked(question: Question, people: int, group_id: int | None) -> AskedQuestion:
    return AskedQuestion(
        text=_public_text(question),
        people=people,
        topic=question.topic.name if question.topic else "",
        status=question.get_status_display(),
        group_id=group_id,
    )


def systemic_problem_outcomes(visit: Visit) -> list[Outcome]:
    since = datetime.date(visit.start_date.year - OUTCOME_YEARS, 1, 1)
    problems = (
        SystemicProblem.objects.filter(region_id=visit.region_id, half_year_start__gte=since)
        .exclude(status=SystemicProblem.Status.DRAFT)
        .order_by("-half_year_start", "pk")
    )
    return [
        Outcome(
            source="systemic_problem",
            title=problem.title,
            status=problem.get_status_display(),
            answer=problem.answer,
            date=timezone.localdate(problem.answered_at) if problem.answered_at else problem.half_year_start,
        )
        for problem in problems
    ]


# Each source tells what became of something the region raised; the follow-up issue appends action plans.
OUTCOME_SOURCES: list[Callable[[Visit], list[Outcome]]] = [systemic_problem_outcomes]


def earlier_visits(visit: Visit, limit: int = EARLIER_VISITS) -> list[EarlierVisit]:
    visits = (
        Visit.objects.filter(region_id=visit.region_id, start_date__lt=visit.start_date)
        .exclude(status__in=[Visit.Status.CANCELLED, Visit.Status.DRAFT])
        .select_related("organisation", "position", "region")
        .order_by("-start_date", "-pk")[:limit]
    )
    summaries = []
    for earlier in visits:
        published = Question.objects.filter(visit=earlier, status=Question.Status.PUBLISHED)
        everything = counted_questions(earlier)
        total = everything.count()
        summaries.append(
            EarlierVisit(
                visit=earlier,
                questions=total,
                by_topic=_tallies(_topic_rows(published), published.count())[:5],
                by_status=_tallies(_status_rows(everything), total),
                most_asked=most_asked(earlier, EARLIER_MOST_ASKED, published_only=True),
            )
        )
    return summaries


def _topic_rows(questions: QuerySet[Question]) -> list[tuple]:
    ids = questions.values_list("topic_id", flat=True).distinct()
    names = {topic.pk: topic.name for topic in Topic.objects.filter(pk__in=ids)}
    return _by_field(questions, "topic", names, _("No topic"))


def _status_rows(questions: QuerySet[Question]) -> list[tuple]:
    return _by_field(questions, "status", dict(Question.Status.choices), "")


def visit_analysis(visit: Visit, *, with_history: bool = True) -> VisitAnalysis:
    questions = counted_questions(visit)
    statuses = dict(Question.objects.filter(visit=visit).values_list("status").annotate(n=Count("pk")))
    total = sum(n for status, n in statuses.items() if status != Question.Status.HIDDEN)
    district_ids = questions.values_list("district_id", flat=True).distinct()
    districts = {district.pk: district.name for district in District.objects.filter(pk__in=district_ids)}
    days = (
        questions.annotate(day=TruncDate("received_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    analysis = VisitAnalysis(
        visit=visit,
        total=total,
        published=statuses.get(Question.Status.PUBLISHED, 0),
        awaiting=statuses.get(Question.Status.RECEIVED, 0),
        hidden=statuses.get(Question.Status.HIDDEN, 0),
        by_topic=_tallies(_topic_rows(questions), total),
        by_district=_tallies(_by_field(questions, "district", districts, _("District not given")), total),
        by_channel=_tallies(_by_field(questions, "channel", dict(Channel.choices), ""), total),
        by_day=_tallies([(row["day"].isoformat(), _day_label(row["day"]), row["n"]) for row in days], total),
        most_asked=most_asked(visit),
    )
    if with_history:
        analysis.earlier_visits = earlier_visits(visit)
        analysis.outcomes = [outcome for source in OUTCOME_SOURCES for outcome in source(visit)]
    return analysis


def _day_label(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")
