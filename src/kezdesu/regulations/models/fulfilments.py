"""What met an obligation, and which reminders have gone out (so a rerun sends none twice)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Fulfilment(models.Model):
    """What met an obligation outside Kezdesu, typed by hand (a letter, a meeting held outside the system).

    Obligations are computed, and so is what met them when Kezdesu holds the record (`regulations.domain.
    evidence`). A row typed by hand is the exception: shown as such everywhere. Rows with `record` set were
    written by the system before records were read directly; they are kept as history and not counted.
    """

    obligation_key = models.CharField(_("obligation"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("debtor"), on_delete=models.PROTECT, related_name="+"
    )
    met_on = models.DateField(_("met on"))
    reference = models.CharField(
        _("reference"),
        max_length=300,
        help_text=_("The record that met it, e.g. an outgoing letter's number and date."),
    )
    record_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    record_id = models.CharField(max_length=100, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a meeting held outside the system: where it was held."),
    )
    position = models.ForeignKey(
        "organisations.Position",
        verbose_name=_("official"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a meeting held outside the system: who met the population."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("fulfilment")
        verbose_name_plural = _("fulfilments")

    def __str__(self) -> str:
        return f"{self.obligation_key}: {self.reference}"


class Reminder(models.Model):
    class Kind(models.TextChoices):
        DAYS_7 = "7", _("7 days before")
        DAYS_3 = "3", _("3 days before")
        DAYS_1 = "1", _("1 day before")
        OVERDUE = "overdue", _("overdue")

    obligation_key = models.CharField(_("obligation"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["obligation_key", "kind", "recipient"], name="one_reminder_each"),
        ]

    def __str__(self) -> str:
        return f"{self.obligation_key} {self.kind}"
