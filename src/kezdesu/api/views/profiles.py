"""Regulation profiles: the acts that govern the meetings, public."""

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.profiles import RegulationProfileSerializer
from kezdesu.api.views.base import ApiViewMixin
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.models import ObligationRule, RegulationProfile


@extend_schema_view(
    list=extend_schema(
        summary="List regulation profiles",
        description=(
            "Each act that governs the meetings (e.g. REG-2022, REG-2024) with its effective dates, exempt "
            "bodies, planning cycle and every duty it sets, with the clause behind it. Public."
        ),
        parameters=[LANG_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Show a regulation profile",
        description="One profile by its code, e.g. REG-2024. Public.",
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH), LANG_PARAMETER],
    ),
)
class RegulationProfileViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet[RegulationProfile]):
    serializer_class = RegulationProfileSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[RegulationProfile]:
        return RegulationProfile.objects.order_by("effective_from").prefetch_related(
            Prefetch("rules", queryset=ObligationRule.objects.order_by("order", "code")),
            Prefetch("exempt_organisations", queryset=Organisation.objects.only("id", "code").order_by("code")),
        )
