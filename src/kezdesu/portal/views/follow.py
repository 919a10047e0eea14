"""Following a region, a ministry or a visit (issue 14, point 4): subscribing by e-mail with a double opt-in,
confirming, unsubscribing (a page with a button, or one click from the mail client: RFC 8058), and the RSS and
Atom feeds of the same news. No account is needed."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kezdesu.core.errors import DomainError
from kezdesu.core.templatetags.layout import message_at
from kezdesu.meetings.interfaces.voter_keys import client_address
from kezdesu.organisations.models import Region
from kezdesu.subscriptions.domain import wording
from kezdesu.subscriptions.domain.queries.targets import (
    Target,
    ministries,
    subscription_by_token,
    target_in_query,
    target_of,
)
from kezdesu.subscriptions.domain.subscribing import confirm_subscription, request_subscription, unsubscribe
from kezdesu.subscriptions.interfaces.feeds import AtomNewsFeed, RssNewsFeed, feed_path, follow_path, page_path
from kezdesu.subscriptions.interfaces.forms import SubscribeForm
from kezdesu.subscriptions.models import NewsItem, Subscription

RESULT = "follow-result"
TARGET_KINDS = ("region", "ministry", "visit")


def _links(target: Target) -> dict[str, object]:
    return {
        "target": target,
        "title": wording.feed_title(target),
        "follow_url": follow_path(target),
        "rss_url": feed_path(target, "rss"),
        "atom_url": feed_path(target, "atom"),
        "page_url": page_path(target),
    }


def _choose(request: HttpRequest) -> HttpResponse:
    """No target named: every region and ministry, each with its e-mail and feed links."""
    regions = [_links(Target(region=region)) for region in Region.objects.order_by("name")]
    ministry_links = [
        _links(Target(ministry=ministry)) for ministry in ministries().filter(is_active=True).order_by("name")
    ]
    return render(request, "portal/follow/choose.html", {"regions": regions, "ministries": ministry_links})


def _form_page(request: HttpRequest, target: Target, form: SubscribeForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "portal/follow/subscribe.html",
        {
            **_links(target),
            "heading": wording.heading(target),
            "form": form,
            "action": follow_path(target) + f"#{RESULT}",
            "kinds": NewsItem.Kind,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    """`?region=<kato>`, `?ministry=<code>` or `?visit=<id>`: the subscribe form; nothing named: the choice."""
    if not any(request.GET.get(kind) for kind in TARGET_KINDS):
        if request.method == "POST":
            raise Http404
        return _choose(request)
    target = target_in_query(request.GET)
    if target is None:
        raise Http404
    if request.method == "GET":
        return _form_page(request, target, SubscribeForm())
    form = SubscribeForm(request.POST)
    if form.is_valid():
        try:
            request_subscription(
                target=target,
                email=form.cleaned_data["email"],
                language=get_language() or "kk",
                consent=form.cleaned_data["consent"],
                network=client_address(request),
            )
        except DomainError as error:
            field = "email" if error.code == "email" else "consent" if error.code == "consent" else None
            form.add_error(field, str(error.message))
        else:
            # The same words whether or not the address was subscribed already: the page tells nobody that.
            messages.success(
                request,
                _(
                    "Check your inbox: we sent you an e-mail. Open the link in it to confirm; nothing else is sent "
                    "to you before you do. No e-mail? Look in the spam folder."
                ),
                extra_tags=message_at(RESULT),
            )
            return redirect(follow_path(target) + f"#{RESULT}")
    return _form_page(request, target, form, status=400)


def _subscription(token: str) -> Subscription:
    subscription = subscription_by_token(token)
    if subscription is None:
        raise Http404
    return subscription


@require_http_methods(["GET", "POST"])
def follow_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation mail: a page with a button, so that mail scanners opening links confirm
    nothing."""
    subscription = _subscription(token)
    if request.method == "POST":
        try:
            confirm_subscription(token=token)
        except DomainError as error:
            messages.error(request, str(error.message), extra_tags=message_at(RESULT))
        else:
            messages.success(
                request,
                _("Thank you: your subscription is confirmed. Every e-mail has a link to unsubscribe."),
                extra_tags=message_at(RESULT),
            )
        return redirect(request.path + f"#{RESULT}")
    return _link_page(request, subscription, "confirm")


@csrf_exempt  # RFC 8058: the mail client posts "List-Unsubscribe=One-Click" with no token of ours but the link's
@require_http_methods(["GET", "POST"])
def follow_stop(request: HttpRequest, token: str) -> HttpResponse:
    subscription = _subscription(token)
    if request.method == "POST":
        unsubscribe(token=token)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You are unsubscribed."), content_type="text/plain; charset=utf-8")
        messages.success(
            request,
            _("You are unsubscribed and your e-mail address is deleted. No more e-mails will be sent."),
            extra_tags=message_at(RESULT),
        )
        return redirect(request.path + f"#{RESULT}")
    return _link_page(request, subscription, "stop")


def _link_page(request: HttpRequest, subscription: Subscription, action: str) -> HttpResponse:
    target = target_of(subscription)
    return render(
        request,
        "portal/follow/link.html",
        {**_links(target), "subscription": subscription, "action": action, "result_id": RESULT},
    )


urlpatterns: list[URLPattern] = [
    path("follow/", follow, name="follow"),
    path("follow/confirm/<str:token>/", follow_confirm, name="follow_confirm"),
    path("follow/stop/<str:token>/", follow_stop, name="follow_stop"),
    path("feeds/<str:kind>/<str:key>.rss", RssNewsFeed(), name="follow_feed_rss"),
    path("feeds/<str:kind>/<str:key>.atom", AtomNewsFeed(), name="follow_feed_atom"),
]
