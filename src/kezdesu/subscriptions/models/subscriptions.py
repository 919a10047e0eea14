"""A citizen's subscription by e-mail to a region, a ministry or a visit (no account needed).

Personal data kept to the minimum: the address (lowercased), the language the mail is written in and when the
subscription was asked for, confirmed and ended. Nothing about the person's device or network is stored (the
rate limit counts a digest of the address in the cache, for an hour).
On unsubscribing the address is erased at once: the row stays, without it, so that the audit trail (which names
subscriptions by id only) and the record of what was sent keep their target, and so that the link in old mails
answers "you are unsubscribed" rather than "not found". Requests never confirmed are deleted after
UNCONFIRMED_DAYS (`delete_unconfirmed_subscriptions`, daily).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

_REGION = Q(region__isnull=False, organisation__isnull=True, visit__isnull=True)
_MINISTRY = Q(region__isnull=True, organisation__isnull=False, visit__isnull=True)
_VISIT = Q(region__isnull=True, organisation__isnull=True, visit__isnull=False)
_ACTIVE = Q(unsubscribed_at__isnull=True)


class Subscription(models.Model):
    """Follows exactly one of: a region, a ministry (organisation) or a visit."""

    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Erased when the subscriber unsubscribes."))
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("ministry"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    visit = models.ForeignKey(
        "meetings.Visit", verbose_name=_("visit"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=5)
    # The secret in the confirmation and unsubscribe links (secrets.token_urlsafe).
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(condition=_REGION | _MINISTRY | _VISIT, name="subscription_follows_one_thing"),
            # An active subscription has its address; an ended one has none.
            models.CheckConstraint(
                condition=(_ACTIVE & ~Q(email="")) | (~_ACTIVE & Q(email="")), name="subscription_address_while_active"
            ),
            models.UniqueConstraint(
                fields=["email", "region"], condition=_ACTIVE & _REGION, name="subscribe_to_a_region_once"
            ),
            models.UniqueConstraint(
                fields=["email", "organisation"], condition=_ACTIVE & _MINISTRY, name="subscribe_to_a_ministry_once"
            ),
            models.UniqueConstraint(
                fields=["email", "visit"], condition=_ACTIVE & _VISIT, name="subscribe_to_a_visit_once"
            ),
        ]
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at"])]

    def __str__(self) -> str:
        return f"subscription {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
