"""A ministry's proposals for a period."""

from django.db.models import QuerySet

from kezdesu.organisations.models import Organisation
from kezdesu.planning.models import PlanningPeriod, Proposal


def proposals_of(period: PlanningPeriod, organisation: Organisation) -> QuerySet[Proposal]:
    return Proposal.objects.filter(period=period, organisation=organisation).select_related(
        "position", "region", "district"
    )
