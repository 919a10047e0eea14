"""The topics citizens choose from, each with the ministry usually competent for it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    # Translated content: name_kk/ru/en (from questions/data/topics.yaml).
    name = models.CharField(_("name"), max_length=200)
    ministry = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("competent ministry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name
