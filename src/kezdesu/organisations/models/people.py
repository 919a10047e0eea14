"""Accounts and their roles, each role held in one organisation (S2)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    language = models.CharField(
        _("language"), max_length=5, default="kk", help_text=_("Language of e-mails and notifications.")
    )
    is_demo = models.BooleanField(_("demo account"), default=False)
    email_digest = models.BooleanField(
        _("one e-mail a day"),
        default=False,
        help_text=_("Notifications are e-mailed once a day in one digest instead of one by one."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    """The one vocabulary of roles. What each may do is decided in `organisations.rules`."""

    VIEWER = "viewer", _("viewer")
    EDITOR = "editor", _("editor")
    APPROVER = "approver", _("approver")
    COORDINATOR = "coordinator", _("coordinator (authorized body)")
    OVERSIGHT = "oversight", _("oversight (read-only)")


class Membership(models.Model):
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("role in an organisation")
        verbose_name_plural = _("roles in organisations")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="one_membership_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"
