"""The population's opinion on the date and time of the meeting (R9): options offered, one vote each."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DateOption(models.Model):
    visit = models.ForeignKey(
        "meetings.Visit", verbose_name=_("visit"), on_delete=models.CASCADE, related_name="date_options"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    is_chosen = models.BooleanField(_("chosen"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("date option")
        verbose_name_plural = _("date options")
        ordering = ["visit", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "starts_at"], name="date_option_once"),
            models.UniqueConstraint(fields=["visit"], condition=models.Q(is_chosen=True), name="one_chosen_date"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="option_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.visit}: {self.starts_at:%d.%m.%Y %H:%M}"


class DateVote(models.Model):
    """One resident's vote. Who voted is not stored: only keys that stop the same browser or device
    voting twice (`voter_key`) and limit votes from one network address (`network_key`)."""

    visit = models.ForeignKey("meetings.Visit", verbose_name=_("visit"), on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(DateOption, verbose_name=_("option"), on_delete=models.CASCADE, related_name="votes")
    district = models.ForeignKey(
        "organisations.District",
        verbose_name=_("district or town"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voter_key = models.CharField(_("voter key"), max_length=64)
    network_key = models.CharField(_("network key"), max_length=64, db_index=True)
    created_at = models.DateTimeField(_("voted"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote on the date")
        verbose_name_plural = _("votes on the date")
        constraints = [models.UniqueConstraint(fields=["visit", "voter_key"], name="one_vote_per_voter")]

    def __str__(self) -> str:
        return str(self.option)
