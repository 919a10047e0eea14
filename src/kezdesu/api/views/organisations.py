"""Organisations and positions: public reference data (no personal data)."""

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.organisations import OrganisationSerializer, PositionSerializer
from kezdesu.api.views.base import ApiViewMixin
from kezdesu.organisations.models import Organisation, Position, Region


class OrganisationFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        field_name="region", to_field_name="kato", queryset=Region.objects.all(), label="Region (KATO code)"
    )
    parent = django_filters.ModelChoiceFilter(
        field_name="parent", to_field_name="code", queryset=Organisation.objects.all(), label="Parent body (code)"
    )

    class Meta:
        model = Organisation
        fields = ["kind", "region", "parent", "is_active"]


@extend_schema_view(
    list=extend_schema(
        summary="List organisations",
        description=(
            "Ministries and their committees, akimats, the Government, its Apparatus and the Presidential "
            "Administration. Public reference data."
        ),
        parameters=[LANG_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Show an organisation",
        description="One organisation by its stable code. Public.",
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH), LANG_PARAMETER],
    ),
)
class OrganisationViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet[Organisation]):
    serializer_class = OrganisationSerializer
    lookup_field = "code"
    filterset_class = OrganisationFilter

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.select_related("parent", "region").order_by("kind", "code")


class PositionFilter(django_filters.FilterSet):
    organisation = django_filters.ModelChoiceFilter(
        field_name="organisation",
        to_field_name="code",
        queryset=Organisation.objects.all(),
        label="Organisation (code)",
    )

    class Meta:
        model = Position
        fields = ["organisation", "level", "is_active"]


@extend_schema_view(
    list=extend_schema(
        summary="List positions",
        description=(
            "Leadership posts of the organisations (minister, vice-ministers, committee chairs...). "
            "Posts, never people: no personal names. Public."
        ),
        parameters=[LANG_PARAMETER],
    ),
)
class PositionViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet[Position]):
    serializer_class = PositionSerializer
    filterset_class = PositionFilter

    def get_queryset(self) -> QuerySet[Position]:
        return Position.objects.select_related("organisation").order_by("organisation__code", "order", "code")
