"""The oversight dashboards (R26) for nationwide readers: the authorized body's coordinators, the Government
Apparatus and the Presidential Administration ("reports.view_oversight"). Read-only."""

from django.urls import URLPattern, path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.oversight import ComplianceSerializer, OverdueRowSerializer, TrendPointSerializer
from kezdesu.api.views.base import ApiViewMixin
from kezdesu.reports.domain.queries.oversight import compliance, overdue_by_body, trends

READERS = (
    'Needs "reports.view_oversight": the authorized body\'s coordinators, the Government Apparatus and the '
    "Presidential Administration."
)


class OversightView(ApiViewMixin, APIView):
    read_permission = "reports.view_oversight"


class ComplianceView(OversightView):
    @extend_schema(
        summary="Compliance of every ministry and akimat by quarter",
        description=(
            "For the year, per ministry (and per akimat that owed anything) and quarter: the obligations due, met on "
            "time, met late, overdue and not yet due, the share met on time of those assessed and its band; a "
            "committee's obligations count for its ministry. " + READERS
        ),
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="The year; this year by default."),
            LANG_PARAMETER,
        ],
        responses={200: ComplianceSerializer},
    )
    def get(self, request: Request) -> Response:
        today = timezone.localdate()
        raw = request.query_params.get("year", "")
        year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= today.year + 1 else today.year
        return Response(ComplianceSerializer(compliance(year=year, today=today)).data)


class OverdueView(OversightView):
    @extend_schema(
        summary="What each body has overdue",
        description=(
            "Per ministry and akimat with anything overdue today: obligations due within the last year and not met, "
            "measures past their deadline, the Government's instructions past theirs; the most overdue first. "
            + READERS
        ),
        parameters=[LANG_PARAMETER],
        responses={200: OverdueRowSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(OverdueRowSerializer(overdue_by_body(today=timezone.localdate()), many=True).data)


class TrendsView(OversightView):
    @extend_schema(
        summary="National trends over the last eight quarters",
        description=(
            "By quarter, oldest first: meetings held, questions received, public problem issues raised and solved, "
            "measures due and done on time, obligations due and met on time. " + READERS
        ),
        parameters=[LANG_PARAMETER],
        responses={200: TrendPointSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(TrendPointSerializer(trends(today=timezone.localdate()).points, many=True).data)


urlpatterns: list[URLPattern] = [
    path("oversight/compliance/", ComplianceView.as_view(), name="oversight-compliance"),
    path("oversight/overdue/", OverdueView.as_view(), name="oversight-overdue"),
    path("oversight/trends/", TrendsView.as_view(), name="oversight-trends"),
]
