"""Dates to avoid: a region's blackout dates and an official's unavailable dates."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionBlackout(models.Model):
    region = models.ForeignKey(
        "organisations.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="blackouts"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("region blackout")
        verbose_name_plural = _("region blackouts")
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.region}: {self.start}–{self.end}"


class OfficialUnavailability(models.Model):
    position = models.ForeignKey(
        "organisations.Position", verbose_name=_("official"), on_delete=models.CASCADE, related_name="unavailability"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("official's unavailable dates")
        verbose_name_plural = _("officials' unavailable dates")
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.position}: {self.start}–{self.end}"
