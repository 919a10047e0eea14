"""The schedule in force and its frozen versions: public, read-only (S6)."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.schedule import (
    ScheduleItemSerializer,
    ScheduleQuerySerializer,
    ScheduleVersionSerializer,
)
from kezdesu.api.views.base import ApiViewMixin
from kezdesu.meetings.domain.queries.open_data import amended_item_uids, visits_of_items
from kezdesu.planning.domain.queries.published import frozen_versions, published_items
from kezdesu.planning.models import ScheduleItem, ScheduleVersion

SCHEDULE_PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="Only items that end on or after this day (YYYY-MM-DD)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Only items that start on or before this day (YYYY-MM-DD)."),
    OpenApiParameter("ministry", str, description="Only this ministry's items (its code)."),
    OpenApiParameter("region", str, description="Only items in this region (its KATO code)."),
    OpenApiParameter("position", int, description="Only this official's items (the position's id)."),
    LANG_PARAMETER,
]


@extend_schema_view(
    list=extend_schema(
        summary="List the approved schedule",
        description=(
            "The meetings of the approved schedule of every planning period, in date order: who meets the "
            "population, where and when, with the topics; whether an amendment changed the item; and, once the "
            "visit carrying it out is announced, its state and public page (its times: `/api/v1/visits/{id}/`). "
            "Only versions approved by the Government and in force are published; drafts are not. Public: anyone "
            "may read it without signing in. The same data as open data: `/<lang>/open-data/schedule.csv` "
            "(`.json`)."
        ),
        parameters=SCHEDULE_PARAMETERS,
        responses={200: ScheduleItemSerializer(many=True), 400: OpenApiTypes.OBJECT},
    ),
)
class ScheduleViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet[ScheduleItem]):
    serializer_class = ScheduleItemSerializer
    filter_backends: list[Any] = []

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if not getattr(self, "swagger_fake_view", False):
            context.update(amended=amended_item_uids(), visits=visits_of_items())
        return context

    def get_queryset(self) -> QuerySet[ScheduleItem]:
        if getattr(self, "swagger_fake_view", False):
            return ScheduleItem.objects.none()
        query = ScheduleQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        return published_items(
            start=params.get("from"),
            end=params.get("to"),
            ministry=params.get("ministry"),
            region=params.get("region"),
            position=params.get("position"),
        )


@extend_schema_view(
    list=extend_schema(
        summary="List the frozen schedule versions",
        description=(
            "Every approved version of the schedule, newest first, with the approving act and, for an "
            "amendment, its reason; a superseded version says so in its status. Public."
        ),
        parameters=[LANG_PARAMETER],
    ),
)
class ScheduleVersionViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet[ScheduleVersion]):
    serializer_class = ScheduleVersionSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ScheduleVersion]:
        return frozen_versions()
