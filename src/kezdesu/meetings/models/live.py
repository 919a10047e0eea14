"""The meeting as it happens: its timekeeping (R15), the question on screen and, once closed, its record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveMeeting(models.Model):
    """The live state of a visit's meeting with the population: one per meeting part."""

    class Stage(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        PRESENTATION = "presentation", _("presentation")
        QUESTIONS = "questions", _("questions and answers")
        PAUSED = "paused", _("paused")
        CLOSED = "closed", _("closed")

    part = models.OneToOneField(
        "meetings.VisitPart", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="live"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.NOT_STARTED)
    current_question = models.ForeignKey(
        "questions.Question",
        verbose_name=_("question on screen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The record (R17, S3): what the meeting was, filled in as it closes.
    attendance_hall = models.PositiveIntegerField(_("people in the hall"), null=True, blank=True)
    online_viewers = models.PositiveIntegerField(
        _("online viewers"), null=True, blank=True, help_text=_("As the platforms report them.")
    )
    participants = models.TextField(_("participants"), blank=True, help_text=_("Officials and akims, one per line."))
    recording_links = models.TextField(_("recordings"), blank=True, help_text=_("One address per line."))
    record_note = models.TextField(_("note to the record"), blank=True)
    # Bumped by every change a watcher of the meeting should see; the live pages' ETag.
    revision = models.PositiveBigIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("live meeting")
        verbose_name_plural = _("live meetings")

    def __str__(self) -> str:
        return str(self.part)


class TimerSegment(models.Model):
    """One stretch of the presentation or of the questions, as the timekeeper started and stopped it (R15)."""

    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("presentation")
        QUESTIONS = "questions", _("questions and answers")

    meeting = models.ForeignKey(
        LiveMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="segments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("timed stretch")
        verbose_name_plural = _("timed stretches")
        ordering = ["meeting", "started_at", "id"]
        constraints = [
            # One stretch runs at a time.
            models.UniqueConstraint(fields=["meeting"], condition=models.Q(ended_at__isnull=True), name="one_running"),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="segment_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%H:%M}"
