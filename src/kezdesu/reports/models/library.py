"""The library of documents the authorized body approves (R25): the procedure of meetings (G3.2) and the
methodological recommendations (P5.3), versioned, in Kazakh and Russian, readable by every party."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LibraryDocument(models.Model):
    class Kind(models.TextChoices):
        PROCEDURE = "procedure", _("procedure")
        METHODOLOGY = "methodology", _("methodological recommendations")
        OTHER = "other", _("other document")

    code = models.SlugField(_("code"), max_length=80, unique=True, help_text=_("Its address on the site."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROCEDURE)
    # Translated content: title_kk/ru/en.
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("library document")
        verbose_name_plural = _("library documents")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """One version of a document. A draft can be edited; a published version never changes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("in force")

    document = models.ForeignKey(
        LibraryDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_reference = models.CharField(
        _("approved by"),
        max_length=300,
        blank=True,
        help_text=_("e.g. the minister's order, its number and date."),
    )
    # Translated content: body_kk/ru/en (plain text; blank lines separate paragraphs) and changes_kk/ru/en.
    body = models.TextField(_("text"))
    changes = models.TextField(_("what changed"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_once")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
