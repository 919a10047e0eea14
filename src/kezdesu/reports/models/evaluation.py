"""The annual evaluation of the ministries' work on meetings with the population (R24, P5.2).

The authorized body sets the criteria and their weights for a year (regulations as data: the indicators are
computed from the records, the weights are the authorized body's); publishing freezes each ministry's scores
with the records behind every figure.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationScheme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    class Missing(models.TextChoices):
        """What a criterion counts for a ministry with nothing to count under it (no visit held, no measure due)."""

        AVERAGE = "average", _("the average of the ministries that have something to count")
        SPREAD = "spread", _("nothing: its weight is spread over the ministry's other criteria")
        ZERO = "zero", _("zero")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    # Translated content: note_kk/ru/en (the method, as the authorized body explains it).
    note = models.TextField(_("method"), blank=True)
    approval_reference = models.CharField(
        _("approved by"), max_length=300, blank=True, help_text=_("The order approving the criteria, if any.")
    )
    missing = models.CharField(
        _("a criterion with nothing to count counts"), max_length=20, choices=Missing.choices, default=Missing.AVERAGE
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("annual evaluation")
        verbose_name_plural = _("annual evaluations")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class EvaluationCriterion(models.Model):
    """One criterion: an indicator computed from the records (its code names it), and the weight given it."""

    scheme = models.ForeignKey(
        EvaluationScheme, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="criteria"
    )
    indicator = models.CharField(_("indicator"), max_length=60)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["scheme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "indicator"], name="criterion_once_per_evaluation")]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.indicator} × {self.weight}"


class EvaluationResult(models.Model):
    """A ministry's score as published, with each criterion's figures and the records behind them."""

    scheme = models.ForeignKey(
        EvaluationScheme, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="results"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("ministry"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    rank = models.PositiveSmallIntegerField(_("rank"))
    details = models.JSONField(_("criteria and records"), default=dict, blank=True)

    class Meta:
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        ordering = ["scheme", "rank", "organisation"]
        constraints = [models.UniqueConstraint(fields=["scheme", "organisation"], name="one_result_per_ministry")]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.organisation} {self.score}"
