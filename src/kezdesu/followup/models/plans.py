"""The action plan (R20): measures with a deadline and a responsible executor, and their progress (R21)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    NOT_DONE = "not_done", _("not done")


class Measure(models.Model):
    issue = models.ForeignKey(
        "followup.ProblemIssue", verbose_name=_("problem issue"), on_delete=models.CASCADE, related_name="measures"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Translated content: text_kk/ru/en (kk and ru required), executor_position_kk/ru/en.
    text = models.TextField(_("measure"))
    deadline = models.DateField(_("deadline"))
    executor = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("executor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
    )
    executor_company = models.CharField(
        _("executor (national holding or company)"), max_length=300, blank=True, help_text=_("When not a state body.")
    )
    executor_position = models.CharField(_("responsible position"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    percent = models.PositiveSmallIntegerField(
        _("done, %"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    evidence = models.TextField(_("evidence of completion"), blank=True, help_text=_("Links, one per line."))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["issue", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(executor__isnull=False) | ~models.Q(executor_company=""),
                name="measure_has_executor",
            ),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="measure_percent_at_most_100"),
        ]
        indexes = [models.Index(fields=["executor", "status"]), models.Index(fields=["deadline"])]

    def __str__(self) -> str:
        return self.text[:100]


class ProgressUpdate(models.Model):
    """An executor's report on a measure for a quarter (R21). Several may come in a quarter; the last counts."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="updates")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices)
    percent = models.PositiveSmallIntegerField(_("done, %"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    comment = models.TextField(_("comment"))
    evidence_links = models.JSONField(_("evidence links"), default=list, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("reported by (body)"), on_delete=models.PROTECT, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["measure", "-reported_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="update_quarter_1_to_4"),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="update_percent_at_most_100"),
        ]
        indexes = [models.Index(fields=["year", "quarter"])]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.year} Q{self.quarter}"
