"""Reads of a visit's questions: what the public sees, and what staff see of the intake."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from kezdesu.meetings.models import Visit
from kezdesu.questions.models import Channel, ImportBatch, Question

PUBLISHED = Question.Status.PUBLISHED


def published_questions(visit: Visit) -> QuerySet[Question]:
    """The visit's published questions, a group of questions once (its representative when published,
    else its first published member), annotated with `asked`: how many people asked it. Most asked first."""
    first_of_group = (
        Question.objects.filter(group_id=OuterRef("group_id"), status=PUBLISHED)
        .annotate(is_representative=ExpressionWrapper(Q(group__representative_id=F("pk")), output_field=BooleanField()))
        .order_by("-is_representative", "received_at", "pk")
        .values("pk")[:1]
    )
    return (
        Question.objects.filter(visit=visit, status=PUBLISHED)
        .filter(Q(group__isnull=True) | Q(pk=Subquery(first_of_group)))
        .annotate(asked=Coalesce("group__size", Value(1), output_field=IntegerField()))
        .select_related("topic", "district", "region")
        .order_by("-asked", "-received_at", "-pk")
    )


def visit_questions(visit: Visit, *, channel: str = "") -> QuerySet[Question]:
    """Every question of the visit for staff, newest first, optionally of one channel."""
    questions = Question.objects.filter(visit=visit)
    if channel:
        questions = questions.filter(channel=channel)
    return questions.select_related("topic", "district", "import_batch").order_by("-received_at", "-pk")


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    label: str
    total: int
    received: int
    published: int
    hidden: int


def channel_counts(visit: Visit) -> list[ChannelCount]:
    """How many questions came by each channel, and where moderation stands; channels with none left out."""
    rows = (
        Question.objects.filter(visit=visit)
        .values("channel")
        .annotate(
            total=Count("pk"),
            received=Count("pk", filter=Q(status=Question.Status.RECEIVED)),
            published=Count("pk", filter=Q(status=PUBLISHED)),
            hidden=Count("pk", filter=Q(status=Question.Status.HIDDEN)),
        )
    )
    by_channel = {row["channel"]: row for row in rows}
    return [
        ChannelCount(
            channel=channel.value,
            label=str(channel.label),
            total=by_channel[channel.value]["total"],
            received=by_channel[channel.value]["received"],
            published=by_channel[channel.value]["published"],
            hidden=by_channel[channel.value]["hidden"],
        )
        for channel in Channel
        if channel.value in by_channel
    ]


def import_batches(visit: Visit) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(visit=visit).select_related("uploaded_by").order_by("-uploaded_at", "-pk")
