"""The schedule: one working version per period, frozen versions once approved (R2, R8, G3.1).

As in pretalx, the working version is edited; approval freezes a copy with the approving act;
an amendment edits the working version again and freezes the next copy with its reason. An
item keeps its `uid` across versions, so two versions can be compared item by item.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduleVersion(models.Model):
    class Status(models.TextChoices):
        WORKING = "working", _("draft being prepared")
        SUBMITTED = "submitted", _("submitted to the Government")
        APPROVED = "approved", _("approved")
        SUPERSEDED = "superseded", _("superseded by an amendment")

    period = models.ForeignKey(
        "planning.PlanningPeriod", verbose_name=_("planning period"), on_delete=models.PROTECT, related_name="versions"
    )
    # None for the working version; 1, 2, … for the frozen versions in order.
    number = models.PositiveSmallIntegerField(_("version"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.WORKING)
    act_number = models.CharField(_("approving act number"), max_length=100, blank=True)
    act_date = models.DateField(_("approving act date"), null=True, blank=True)
    reason = models.TextField(_("reason for the amendment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("schedule version")
        verbose_name_plural = _("schedule versions")
        ordering = ["period", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["period"], condition=models.Q(number__isnull=True), name="one_working_version_per_period"
            ),
            models.UniqueConstraint(fields=["period", "number"], name="version_number_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.period} v{self.number}" if self.number else f"{self.period} (working)"

    @property
    def is_frozen(self) -> bool:
        return self.number is not None


class ScheduleItem(models.Model):
    version = models.ForeignKey(
        ScheduleVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="items"
    )
    uid = models.UUIDField(_("identity"), default=uuid.uuid4, help_text=_("The same item in every version."))
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
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    topics = models.TextField(_("topics"), blank=True)
    is_unscheduled = models.BooleanField(_("unscheduled"), default=False)
    risk_flag = models.ForeignKey(
        "planning.RiskFlag",
        verbose_name=_("risk flag"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposal = models.ForeignKey(
        "planning.Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deputy_prime_minister_required = models.BooleanField(_("a deputy prime minister takes part"), default=False)
    deputy_prime_minister = models.ForeignKey(
        "organisations.Position",
        verbose_name=_("deputy prime minister"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Required where the item meets a high risk of social tension (P6.2)."),
    )
    # Akims of all levels who take part (R17): the regional akimat's posts, and others by name of post.
    akim_positions = models.ManyToManyField(
        "organisations.Position", verbose_name=_("participating akims"), blank=True, related_name="+"
    )
    other_akims = models.TextField(
        _("other participating akims"), blank=True, help_text=_("District, town and rural akims.")
    )

    class Meta:
        verbose_name = _("schedule item")
        verbose_name_plural = _("schedule items")
        ordering = ["start_date", "organisation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "uid"], name="item_once_per_version"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="item_dates_in_order"
            ),
        ]
        indexes = [models.Index(fields=["version", "start_date"])]

    def __str__(self) -> str:
        return f"{self.position} — {self.region}, {self.start_date:%d.%m.%Y}"


class ItemAgreement(models.Model):
    """The agreement of one party — the ministry or the region's akimat — to a working item."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("awaiting an answer")
        AGREED = "agreed", _("agreed")
        COMMENTED = "commented", _("agreed with comments")
        DISAGREED = "disagreed", _("disagreed")

    item = models.ForeignKey(ScheduleItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="agreements")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("party"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING)
    comment = models.TextField(_("comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # An answer received on paper, recorded by the authorized body with the letter's reference.
    paper_reference = models.CharField(
        _("letter"), max_length=300, blank=True, help_text=_("The letter's number and date, for an answer on paper.")
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [models.UniqueConstraint(fields=["item", "organisation"], name="one_agreement_per_party")]

    def __str__(self) -> str:
        return f"{self.item}: {self.organisation} {self.decision}"


class WarningAcknowledgement(models.Model):
    """A warning on the draft that the authorized body acknowledged instead of resolving."""

    version = models.ForeignKey(
        ScheduleVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="acknowledgements"
    )
    key = models.CharField(_("warning"), max_length=200, help_text=_("The warning's stable key."))
    note = models.TextField(_("why it stands"))
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(_("acknowledged"), auto_now_add=True)

    class Meta:
        verbose_name = _("acknowledged warning")
        verbose_name_plural = _("acknowledged warnings")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="acknowledge_a_warning_once")]

    def __str__(self) -> str:
        return self.key
