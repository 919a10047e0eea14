"""The region advisor's weights, set by the authorized body (R3). One row: the weights in force."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class AdvisorWeights(models.Model):
    problems = models.DecimalField(
        _("weight: systemic problems reported by the akimat"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("3"),
        validators=NON_NEGATIVE,
    )
    questions = models.DecimalField(
        _("weight: citizens' questions per 100,000 people"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2"),
        validators=NON_NEGATIVE,
    )
    recency = models.DecimalField(
        _("weight: time since the ministry last met the region"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2"),
        validators=NON_NEGATIVE,
    )
    risks = models.DecimalField(
        _("weight: open risk flags"), max_digits=5, decimal_places=2, default=Decimal("4"), validators=NON_NEGATIVE
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("region advisor weights")
        verbose_name_plural = _("region advisor weights")

    def __str__(self) -> str:
        return str(_("region advisor weights"))
