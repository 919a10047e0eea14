"""Planning periods: half-years under REG-2024, calendar years under REG-2022 (R7, R8)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanningPeriod(models.Model):
    profile = models.ForeignKey(
        "regulations.RegulationProfile",
        verbose_name=_("regulation profile"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("planning period")
        verbose_name_plural = _("planning periods")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["start"], name="one_period_per_start"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"
