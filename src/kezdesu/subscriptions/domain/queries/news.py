"""The news of a region, a ministry or a visit (for the feeds) and who is told of a news item."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from kezdesu.meetings.models import Visit
from kezdesu.subscriptions.domain.queries.targets import Target
from kezdesu.subscriptions.models import NewsItem, Subscription

FEED_LENGTH = 50


def news_of(target: Target, *, limit: int = FEED_LENGTH) -> list[NewsItem]:
    """The latest news of the target, newest first, with what describing them reads."""
    if target.region is not None:
        ids = NewsItem.objects.filter(visits__region=target.region).values("pk")
    elif target.ministry is not None:
        ids = NewsItem.objects.filter(organisation=target.ministry).values("pk")
    else:
        ids = NewsItem.objects.filter(visits=target.visit).values("pk")
    visits = Visit.objects.select_related("organisation", "position", "region").order_by("start_date", "pk")
    return list(
        NewsItem.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related(Prefetch("visits", queryset=visits))
        .order_by("-at", "-pk")[:limit]
    )


def news_item(news_id: int) -> NewsItem | None:
    visits = Visit.objects.select_related("organisation", "position", "region").order_by("start_date", "pk")
    return (
        NewsItem.objects.select_related("organisation")
        .prefetch_related(Prefetch("visits", queryset=visits))
        .filter(pk=news_id)
        .first()
    )


def subscribers_of(news: NewsItem) -> QuerySet[Subscription]:
    """The confirmed, active subscriptions to the news item's ministry, regions or visits."""
    visits = list(news.visits.all())
    followed = Q(organisation=news.organisation_id)
    if visits:
        followed |= Q(region__in={visit.region_id for visit in visits}) | Q(visit__in=visits)
    related = ("region", "organisation", "visit__organisation", "visit__position", "visit__region")
    return (
        Subscription.objects.filter(followed, confirmed_at__isnull=False, unsubscribed_at__isnull=True)
        .select_related(*related)
        .order_by("pk")
    )
