"""Links to follow what a page shows, by e-mail, RSS or Atom (templates/portal/includes/follow_links.html), and
the feeds announced in the page's head (templates/portal/includes/feed_alternates.html)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.http import HttpRequest

from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.models import Visit
from kezdesu.subscriptions.domain import wording
from kezdesu.subscriptions.domain.queries.targets import Target, find_target
from kezdesu.subscriptions.interfaces.feeds import feed_path, follow_path

register = template.Library()

# The pages whose feeds are announced in the head, and how each names what it shows.
SCHEDULE_PAGES = ("schedule", "schedule_month", "follow")
VISIT_PAGES = ("visit_detail", "visit_results")


@dataclass(frozen=True)
class FollowLinks:
    title: str
    follow_url: str
    rss_url: str
    atom_url: str


def _links(target: Target) -> FollowLinks:
    return FollowLinks(
        title=wording.feed_title(target),
        follow_url=follow_path(target),
        rss_url=feed_path(target, "rss"),
        atom_url=feed_path(target, "atom"),
    )


@register.simple_tag
def follow_targets(visit: object = None, filters: object = None) -> list[FollowLinks]:
    """A public visit, its region and its ministry; or the region and the ministry a schedule is filtered by."""
    targets: list[Target] = []
    if isinstance(visit, Visit) and visit.status in PUBLIC_STATUSES:
        targets = [Target(visit=visit), Target(region=visit.region), Target(ministry=visit.organisation)]
    elif isinstance(filters, forms.BaseForm) and filters.is_valid():
        region, ministry = filters.cleaned_data.get("region"), filters.cleaned_data.get("ministry")
        targets = [
            *([Target(region=region)] if region is not None else []),
            *([Target(ministry=ministry)] if ministry is not None else []),
        ]
    return [_links(target) for target in targets]


@register.simple_tag(takes_context=True)
def feed_alternates(context: dict[str, Any]) -> list[FollowLinks]:
    """The feeds of what the current page shows, for `<link rel="alternate">`; none on other pages."""
    request: HttpRequest | None = context.get("request")
    match = getattr(request, "resolver_match", None)
    if request is None or match is None or match.namespace != "portal":
        return []
    if match.url_name in VISIT_PAGES and "pk" in match.kwargs:
        target = find_target("visit", str(match.kwargs["pk"]))
        return [_links(target)] if target is not None else []
    if match.url_name in SCHEDULE_PAGES:
        filters = context.get("form")
        if match.url_name != "follow" and isinstance(filters, forms.BaseForm):
            # The schedule's filters have already read the region and the ministry: no second query.
            return follow_targets(filters=filters)
        found = [
            find_target(kind, value) for kind in ("region", "ministry", "visit") if (value := request.GET.get(kind))
        ]
        return [_links(target) for target in found if target is not None]
    return []
