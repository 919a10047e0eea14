"""Writing a problem issue's public history. Every domain function that changes what the public sees of an
issue calls `record_event` in the same transaction; followers hear of it once the change commits."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from kezdesu.followup.models import IssueEvent, Measure, ProblemIssue


def record_event(
    *,
    issue: ProblemIssue,
    kind: str,
    measure: Measure | None = None,
    params: dict[str, Any] | None = None,
    at: datetime.datetime | None = None,
) -> IssueEvent:
    event = IssueEvent.objects.create(
        issue=issue, kind=kind, measure=measure, params=dict(params or {}), at=at or timezone.now()
    )
    if issue.published_at is not None:
        from kezdesu.followup.tasks import task_notify_followers

        transaction.on_commit(lambda: task_notify_followers.delay(event.pk))
    return event
