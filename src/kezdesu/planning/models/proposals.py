"""A ministry's proposal of a meeting for one of its officials (R3, R5)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted to the authorized body")
        WITHDRAWN = "withdrawn", _("withdrawn")

    period = models.ForeignKey(
        "planning.PlanningPeriod", verbose_name=_("planning period"), on_delete=models.PROTECT, related_name="proposals"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("ministry"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.ForeignKey(
        "organisations.Position", verbose_name=_("official"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "organisations.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "organisations.District",
        verbose_name=_("district or town"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    preferred_from = models.DateField(_("preferred from"))
    preferred_to = models.DateField(_("preferred until"), help_text=_("A single date, or a week or longer."))
    topics = models.TextField(_("topics"))
    # Why this region (R3): each reason in the ministry's own words.
    sector_problems = models.TextField(_("the sector's problems in the region"), blank=True)
    local_issues = models.TextField(_("issues raised locally"), blank=True)
    akimat_request = models.TextField(_("the akimat's request"), blank=True)
    risk = models.TextField(_("risk"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["period", "organisation", "preferred_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(preferred_to__gte=models.F("preferred_from")), name="proposal_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} — {self.region} ({self.preferred_from:%d.%m.%Y})"
