"""The akims' systemic problems (R11): sent every half-year to the competent body, which answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SystemicProblem(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent to the competent body")
        ANSWERED = "answered", _("answered")

    akimat = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("akimat"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "organisations.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    half_year_start = models.DateField(_("half-year"), help_text=_("1 January or 1 July."))
    title = models.CharField(_("problem"), max_length=300)
    description = models.TextField(_("description"))
    # The competent body is a ministry in Kezdesu, or a national holding or company named in text.
    competent_body = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("competent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    competent_company = models.CharField(
        _("national holding or company"), max_length=300, blank=True, help_text=_("When not a state body.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("systemic problem")
        verbose_name_plural = _("systemic problems")
        ordering = ["-half_year_start", "region", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(competent_body__isnull=False) | ~models.Q(competent_company=""),
                name="problem_has_a_competent_body",
            ),
        ]

    def __str__(self) -> str:
        return self.title
