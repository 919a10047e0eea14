"""Risk flags as the back office lists them."""

from django.db.models import QuerySet

from kezdesu.organisations.models import Organisation
from kezdesu.planning.models import RiskFlag


def risk_flags(organisations: QuerySet[Organisation] | None = None) -> QuerySet[RiskFlag]:
    """Every flag, or those raised by or addressed to `organisations`; newest first."""
    flags = RiskFlag.objects.select_related("region", "competent_ministry", "raised_by_organisation")
    if organisations is not None:
        ids = list(organisations.values_list("pk", flat=True))
        flags = flags.filter(competent_ministry_id__in=ids) | flags.filter(raised_by_organisation_id__in=ids)
    return flags.order_by("-raised_at", "-pk")
