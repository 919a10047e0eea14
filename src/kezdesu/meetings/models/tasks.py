"""Publicity and coordination tasks of a visit (R12, R13, R18), for the akimat and the authorized body."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitTask(models.Model):
    class Responsible(models.TextChoices):
        AKIMAT = "akimat", _("akimat")
        AUTHORIZED_BODY = "authorized_body", _("authorized body")
        MINISTRY = "ministry", _("ministry")

    class Status(models.TextChoices):
        TODO = "todo", _("to do")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        NOT_NEEDED = "not_needed", _("not needed")

    visit = models.ForeignKey("meetings.Visit", verbose_name=_("visit"), on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("code"), max_length=50)
    responsible = models.CharField(_("responsible"), max_length=20, choices=Responsible.choices)
    # Translated content: title_kk/ru/en (from the task list in meetings/data/visit_tasks.yaml).
    title = models.CharField(_("task"), max_length=300)
    source = models.CharField(_("clause"), max_length=50, blank=True)
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TODO)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("visit task")
        verbose_name_plural = _("visit tasks")
        ordering = ["visit", "due_date", "id"]
        constraints = [models.UniqueConstraint(fields=["visit", "code"], name="visit_task_once")]

    def __str__(self) -> str:
        return self.title
