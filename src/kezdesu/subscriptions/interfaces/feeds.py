"""RSS and Atom feeds of a region's, a ministry's or a visit's news: the same news as the e-mails, in the
language of the address, with absolute links on the host the feed was asked under."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from kezdesu.core.urls_absolute import absolute_url
from kezdesu.subscriptions.domain import wording
from kezdesu.subscriptions.domain.news_text import NewsText, describe_news
from kezdesu.subscriptions.domain.queries.news import news_of
from kezdesu.subscriptions.domain.queries.targets import Target, find_target
from kezdesu.subscriptions.models import NewsItem


@dataclass(frozen=True)
class FeedEntry:
    news: NewsItem
    text: NewsText
    link: str  # absolute, on the host the feed was asked under


@dataclass(frozen=True)
class FeedSubject:
    """What one request's feed is about; the Feed instance is shared between requests, this is not."""

    target: Target
    request: HttpRequest
    entries: list[FeedEntry]


def follow_path(target: Target) -> str:
    return reverse("portal:follow") + f"?{target.kind}={target.key}"


def feed_path(target: Target, syntax: str) -> str:
    return reverse(f"portal:follow_feed_{syntax}", kwargs={"kind": target.kind, "key": target.key})


def page_path(target: Target) -> str:
    """The public page of what is followed."""
    if target.visit is not None:
        return reverse("portal:visit_detail", kwargs={"pk": target.visit.pk})
    return reverse("portal:schedule") + f"?{target.kind}={target.key}"


class RssNewsFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, kind: str, key: str) -> FeedSubject:
        target = find_target(kind, key)
        if target is None:
            raise Http404
        entries = []
        for news in news_of(target):
            text = describe_news(news)
            entries.append(FeedEntry(news=news, text=text, link=absolute_url(text.path, request=request)))
        return FeedSubject(target=target, request=request, entries=entries)

    def title(self, obj: FeedSubject) -> str:
        return f"{wording.feed_title(obj.target)} · Kezdesu"

    def link(self, obj: FeedSubject) -> str:
        return absolute_url(page_path(obj.target), request=obj.request)

    def feed_url(self, obj: FeedSubject) -> str:
        return absolute_url(obj.request.path, request=obj.request)

    def description(self, obj: FeedSubject) -> str:
        return _("Meetings announced, changes of date or place, results published and progress on the problem issues.")

    def items(self, obj: FeedSubject) -> list[FeedEntry]:
        return obj.entries

    def item_title(self, item: FeedEntry) -> str:
        return item.text.title

    def item_description(self, item: FeedEntry) -> str:
        return item.text.summary

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    # Several news items link to the same page: the id is the news item's own.
    item_guid_is_permalink = False

    def item_guid(self, item: FeedEntry) -> str:
        return f"urn:kezdesu:news:{item.news.pk}"

    def item_pubdate(self, item: FeedEntry) -> datetime.datetime:
        return item.news.at

    def item_updateddate(self, item: FeedEntry) -> datetime.datetime:
        return item.news.at


class AtomNewsFeed(RssNewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: FeedSubject) -> str:
        return self.description(obj)
