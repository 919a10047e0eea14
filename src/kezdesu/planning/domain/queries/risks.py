"""Risk flags as the back office lists them, each with the obligation it created and its state."""

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet

from kezdesu.organisations.models import Organisation
from kezdesu.planning.models import RiskFlag
from kezdesu.regulations.domain.obligations import Obligation, obligations_between
from kezdesu.regulations.models import ObligationRule


def risk_flags(organisations: QuerySet[Organisation] | None = None) -> QuerySet[RiskFlag]:
    """Every flag, or those raised by or addressed to `organisations`; newest first."""
    flags = RiskFlag.objects.select_related("region", "competent_ministry", "raised_by_organisation")
    if organisations is not None:
        ids = list(organisations.values_list("pk", flat=True))
        flags = flags.filter(competent_ministry_id__in=ids) | flags.filter(raised_by_organisation_id__in=ids)
    return flags.order_by("-raised_at", "-pk")


def risk_flag_obligations(flags: Iterable[RiskFlag], *, today: datetime.date) -> dict[int, Obligation]:
    """The unscheduled-meeting obligation (R4) of each assigned flag, by the flag's pk: one computation for all."""
    deadlines = [flag.deadline for flag in flags if flag.deadline is not None]
    if not deadlines:
        return {}
    ministries = list({flag.competent_ministry_id: flag.competent_ministry for flag in flags}.values())
    found = {}
    for obligation in obligations_between(
        start=min(deadlines), end=max(deadlines) + datetime.timedelta(days=31), organisations=ministries, today=today
    ):
        event_id = obligation.event_id
        if obligation.rule.role == ObligationRule.Role.UNSCHEDULED_MEETING and event_id.startswith("risk-"):
            found[int(event_id.removeprefix("risk-"))] = obligation
    return found
