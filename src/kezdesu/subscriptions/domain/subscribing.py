"""Subscribing by e-mail to a region, a ministry or a visit, with a double opt-in, and unsubscribing.

As following a problem issue (followup/domain/followers.py): nothing is sent before the address confirms, a
page never tells whether an address is subscribed (an address already subscribed is told so by e-mail), and
audit rows name the subscription by id only. What is kept, and for how long: see models/subscriptions.py.
"""

from __future__ import annotations

import datetime
import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.email_addresses import mail_language, new_link_token, valid_email
from kezdesu.core.errors import DomainError
from kezdesu.core.rate_limit import count_attempt
from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.subscriptions.domain.mailing import send_subscription_mail
from kezdesu.subscriptions.domain.queries.targets import Target
from kezdesu.subscriptions.models import Subscription

REQUESTS_PER_ADDRESS = 5  # an hour: enough to ask again for a lost mail, too few to flood someone's inbox
REQUESTS_PER_NETWORK = 30  # an hour, from one client address
WINDOW_SECONDS = 3600
UNCONFIRMED_DAYS = 7


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _check_rate(address: str, network: str) -> None:
    too_many = count_attempt("subscriptions:address:" + _digest(address), window=WINDOW_SECONDS)
    if too_many > REQUESTS_PER_ADDRESS:
        raise DomainError(
            _("Too many requests for this e-mail address in the last hour. Try again later."), code="rate"
        )
    if network and count_attempt("subscriptions:network:" + _digest(network), window=WINDOW_SECONDS) > (
        REQUESTS_PER_NETWORK
    ):
        raise DomainError(_("Too many requests from your network in the last hour. Try again later."), code="rate")


def request_subscription(
    *, target: Target, email: str, language: str, consent: bool, network: str = ""
) -> Subscription:
    """Ask for news of `target` at `email`: an unconfirmed subscription and a mail with the confirmation link.

    An address already subscribed gets a mail saying so, and nothing else changes. `network` (the client's
    address, never stored) limits requests from one place. The mail goes once the transaction commits.
    """
    if not consent:
        raise DomainError(_("To subscribe, agree to the processing of your e-mail address."), code="consent")
    address = valid_email(email)
    if address is None:
        raise DomainError(_("Enter a valid e-mail address."), code="email")
    if target.visit is not None and target.visit.status not in PUBLIC_STATUSES:
        raise DomainError(_("This meeting is not public."), code="not_public")
    _check_rate(address, network)
    with transaction.atomic():
        active = Subscription.objects.select_for_update().filter(email=address, unsubscribed_at__isnull=True)
        subscription = active.filter(**target.lookup()).first()
        if subscription is not None and subscription.confirmed_at is not None:
            purpose = "already"
        elif subscription is not None:  # asked again before confirming: a fresh link, the old one stops working
            purpose = "confirm"
            subscription.token, subscription.language = new_link_token(), mail_language(language)
            subscription.save(update_fields=["token", "language"])
        else:
            purpose = "confirm"
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        email=address, language=mail_language(language), token=new_link_token(), **target.lookup()
                    )
            except IntegrityError:  # the same request at the same moment: the other one sends the link
                return active.get(**target.lookup())
            record_audit(actor=None, action="subscriptions.requested", target=subscription)
        token = subscription.token
        transaction.on_commit(lambda: send_subscription_mail(token=token, purpose=purpose), robust=True)
    return subscription


def _locked(token: str) -> Subscription:
    subscription = Subscription.objects.select_for_update().filter(token=token).first() if token else None
    if subscription is None:
        raise DomainError(_("This link is no longer valid."), code="token")
    return subscription


@transaction.atomic
def confirm_subscription(*, token: str) -> Subscription:
    """The address confirms: news are sent from now on. Confirming twice changes nothing."""
    subscription = _locked(token)
    if subscription.unsubscribed_at is not None:
        raise DomainError(_("This subscription has ended. Subscribe again to receive news."), code="ended")
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        record_audit(actor=None, action="subscriptions.confirmed", target=subscription)
    return subscription


@transaction.atomic
def unsubscribe(*, token: str) -> Subscription:
    """Stop the news and erase the address at once. Unsubscribing twice changes nothing."""
    subscription = _locked(token)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.email = ""
        subscription.save(update_fields=["unsubscribed_at", "email"])
        record_audit(actor=None, action="subscriptions.unsubscribed", target=subscription)
    return subscription


@transaction.atomic
def delete_unconfirmed_subscriptions(*, now: datetime.datetime | None = None) -> int:
    """Delete the requests not confirmed within UNCONFIRMED_DAYS, with their addresses; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=UNCONFIRMED_DAYS)
    stale = Subscription.objects.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True, created_at__lt=cutoff)
    ids = sorted(stale.values_list("pk", flat=True))
    if ids:
        Subscription.objects.filter(pk__in=ids).delete()
        record_audit(actor=None, action="subscriptions.unconfirmed_deleted", new={"subscriptions": ids})
    return len(ids)
