"""Citizens following a problem issue (with their consent and an e-mail address). Personal data: never public."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Follower(models.Model):
    issue = models.ForeignKey(
        "followup.ProblemIssue", verbose_name=_("problem issue"), on_delete=models.CASCADE, related_name="followers"
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=5, default="kk")
    # The secret in the confirmation and unsubscribe links.
    token = models.CharField(_("token"), max_length=64, unique=True)
    question = models.ForeignKey(
        "questions.Question",
        verbose_name=_("their question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower of a problem issue")
        verbose_name_plural = _("followers of problem issues")
        constraints = [models.UniqueConstraint(fields=["issue", "email"], name="follow_an_issue_once")]

    def __str__(self) -> str:
        return f"{self.issue_id}: follower {self.pk}"
