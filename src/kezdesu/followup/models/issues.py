"""Problem issues (R19): what the population raised during a visit, systematised by staff."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProblemIssue(models.Model):
    """One problem raised by citizens, with the body competent to solve it and the questions behind it."""

    class Status(models.TextChoices):
        RAISED = "raised", pgettext_lazy("problem issue status", "raised")
        IN_PROGRESS = "in_progress", _("being solved")
        SOLVED = "solved", _("solved")
        NOT_SOLVABLE = "not_solvable", _("cannot be solved (explained)")

    visit = models.ForeignKey(
        "meetings.Visit", verbose_name=_("visit"), on_delete=models.PROTECT, related_name="problem_issues"
    )
    number = models.PositiveIntegerField(_("number"), help_text=_("Its number in the visit's list."))
    # Translated content: title_kk/ru/en, description_kk/ru/en (kk and ru required, en optional).
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
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
    sector = models.ForeignKey(
        "questions.Topic", verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The competent body is an organisation in Kezdesu (a ministry or an akimat), or a national
    # holding or company named in text (such bodies have no accounts here).
    competent_body = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("competent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="competent_for_issues",
    )
    competent_company = models.CharField(
        _("national holding or company"), max_length=300, blank=True, help_text=_("When not a state body.")
    )
    citizens = models.PositiveIntegerField(_("citizens who raised it"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RAISED)
    # Translated content: status_note_kk/ru/en, e.g. why it cannot be solved.
    status_note = models.TextField(_("note on the status"), blank=True)
    solved_on = models.DateField(_("solved on"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, help_text=_("Public once the visit's results are published.")
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("problem issue")
        verbose_name_plural = _("problem issues")
        ordering = ["visit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "number"], name="issue_number_per_visit"),
            models.CheckConstraint(
                condition=models.Q(competent_body__isnull=False) | ~models.Q(competent_company=""),
                name="issue_has_competent_body",
            ),
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["published_at"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class IssueQuestion(models.Model):
    """A question behind a problem issue. A question belongs to one problem issue at most."""

    issue = models.ForeignKey(
        ProblemIssue, verbose_name=_("problem issue"), on_delete=models.CASCADE, related_name="links"
    )
    question = models.OneToOneField(
        "questions.Question", verbose_name=_("question"), on_delete=models.CASCADE, related_name="issue_link"
    )
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        verbose_name = _("question behind a problem issue")
        verbose_name_plural = _("questions behind problem issues")

    def __str__(self) -> str:
        return f"{self.issue_id}: {self.question_id}"
