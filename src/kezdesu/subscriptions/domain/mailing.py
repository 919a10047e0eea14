"""The e-mails of subscriptions, each in the subscriber's language with absolute links: the confirmation (or
"you are already subscribed") and the news. Every one carries a one-click unsubscribe link (RFC 8058)."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kezdesu.core.domain.email_addresses import mail_language
from kezdesu.core.domain.notifications import SUBJECT_PREFIX
from kezdesu.core.urls_absolute import absolute_url, site_url
from kezdesu.subscriptions.domain import wording
from kezdesu.subscriptions.domain.news_text import describe_news
from kezdesu.subscriptions.domain.queries.news import news_item, subscribers_of
from kezdesu.subscriptions.domain.queries.targets import subscription_by_token, target_of
from kezdesu.subscriptions.models import NewsItem, SentNotice, Subscription

PURPOSES = ("confirm", "already")


def unsubscribe_path(subscription: Subscription) -> str:
    return reverse("portal:follow_stop", kwargs={"token": subscription.token})


def send_subscription_mail(*, token: str, purpose: str) -> bool:
    """The confirmation link, or a reminder that the address already receives this news. Returns whether sent."""
    if purpose not in PURPOSES:
        raise ValueError(f"Unknown purpose {purpose!r}")
    subscription = subscription_by_token(token)
    if subscription is None or subscription.unsubscribed_at is not None:
        return False
    target = target_of(subscription)
    with translation.override(mail_language(subscription.language)):
        _send(
            subscription,
            subject=wording.subject(purpose, target),
            context={
                "purpose": purpose,
                "heading": wording.subject(purpose, target),
                "confirm_url": absolute_url(reverse("portal:follow_confirm", kwargs={"token": subscription.token})),
            },
        )
    return True


def send_news(*, news_id: int) -> int:
    """E-mail the news item to every confirmed subscriber not sent it yet; returns how many were sent.

    Safe to run twice, at once or after a failure: each mail is claimed by a SentNotice row (unique per
    subscription and news item) before it is sent, and the claim is withdrawn if sending fails.
    """
    news = news_item(news_id)
    if news is None:
        return 0
    sent = 0
    for subscription in subscribers_of(news):
        try:
            with transaction.atomic():
                notice = SentNotice.objects.create(subscription=subscription, news=news)
        except IntegrityError:  # sent already, or being sent by another worker
            continue
        try:
            _send_news(subscription, news)
        except Exception:
            notice.delete()
            raise
        sent += 1
    return sent


def _send_news(subscription: Subscription, news: NewsItem) -> None:
    with translation.override(mail_language(subscription.language)):
        text = describe_news(news)
        _send(
            subscription,
            subject=text.title,
            context={
                "purpose": "news",
                "heading": text.title,
                "summary": text.summary,
                "news_url": absolute_url(text.path),
                "reason": wording.reason(target_of(subscription)),
            },
        )


def _send(subscription: Subscription, *, subject: str, context: dict[str, Any]) -> None:
    unsubscribe_url = absolute_url(unsubscribe_path(subscription))
    context = {
        **context,
        "unsubscribe_url": unsubscribe_url,
        "site_url": site_url(),
        "LANGUAGE_CODE": translation.get_language(),
    }
    message = EmailMultiAlternatives(
        subject=SUBJECT_PREFIX + subject,
        body=render_to_string("subscriptions/email/message.txt", context),
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            # RFC 8058: the mail client may unsubscribe by a POST to that address, with no other step.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("subscriptions/email/message.html", context), "text/html")
    message.send()
