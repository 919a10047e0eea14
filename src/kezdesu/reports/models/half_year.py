"""The authorized body's half-year results for the Government Apparatus (R23, G3.3), the Government's review
of them (P6.1) and the instructions it gives, tracked to their execution."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class HalfYearReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted to the Government Apparatus")

    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half-year"), validators=[MinValueValidator(1), MaxValueValidator(2)])
    # Translated content: narrative_kk/ru/en.
    narrative = models.TextField(_("narrative"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The consolidated figures as submitted (no personal data).
    snapshot = models.JSONField(_("as submitted"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("half-year results")
        verbose_name_plural = _("half-year results")
        ordering = ["-year", "-half"]
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="one_half_year_report"),
            models.CheckConstraint(condition=models.Q(half__gte=1, half__lte=2), name="half_year_1_or_2"),
        ]

    def __str__(self) -> str:
        return f"{self.year} H{self.half}"


class GovernmentReview(models.Model):
    """The Government's half-yearly review of the results (P6.1), recorded by the Government Apparatus."""

    report = models.OneToOneField(
        HalfYearReport, verbose_name=_("half-year results"), on_delete=models.PROTECT, related_name="review"
    )
    reviewed_on = models.DateField(_("reviewed on"))
    reference = models.CharField(
        _("reference"), max_length=300, help_text=_("The meeting and its minutes, e.g. “Minutes No. 12 of 20 June”.")
    )
    # Translated content: conclusions_kk/ru/en.
    conclusions = models.TextField(_("conclusions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("Government review")
        verbose_name_plural = _("Government reviews")

    def __str__(self) -> str:
        return f"{self.report}: {self.reference}"


class Instruction(models.Model):
    """An instruction given at the review: a task with an executor body and a deadline, tracked until done."""

    class Status(models.TextChoices):
        OPEN = "open", _("being executed")
        DONE = "done", _("executed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    review = models.ForeignKey(
        GovernmentReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="instructions"
    )
    number = models.PositiveIntegerField(_("number"))
    # Translated content: text_kk/ru/en.
    text = models.TextField(_("instruction"))
    assignee = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("executor"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    report = models.TextField(_("report on execution"), blank=True)
    done_on = models.DateField(_("executed on"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")
        ordering = ["review", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="instruction_number_once")]

    def __str__(self) -> str:
        return f"{self.review} — {self.number}"
