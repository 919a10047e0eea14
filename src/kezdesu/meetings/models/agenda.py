"""The meeting's agenda with planned durations: at most a quarter for the presentation (R15)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("opening")
        PRESENTATION = "presentation", _("presentation")
        QUESTIONS = "questions", _("questions and answers")
        CLOSING = "closing", _("closing")
        OTHER = "other", _("other")

    part = models.ForeignKey(
        "meetings.VisitPart", verbose_name=_("part"), on_delete=models.CASCADE, related_name="agenda"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Translated content: title_kk/ru/en.
    title = models.CharField(_("title"), max_length=300, blank=True)
    speaker = models.CharField(_("speaker"), max_length=300, blank=True)
    planned_minutes = models.PositiveSmallIntegerField(_("planned minutes"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["part", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["part", "order"], name="agenda_order_once"),
            models.CheckConstraint(condition=models.Q(planned_minutes__gt=0), name="agenda_minutes_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.get_kind_display()}"
