"""Regions and districts: public reference data."""

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.geography import DistrictSerializer, RegionSerializer
from kezdesu.api.views.base import ApiViewMixin
from kezdesu.organisations.models import District, Region

KATO_PARAMETER = OpenApiParameter("kato", str, OpenApiParameter.PATH, description="The KATO code (9 digits).")


@extend_schema_view(
    list=extend_schema(
        summary="List regions",
        description="The 17 regions (oblasts) and 3 cities of republican significance, in KATO order. Public.",
        parameters=[LANG_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Show a region",
        description="One region by its KATO code. Public.",
        parameters=[KATO_PARAMETER, LANG_PARAMETER],
    ),
)
class RegionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet[Region]):
    serializer_class = RegionSerializer
    lookup_field = "kato"
    lookup_value_regex = r"\d{9}"
    queryset = Region.objects.order_by("kato")


class DistrictFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        field_name="region",
        to_field_name="kato",
        queryset=Region.objects.all(),
        label="Region (KATO code)",
    )

    class Meta:
        model = District
        fields = ["region", "kind"]


@extend_schema_view(
    list=extend_schema(
        summary="List districts and cities",
        description="Districts, cities of regional significance and city districts, in KATO order. Public.",
        parameters=[LANG_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Show a district or city",
        description="One district or city by its KATO code. Public.",
        parameters=[KATO_PARAMETER, LANG_PARAMETER],
    ),
)
class DistrictViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet[District]):
    serializer_class = DistrictSerializer
    lookup_field = "kato"
    lookup_value_regex = r"\d{9}"
    filterset_class = DistrictFilter

    def get_queryset(self) -> QuerySet[District]:
        return District.objects.select_related("region").order_by("kato")
