"""A problem issue's public history (R21): what happened to it, in order. No personal data, no staff names."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueEvent(models.Model):
    class Kind(models.TextChoices):
        RAISED = "raised", _("raised by citizens")
        PUBLISHED = "published", _("published in the visit's results")
        STATUS = "status", _("status changed")
        MEASURE_ADDED = "measure_added", _("measure planned")
        MEASURE_CHANGED = "measure_changed", _("measure changed")
        PROGRESS = "progress", _("progress reported")
        REPORT = "report", _("quarterly report published")
        MERGED = "merged", _("merged with another issue")

    issue = models.ForeignKey(
        "followup.ProblemIssue", verbose_name=_("problem issue"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    measure = models.ForeignKey(
        "followup.Measure",
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Values shown on the timeline (status, percent, deadline...); translated content as {"kk", "ru", "en"}.
    params = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("event in a problem issue's history")
        verbose_name_plural = _("events in problem issues' history")
        ordering = ["issue", "at", "id"]

    def __str__(self) -> str:
        return f"{self.issue_id} {self.kind} {self.at:%Y-%m-%d}"
