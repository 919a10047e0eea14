"""The parties: ministries and their committees, akimats, the Government, oversight bodies."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministry (central executive body)")
        COMMITTEE = "committee", _("committee of a ministry")
        AKIMAT = "akimat", _("akimat")
        DISTRICT_AKIMAT = "district_akimat", _("akimat of a district or town")
        GOVERNMENT = "government", _("Government")
        GOVERNMENT_APPARATUS = "government_apparatus", _("Government Apparatus")
        PRESIDENTIAL_ADMINISTRATION = "presidential_administration", _("Presidential Administration")

    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Stable identifier used in data files and the API.")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    competence = models.CharField(_("competence"), max_length=500, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent body"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("For akimats: the region they govern."),
    )
    district = models.ForeignKey(
        "organisations.District",
        verbose_name=_("district or town"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("For the akimat of a district or town: the district or town it governs."),
    )
    existed_from = models.DateField(
        _("exists from"), null=True, blank=True, help_text=_("Empty: before any period the system knows.")
    )
    existed_to = models.DateField(_("exists until"), null=True, blank=True, help_text=_("Its last day; empty: exists."))
    is_authorized_body = models.BooleanField(
        _("authorized body"),
        default=False,
        help_text=_("The authorized body in the area of access to information."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_authorized_body"],
                condition=models.Q(is_authorized_body=True),
                name="one_authorized_body",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def existed_on(self, day: date) -> bool:
        """Whether the body existed on `day` (under this or an earlier name)."""
        return (self.existed_from is None or self.existed_from <= day) and (
            self.existed_to is None or day <= self.existed_to
        )


class OrganisationName(models.Model):
    """A name the body bore before it was renamed: it is called so on what concerns that time."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="former_names"
    )
    # Translated content: name_kk, name_ru, name_en.
    name = models.CharField(_("name"), max_length=300)
    used_until = models.DateField(_("used until"), help_text=_("The last day the body bore this name."))
    act = models.CharField(_("renaming act"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["organisation", "used_until"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "used_until"], name="one_former_name_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (→ {self.used_until})"


class Position(models.Model):
    """A post, never a person: reference data holds no personal names."""

    class Level(models.TextChoices):
        FIRST_HEAD = "first_head", _("first head")
        FIRST_DEPUTY = "first_deputy", _("first deputy")
        DEPUTY = "deputy", _("deputy")
        COMMITTEE_CHAIR = "committee_chair", _("committee chair")
        EXECUTIVE_SECRETARY = "executive_secretary", _("executive secretary")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="positions"
    )
    code = models.SlugField(_("code"), max_length=60)
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["organisation", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="position_code_per_organisation")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_first_head(self) -> bool:
        return self.level == self.Level.FIRST_HEAD
