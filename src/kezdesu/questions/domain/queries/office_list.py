"""The back office's list of questions across visits: the records behind the oversight figures (R26)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from kezdesu.meetings.domain.queries.visits import visits_in_scope
from kezdesu.organisations.domain.queries.scope import sees_everything
from kezdesu.organisations.models import Organisation, Region
from kezdesu.questions.models import Question


@dataclass(frozen=True)
class QuestionFilters:
    start: datetime.date | None = None  # received on or after, in Kazakhstan's time
    end: datetime.date | None = None  # received on or before, in Kazakhstan's time
    channel: str = ""
    ministry: Organisation | None = None  # the visiting ministry, its committees' visits included
    region: Region | None = None  # the visit's region
    status: str = ""


def _midnight(day: datetime.date) -> datetime.datetime:
    """The day's first moment in Kazakhstan's time, as the oversight dashboard's quarters begin."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def questions_in_scope(user: Any) -> QuerySet[Question]:
    """The questions of the visits the user reads (as `meetings.view_visit` decides per visit); all for the
    nationwide readers."""
    questions = Question.objects.all()
    if not sees_everything(user):
        questions = questions.filter(visit__in=visits_in_scope(user).values("pk"))
    return questions


def office_questions(user: Any, filters: QuestionFilters) -> QuerySet[Question]:
    """The questions the user reads matching `filters`, newest first, with what a list row shows."""
    questions = questions_in_scope(user)
    if filters.start is not None:
        questions = questions.filter(received_at__gte=_midnight(filters.start))
    if filters.end is not None:
        questions = questions.filter(received_at__lt=_midnight(filters.end + datetime.timedelta(days=1)))
    if filters.channel:
        questions = questions.filter(channel=filters.channel)
    if filters.ministry is not None:
        questions = questions.filter(
            Q(visit__organisation=filters.ministry) | Q(visit__organisation__parent=filters.ministry)
        )
    if filters.region is not None:
        questions = questions.filter(visit__region=filters.region)
    if filters.status:
        questions = questions.filter(status=filters.status)
    return questions.select_related("visit__organisation", "visit__position", "visit__region").order_by(
        "-received_at", "-pk"
    )
