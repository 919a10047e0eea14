"""The public API of the follow-up (issue 6, S6): problem issues with their measures and history, the public
measures and the accountability figures. Read-only and open to anyone; only published issues; no personal data.

Plain paths, not a router: the staff's measure endpoints (`measures/mine/`, `measures/<pk>/progress/`) live
under the same prefix in followup_plan.py.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import URLPattern, path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.followup_public import (
    AccountabilitySerializer,
    PublicIssueDetailSerializer,
    PublicIssueSerializer,
    PublicMeasureSerializer,
)
from kezdesu.api.views.base import ApiViewMixin
from kezdesu.followup.domain.queries.accountability import accountability
from kezdesu.followup.domain.queries.measure_list import MEASURE_STATES, MeasureFilters, public_measure_list
from kezdesu.followup.domain.queries.public_issues import (
    OPEN,
    OVERDUE,
    IssueFilters,
    public_issue_list,
    public_issue_page,
    public_issue_years,
    public_measures,
)
from kezdesu.followup.interfaces.issue_filters import IssueFilterForm
from kezdesu.followup.interfaces.measure_filters import MeasureFilterForm
from kezdesu.followup.models import Measure, ProblemIssue

FILTERS = [
    OpenApiParameter("ministry", OpenApiTypes.STR, description="The visiting ministry's code (its committees too)."),
    OpenApiParameter("region", OpenApiTypes.STR, description="The region's KATO code."),
    OpenApiParameter("sector", OpenApiTypes.STR, description="The sector's (topic's) code."),
    OpenApiParameter(
        "status",
        OpenApiTypes.STR,
        enum=[*ProblemIssue.Status.values, OPEN, OVERDUE],
        description=(
            "The issue's status; `open`: neither solved nor found not solvable; `overdue`: not closed with a "
            "measure past its deadline."
        ),
    ),
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in the title or description, any language."),
    OpenApiParameter("year", OpenApiTypes.INT, description="The year of the visit."),
    OpenApiParameter(
        "raised_from", OpenApiTypes.DATE, description="Raised at a visit that started on or after this day."
    ),
    OpenApiParameter(
        "raised_to", OpenApiTypes.DATE, description="Raised at a visit that started on or before this day."
    ),
    OpenApiParameter("solved_from", OpenApiTypes.DATE, description="Solved on or after this day."),
    OpenApiParameter("solved_to", OpenApiTypes.DATE, description="Solved on or before this day."),
    LANG_PARAMETER,
]
MEASURE_FILTERS = [
    OpenApiParameter(
        "executor",
        OpenApiTypes.STR,
        description="The executor's organisation code; a ministry's code also gives its committees' measures.",
    ),
    OpenApiParameter("due_from", OpenApiTypes.DATE, description="The deadline is on or after this day."),
    OpenApiParameter("due_to", OpenApiTypes.DATE, description="The deadline is on or before this day."),
    OpenApiParameter(
        "state",
        OpenApiTypes.STR,
        enum=list(MEASURE_STATES),
        description=(
            "`overdue`: not finished and past its deadline; `done_on_time`: done by its deadline; `done_late`: "
            "done after it; `open`: not finished and not overdue."
        ),
    ),
]
LEFT_OUT = " A filter whose value is not valid (an unknown code, a range that ends before it starts) is left out."
PUBLIC = (
    "Public and read-only: the problem issues published in a visit's results (R19–R21), without personal data "
    "(no author or contact of a question, no follower, no staff member). Translated content comes in each "
    "language (`title_kk`, `title_ru`, `title_en`) and in the requested one (`title`)."
)


def _filters(request: Request) -> IssueFilters:
    # The portal's filter form: the same names and the same validation (an unknown value is left out).
    return IssueFilterForm(request.query_params, years=public_issue_years()).filters()


def _measure_filters(request: Request) -> MeasureFilters:
    # The portal's measure filters, and all the issue list's on the measures' issues.
    return MeasureFilterForm(request.query_params).filters(issue=_filters(request))


class PublicIssueList(ApiViewMixin, generics.ListAPIView[ProblemIssue]):
    serializer_class = PublicIssueSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ProblemIssue]:
        if getattr(self, "swagger_fake_view", False):
            return ProblemIssue.objects.none()
        return public_issue_list(_filters(self.request), today=timezone.localdate())

    @extend_schema(summary="List public problem issues", description=PUBLIC + LEFT_OUT, parameters=FILTERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PublicIssueDetail(ApiViewMixin, APIView):
    @extend_schema(
        summary="Show a public problem issue",
        description=PUBLIC + " With its measures, the published texts of its questions and its history.",
        parameters=[LANG_PARAMETER],
        responses={200: PublicIssueDetailSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        today = timezone.localdate()
        issue = public_issue_page(pk, today=today)
        if issue is None:
            raise Http404
        return Response(PublicIssueDetailSerializer(issue, context={"request": request, "today": today}).data)


class PublicMeasureList(ApiViewMixin, generics.ListAPIView[Measure]):
    serializer_class = PublicMeasureSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Measure]:
        if getattr(self, "swagger_fake_view", False):
            return Measure.objects.none()
        return public_measure_list(_measure_filters(self.request), today=timezone.localdate())

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(
        summary="List the measures of public problem issues",
        description=PUBLIC
        + " `executor`, `due_from`, `due_to` and `state` apply to the measures, the other filters to their issues."
        + LEFT_OUT,
        parameters=[*MEASURE_FILTERS, *FILTERS],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PublicMeasureDetail(ApiViewMixin, generics.RetrieveAPIView[Measure]):
    serializer_class = PublicMeasureSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Measure]:
        if getattr(self, "swagger_fake_view", False):
            return Measure.objects.none()
        return public_measures(today=timezone.localdate())

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(
        summary="Show a measure of a public problem issue",
        description=PUBLIC,
        parameters=[LANG_PARAMETER],
        responses={200: PublicMeasureSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class AccountabilityView(ApiViewMixin, APIView):
    @extend_schema(
        summary="Accountability figures per ministry and per region",
        description=(
            "Public: of the published problem issues, per visiting ministry (its committees' visits included) and "
            "per region, how many were raised, solved, being solved, open and overdue, and how many measures were "
            "done by their deadline."
        ),
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="The year of the visits."), LANG_PARAMETER],
        responses={200: AccountabilitySerializer},
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("year", "")
        year = int(raw) if raw.isdigit() else None
        return Response(AccountabilitySerializer(accountability(year=year, today=timezone.localdate())).data)


urlpatterns: list[URLPattern] = [
    path("problem-issues/", PublicIssueList.as_view(), name="public-issue-list"),
    path("problem-issues/<int:pk>/", PublicIssueDetail.as_view(), name="public-issue-detail"),
    path("measures/", PublicMeasureList.as_view(), name="public-measure-list"),
    path("measures/<int:pk>/", PublicMeasureDetail.as_view(), name="public-measure-detail"),
    path("accountability/", AccountabilityView.as_view(), name="accountability"),
]
