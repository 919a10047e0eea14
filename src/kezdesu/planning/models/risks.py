"""Risk flags (R4, R6): a forecast or arisen risk in a region obliges an unscheduled meeting."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskFlag(models.Model):
    class Level(models.TextChoices):
        ELEVATED = "elevated", _("elevated")
        HIGH = "high", _("high: a deputy prime minister takes part")

    class Status(models.TextChoices):
        RAISED = "raised", _("raised")
        ASSIGNED = "assigned", _("meeting required")
        MET = "met", _("meeting held")
        DISMISSED = "dismissed", _("dismissed")

    region = models.ForeignKey(
        "organisations.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    competent_ministry = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("competent ministry (sector)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    description = models.TextField(_("description"))
    evidence = models.TextField(_("evidence"), blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    raised_by_organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("raised by"), on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("raised on"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RAISED)
    deadline = models.DateField(_("meet by"), null=True, blank=True, help_text=_("Set by the authorized body."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)

    class Meta:
        verbose_name = _("risk flag")
        verbose_name_plural = _("risk flags")
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.region}: {self.get_level_display()}"

    @property
    def requires_deputy_prime_minister(self) -> bool:
        return self.level == self.Level.HIGH
