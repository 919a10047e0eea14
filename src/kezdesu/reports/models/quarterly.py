"""A ministry's quarterly information on the meetings held, sent to the authorized body (R22, G1.4)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuarterlyInformation(models.Model):
    """Compiled from the records while a draft; frozen as a snapshot when approved inside the ministry.

    The ministry's editors write the narrative, its approver approves and submits it (closing the profile's
    `quarterly-information` obligation); the authorized body may return a submitted pack for correction.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved in the ministry")
        SUBMITTED = "submitted", _("submitted to the authorized body")

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("ministry"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    # Translated content: narrative_kk/ru/en.
    narrative = models.TextField(_("narrative"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The figures as approved (no personal data), so the pack reads the same after submission.
    snapshot = models.JSONField(_("as approved"), default=dict, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    return_comment = models.TextField(_("why it was returned"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("quarterly information")
        verbose_name_plural = _("quarterly information")
        ordering = ["-year", "-quarter", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter"], name="one_quarterly_information_per_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarterly_information_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year} Q{self.quarter}"
