"""Kazakhstan's administrative units: 20 regions and their districts and cities (KATO)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    class Kind(models.TextChoices):
        OBLAST = "oblast", _("region (oblast)")
        CITY = "city", _("city of republican significance")

    kato = models.CharField(_("KATO code"), max_length=9, unique=True)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)
    pcode = models.CharField(_("P-code"), max_length=10, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_as_of = models.CharField(
        _("population as of"), max_length=20, blank=True, help_text=_("A date or a year, as the source gives it.")
    )
    population_source = models.CharField(_("population source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kato"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        CITY = "city", _("city of regional significance")
        CITY_DISTRICT = "city_district", _("city district")

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="districts")
    kato = models.CharField(_("KATO code"), max_length=9, unique=True)
    pcode = models.CharField(_("P-code"), max_length=10, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("district or city")
        verbose_name_plural = _("districts and cities")
        ordering = ["kato"]

    def __str__(self) -> str:
        return self.name
