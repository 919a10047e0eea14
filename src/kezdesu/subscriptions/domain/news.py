"""Recording the news subscribers hear of and the feeds list. Called by the receivers of the meetings' and the
follow-up's signals (receivers.py), inside the transaction of the change they tell of."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation
from kezdesu.subscriptions.models import NewsItem


def record_news(
    *,
    kind: str,
    organisation: Organisation,
    visits: Iterable[Visit],
    params: dict[str, Any] | None = None,
    at: datetime.datetime | None = None,
) -> NewsItem:
    """One news item. News are what the system tells of changes already audited: they write no audit row."""
    if kind not in NewsItem.Kind.values:
        raise ValueError(f"Unknown kind of news {kind!r}")
    news = NewsItem.objects.create(
        kind=kind, organisation=organisation, params=dict(params or {}), at=at or timezone.now()
    )
    news.visits.set(list(visits))
    return news


def visit_news_params(visit: Visit, **extra: Any) -> dict[str, Any]:
    """The visit's days as they were when the news was written: a later change is news of its own."""
    return {"start": visit.start_date.isoformat(), "end": visit.end_date.isoformat(), **extra}
