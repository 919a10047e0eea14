"""Reads of the schedule that several pages and domain functions share."""

from django.db.models import Prefetch, QuerySet

from kezdesu.organisations.models import Organisation, Region
from kezdesu.planning.models import ItemAgreement, PlanningPeriod, ScheduleItem, ScheduleVersion


def akimat_of_region(region: Region) -> Organisation | None:
    """The region's akimat: the party that agrees every meeting held in the region."""
    return (
        Organisation.objects.filter(kind=Organisation.Kind.AKIMAT, region=region, is_active=True).order_by("pk").first()
    )


def items_of(version: ScheduleVersion) -> QuerySet[ScheduleItem]:
    """The version's items with everything a page or a check shows about them."""
    return (
        ScheduleItem.objects.filter(version=version)
        .select_related(
            "organisation",
            "organisation__parent",
            "position",
            "region",
            "district",
            "risk_flag",
            "risk_flag__competent_ministry",
            "risk_flag__region",
            "deputy_prime_minister",
        )
        .prefetch_related(
            "akim_positions",
            Prefetch("agreements", queryset=ItemAgreement.objects.select_related("organisation").order_by("pk")),
        )
        .order_by("start_date", "organisation__name", "pk")
    )


def versions_of(period: PlanningPeriod) -> QuerySet[ScheduleVersion]:
    """The period's frozen versions, newest first."""
    return ScheduleVersion.objects.filter(period=period, number__isnull=False).order_by("-number")


def current_approved_version(period: PlanningPeriod) -> ScheduleVersion | None:
    return (
        ScheduleVersion.objects.filter(period=period, status=ScheduleVersion.Status.APPROVED, number__isnull=False)
        .order_by("-number")
        .first()
    )


def agreements_awaiting(organisation: Organisation) -> QuerySet[ItemAgreement]:
    """The organisation's agreements on working drafts that still await its answer."""
    return (
        ItemAgreement.objects.filter(
            organisation=organisation,
            decision=ItemAgreement.Decision.PENDING,
            item__version__number__isnull=True,
            item__version__status=ScheduleVersion.Status.WORKING,
        )
        .select_related("item", "item__position", "item__region", "item__district", "item__version__period")
        .order_by("item__start_date", "pk")
    )


def agreements_of(organisation: Organisation, period: PlanningPeriod) -> QuerySet[ItemAgreement]:
    """Every agreement the organisation is asked for on the period's working draft."""
    return (
        ItemAgreement.objects.filter(
            organisation=organisation, item__version__period=period, item__version__number__isnull=True
        )
        .select_related("item", "item__organisation", "item__position", "item__region", "item__district")
        .order_by("item__start_date", "pk")
    )
