"""Subscriptions by e-mail, built with the ORM (confirmed unless said otherwise)."""

from django.utils import timezone

from kezdesu.core.domain.email_addresses import new_link_token
from kezdesu.subscriptions.models import Subscription


def subscription(email: str, *, language: str = "en", confirmed: bool = True, **target) -> Subscription:
    """`target`: region=, organisation= or visit=."""
    return Subscription.objects.create(
        email=email,
        language=language,
        token=new_link_token(),
        confirmed_at=timezone.now() if confirmed else None,
        **target,
    )
