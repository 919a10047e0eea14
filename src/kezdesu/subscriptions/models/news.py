"""What subscribers hear of and the feeds list: one row per public event, and a row per mail sent about it.

A news item stores its kind, the ministry and the visits it concerns and a few plain values (the quarter of a
report, what changed), never rendered text, so that it reads in each subscriber's language and in each feed's.
No personal data.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsItem(models.Model):
    class Kind(models.TextChoices):
        ANNOUNCED = "announced", _("meeting announced")
        CHANGED = "changed", _("date or place changed")
        CANCELLED = "cancelled", _("meeting cancelled")
        RESULTS = "results", _("results published")
        PROGRESS = "progress", _("progress report published")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("ministry"), on_delete=models.CASCADE, related_name="+"
    )
    # One visit for a visit's news; a quarterly report concerns the visits whose problem issues it reports on.
    visits = models.ManyToManyField("meetings.Visit", verbose_name=_("visits"), blank=True, related_name="+")
    params = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"


class SentNotice(models.Model):
    """One news item e-mailed to one subscriber: written before sending, so nothing is sent twice."""

    subscription = models.ForeignKey(
        "subscriptions.Subscription", verbose_name=_("subscription"), on_delete=models.CASCADE, related_name="+"
    )
    news = models.ForeignKey(NewsItem, verbose_name=_("news item"), on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("news e-mailed")
        verbose_name_plural = _("news e-mailed")
        constraints = [models.UniqueConstraint(fields=["subscription", "news"], name="send_news_once")]

    def __str__(self) -> str:
        return f"{self.news_id} → {self.subscription_id}"
