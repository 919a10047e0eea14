"""The akimats of a region at every level (R17): the region's own, and those of its districts and towns."""

from django.db.models import QuerySet

from kezdesu.organisations.models import Organisation, Position, Region

AKIMAT_KINDS = (Organisation.Kind.AKIMAT, Organisation.Kind.DISTRICT_AKIMAT)


def akimats_in_region(region: Region | int) -> QuerySet[Organisation]:
    """The region's akimat and the akimats of its districts, towns and city districts, in force."""
    return Organisation.objects.filter(kind__in=AKIMAT_KINDS, region=region, is_active=True)


def akim_posts_in_region(region: Region | int) -> QuerySet[Position]:
    """The posts of `akimats_in_region`: the region's akimat's first, then each district's and town's by its
    KATO code (towns before districts), each akimat's in the order of its posts."""
    return (
        Position.objects.filter(organisation__in=akimats_in_region(region), is_active=True)
        .select_related("organisation")
        .order_by("organisation__kind", "organisation__district__kato", "order", "pk")
    )
