"""What the ministry publishes: the visit's results within ten days (R20) and quarterly progress (R21)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """The ten-day package of a visit: its results, the list of problem issues and the action plan."""

    visit = models.OneToOneField(
        "meetings.Visit", verbose_name=_("visit"), on_delete=models.PROTECT, related_name="publication"
    )
    # Translated content: results_kk/ru/en (kk and ru required).
    results = models.TextField(_("results of the visit"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revised_at = models.DateTimeField(_("last revised"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("publication of a visit's results")
        verbose_name_plural = _("publications of visits' results")

    def __str__(self) -> str:
        return str(self.visit)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ProgressReport(models.Model):
    """A ministry's quarterly report on how the problem issues raised are being solved (R21)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("ministry"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    # Translated content: narrative_kk/ru/en.
    narrative = models.TextField(_("narrative"), blank=True)
    # The figures and measures as published, so the report reads the same later (no personal data).
    snapshot = models.JSONField(_("as published"), default=dict, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("quarterly progress report")
        verbose_name_plural = _("quarterly progress reports")
        ordering = ["-year", "-quarter", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "quarter"], name="one_progress_report_per_quarter"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="report_quarter_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year} Q{self.quarter}"
