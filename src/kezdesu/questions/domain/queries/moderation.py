"""The moderation queue of a visit and its groups of questions, as the back office and the API show them."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.moderation import moderation_version
from kezdesu.questions.domain.moderation_checks import TextCheck, check_question
from kezdesu.questions.models import Question, QuestionGroup

NO_SUGGESTION = "none"


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    channel: str = ""
    topic: str = ""  # a topic's code
    suggested: str = ""  # a HiddenReason the checks suggest, or NO_SUGGESTION


@dataclass(frozen=True)
class QueueRow:
    question: Question
    check: TextCheck
    version: str


def visit_questions(visit: Visit) -> QuerySet[Question]:
    return Question.objects.filter(visit=visit).select_related(
        "topic", "district", "group", "moderated_by", "visit__organisation"
    )


def moderation_queue(visit: Visit, filters: QueueFilters) -> list[QueueRow]:
    """The visit's questions matching `filters`, oldest first, each with what the automatic checks suggest."""
    questions = visit_questions(visit).order_by("received_at", "pk")
    if filters.status:
        questions = questions.filter(status=filters.status)
    if filters.channel:
        questions = questions.filter(channel=filters.channel)
    if filters.topic:
        questions = questions.filter(topic__code=filters.topic)
    rows = [QueueRow(question, check_question(question), moderation_version(question)) for question in questions]
    if filters.suggested == NO_SUGGESTION:
        return [row for row in rows if not row.check.suggestions]
    if filters.suggested:
        return [row for row in rows if filters.suggested in row.check.reasons]
    return rows


def groups_of(visit: Visit) -> QuerySet[QuestionGroup]:
    """The visit's groups, the largest first, with their members (hidden ones too, marked by their status)."""
    members = Question.objects.select_related("topic").order_by("received_at", "pk")
    return (
        QuestionGroup.objects.filter(visit=visit)
        .select_related("representative")
        .prefetch_related(Prefetch("questions", queryset=members))
        .order_by("-size", "pk")
    )
