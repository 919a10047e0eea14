"""A ministry's proposals for a period."""

from django.db.models import QuerySet

from kezdesu.organisations.models import Organisation
from kezdesu.planning.models import PlanningPeriod, Proposal


def proposals_of(period: PlanningPeriod, organisation: Organisation) -> QuerySet[Proposal]:
    return Proposal.objects.filter(period=period, organisation=organisation).select_related(
        "position", "region", "district"
    )


def proposals_awaiting_inclusion(period: PlanningPeriod) -> QuerySet[Proposal]:
    """Submitted proposals of the period that no item of its working draft comes from yet."""
    included = period.versions.filter(number__isnull=True).values_list("items__proposal", flat=True)
    return (
        Proposal.objects.filter(period=period, status=Proposal.Status.SUBMITTED)
        .exclude(pk__in=[pk for pk in included if pk is not None])
        .select_related("organisation", "position", "region", "district")
        .order_by("preferred_from", "organisation__code")
    )
