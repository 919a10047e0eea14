"""Days that the Government moves each year: transferred days off and working Saturdays (S5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarException(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("day off (transferred)")
        WORKING_DAY = "working_day", _("working day (e.g. a working Saturday)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=300)
    act = models.CharField(_("act"), max_length=300, blank=True, help_text=_("The decree that moved the day."))

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_kind_display()}"
