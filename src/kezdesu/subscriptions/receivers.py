"""What the subscriptions app does when meetings or the follow-up tell it something (their signals.py): a news
item in the same transaction, e-mailed by a task once the transaction commits."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kezdesu.followup.models import ProblemIssue, ProgressReport, Publication
from kezdesu.meetings.models import Visit
from kezdesu.subscriptions.domain.news import record_news, visit_news_params
from kezdesu.subscriptions.models import NewsItem


def _send_on_commit(news: NewsItem) -> None:
    from kezdesu.subscriptions.tasks import task_send_news

    news_id = news.pk
    transaction.on_commit(lambda: task_send_news.delay(news_id), robust=True)


def on_visit_announced(*, visit: Visit, **_: Any) -> None:
    news = record_news(
        kind=NewsItem.Kind.ANNOUNCED, organisation=visit.organisation, visits=[visit], params=visit_news_params(visit)
    )
    _send_on_commit(news)


def on_visit_changed(*, visit: Visit, changes: tuple[str, ...], **_: Any) -> None:
    if "cancelled" in changes:
        kind, params = NewsItem.Kind.CANCELLED, visit_news_params(visit)
    else:
        kind, params = NewsItem.Kind.CHANGED, visit_news_params(visit, changes=sorted(changes))
    _send_on_commit(record_news(kind=kind, organisation=visit.organisation, visits=[visit], params=params))


def on_results_published(*, publication: Publication, **_: Any) -> None:
    visit = publication.visit
    news = record_news(
        kind=NewsItem.Kind.RESULTS,
        organisation=visit.organisation,
        visits=[visit],
        params=visit_news_params(visit),
        at=publication.published_at,
    )
    _send_on_commit(news)


def on_progress_report_published(*, report: ProgressReport, issues: list[ProblemIssue], **_: Any) -> None:
    visits = Visit.objects.filter(pk__in={issue.visit_id for issue in issues})
    news = record_news(
        kind=NewsItem.Kind.PROGRESS,
        organisation=report.organisation,
        visits=visits,
        params={"year": report.year, "quarter": report.quarter},
        at=report.published_at,
    )
    _send_on_commit(news)
