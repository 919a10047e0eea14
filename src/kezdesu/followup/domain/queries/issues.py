"""Reading a visit's problem issues and the questions still to be placed behind one."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from kezdesu.followup.models import IssueQuestion, Measure, ProblemIssue
from kezdesu.meetings.models import Visit
from kezdesu.questions.models import Question


def issues_of_visit(visit: Visit) -> QuerySet[ProblemIssue]:
    """The visit's problem issues in order, published or not, with their questions, measures and bodies."""
    links = IssueQuestion.objects.select_related("question__topic", "question__district").order_by(
        "question__received_at", "question_id"
    )
    return (
        ProblemIssue.objects.filter(visit=visit)
        .select_related("region", "district", "sector", "competent_body")
        .prefetch_related(
            Prefetch("links", queryset=links),
            Prefetch("measures", queryset=Measure.objects.select_related("executor").order_by("order", "pk")),
        )
        .annotate(measure_count=Count("measures", distinct=True))
        .order_by("number")
    )


def unassigned_questions(visit: Visit) -> QuerySet[Question]:
    """The visit's questions, not hidden, behind no problem issue yet, oldest first."""
    return (
        Question.objects.filter(visit=visit, issue_link__isnull=True)
        .exclude(status=Question.Status.HIDDEN)
        .select_related("topic__ministry", "district", "forwarded_to")
        .order_by("received_at", "pk")
    )
