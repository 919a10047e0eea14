"""The ministries' quarterly information (R22) for staff: the quarter's rows the user may read, one pack with its
figures and state, and the workflow (narrative, approve, withdraw, submit, return).

A ministry's staff read their ministry's packs; the authorized body and the oversight bodies read every one.
Other ministries' packs answer 404. Writes call `reports/domain/quarterly.py`: a refusal by role answers 403,
a rule's refusal 400 with its translated message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.urls import URLPattern, path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.reports_quarterly import (
    QuarterlyInformationSerializer,
    QuarterlyNarrativeSerializer,
    QuarterlyReturnSerializer,
    QuarterlyRevisionSerializer,
    QuarterlyRowSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.followup.domain.progress_reports import translated
from kezdesu.followup.domain.queries.progress_reports import quarter_of
from kezdesu.organisations.models import Organisation
from kezdesu.reports.domain.figures import compile_quarterly_information
from kezdesu.reports.domain.quarterly import (
    approve_quarterly_information,
    information_of,
    quarterly_obligation,
    return_quarterly_information,
    save_quarterly_narrative,
    submit_quarterly_information,
    withdraw_approval,
)
from kezdesu.reports.domain.queries.quarterly import QuarterRow, last_ended_quarter, pack_state, quarterly_overview
from kezdesu.reports.models import QuarterlyInformation

REFUSALS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
LANGUAGES = ("kk", "ru", "en")
TAGS = ["reports"]


def _check_quarter(year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise Http404


def _readable_ministry(request: Request, code: str) -> Organisation:
    ministry = Organisation.objects.filter(code=code, kind=Organisation.Kind.MINISTRY).first()
    if ministry is None or not request.user.has_perm("reports.view_quarterly_information", ministry):
        raise Http404
    return ministry


def _row_data(row: QuarterRow) -> dict[str, Any]:
    information = row.information
    return {
        "organisation": row.organisation.code,
        "organisation_name": translated(row.organisation, "name"),
        "year": row.year,
        "quarter": row.quarter,
        "status": row.status,
        "state": row.state,
        "due": row.due,
        "submitted_at": information.submitted_at if information is not None else None,
    }


def _pack_data(ministry: Organisation, year: int, quarter: int) -> dict[str, Any]:
    today = timezone.localdate()
    information = information_of(ministry, year, quarter)
    obligation = quarterly_obligation(ministry, year, quarter, today=today)
    frozen = information is not None and information.status != QuarterlyInformation.Status.DRAFT
    if frozen and information is not None and information.snapshot:
        figures = {key: value for key, value in information.snapshot.items() if key not in ("narrative", "version")}
    else:
        frozen = False
        figures = compile_quarterly_information(ministry, year, quarter, today=today).to_json()
    return {
        "organisation": ministry.code,
        "organisation_name": translated(ministry, "name"),
        "year": year,
        "quarter": quarter,
        "status": information.status if information is not None else QuarterlyInformation.Status.DRAFT,
        "state": pack_state(information, obligation),
        "due": obligation.due if obligation is not None else None,
        "clause": obligation.source if obligation is not None else None,
        "submitted_at": information.submitted_at if information is not None else None,
        "approved_at": information.approved_at if information is not None else None,
        "returned_at": information.returned_at if information is not None else None,
        "return_comment": information.return_comment if information is not None else "",
        "narrative": {code: getattr(information, f"narrative_{code}", "") or "" for code in LANGUAGES},
        "revision": information.revision if information is not None else 0,
        "frozen": frozen,
        "figures": figures,
    }


class QuarterlyList(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Every ministry's quarterly information for a quarter (those the user may read)",
        description=(
            "One row per ministry the user reads (`reports.view_quarterly_information`), by name, with its "
            "status, due date and state. Without `year` and `quarter`: the last quarter that has ended."
        ),
        parameters=[
            OpenApiParameter("year", int, required=False),
            OpenApiParameter("quarter", int, required=False, enum=[1, 2, 3, 4]),
        ],
        responses={200: QuarterlyRowSerializer(many=True), **REFUSALS},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        actor = acting_user(request)
        today = timezone.localdate()
        default_year, default_quarter = last_ended_quarter(today)
        year = request.query_params.get("year", "")
        quarter = request.query_params.get("quarter", "")
        chosen = (int(year) if year.isdigit() else default_year, int(quarter) if quarter.isdigit() else default_quarter)
        _check_quarter(*chosen)
        rows = [
            row
            for row in quarterly_overview(*chosen, today=today)
            if actor.has_perm("reports.view_quarterly_information", row.organisation)
        ]
        return Response(QuarterlyRowSerializer([_row_data(row) for row in rows], many=True).data)


class QuarterlyView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="A ministry's quarterly information: figures and state",
        description=(
            "The approved snapshot once approved (`frozen`), else the figures compiled from the records now. "
            "`reports.view_quarterly_information` on the ministry; others get 404."
        ),
        responses={200: QuarterlyInformationSerializer, **REFUSALS},
        tags=TAGS,
    )
    def get(self, request: Request, organisation: str, year: int, quarter: int) -> Response:
        acting_user(request)
        _check_quarter(year, quarter)
        ministry = _readable_ministry(request, organisation)
        return Response(QuarterlyInformationSerializer(_pack_data(ministry, year, quarter)).data)


class _Action(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    def _ministry(self, request: Request, organisation: str, year: int, quarter: int) -> Organisation:
        acting_user(request)
        _check_quarter(year, quarter)
        return _readable_ministry(request, organisation)

    def _answer(self, ministry: Organisation, year: int, quarter: int) -> Response:
        return Response(QuarterlyInformationSerializer(_pack_data(ministry, year, quarter)).data)

    def _act(
        self,
        request: Request,
        organisation: str,
        year: int,
        quarter: int,
        action: Callable[..., object],
        body: type[serializers.Serializer[Any]] | None = None,
    ) -> Response:
        """Call the domain `action` for the ministry's pack with the validated body, and answer the pack."""
        ministry = self._ministry(request, organisation, year, quarter)
        values: dict[str, Any] = {}
        if body is not None:
            data = body(data=request.data)
            data.is_valid(raise_exception=True)
            values = dict(data.validated_data)
        action(actor=acting_user(request), organisation=ministry, year=year, quarter=quarter, **values)
        return self._answer(ministry, year, quarter)


class QuarterlyNarrativeView(_Action):
    @extend_schema(
        summary="Write the narrative of a draft",
        description="The ministry's editors and approvers (`reports.prepare_quarterly_information`); drafts only.",
        request=QuarterlyNarrativeSerializer,
        responses={200: QuarterlyInformationSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, organisation: str, year: int, quarter: int) -> Response:
        return self._act(request, organisation, year, quarter, save_quarterly_narrative, QuarterlyNarrativeSerializer)


class QuarterlyApproveView(_Action):
    @extend_schema(
        summary="Approve the quarterly information (freezes the figures)",
        description="The ministry's approver (`reports.approve_quarterly_information`), once the quarter has ended.",
        request=QuarterlyRevisionSerializer,
        responses={200: QuarterlyInformationSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, organisation: str, year: int, quarter: int) -> Response:
        return self._act(
            request, organisation, year, quarter, approve_quarterly_information, QuarterlyRevisionSerializer
        )


class QuarterlyWithdrawView(_Action):
    @extend_schema(
        summary="Withdraw the approval (back to draft, before submission)",
        description="The ministry's approver (`reports.approve_quarterly_information`).",
        request=QuarterlyRevisionSerializer,
        responses={200: QuarterlyInformationSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, organisation: str, year: int, quarter: int) -> Response:
        return self._act(request, organisation, year, quarter, withdraw_approval, QuarterlyRevisionSerializer)


class QuarterlySubmitView(_Action):
    @extend_schema(
        summary="Submit the approved information to the authorized body",
        description=(
            "The ministry's approver (`reports.approve_quarterly_information`). The first submission meets the "
            "`quarterly-information` obligation (late if after the due date); the coordinators are notified."
        ),
        request=None,
        responses={200: QuarterlyInformationSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, organisation: str, year: int, quarter: int) -> Response:
        return self._act(request, organisation, year, quarter, submit_quarterly_information)


class QuarterlyReturnView(_Action):
    @extend_schema(
        summary="Return submitted information to the ministry for correction",
        description=(
            "The authorized body's coordinators (`reports.return_quarterly_information`): back to draft with the "
            "comment; the obligation stays met on the day of the first submission."
        ),
        request=QuarterlyReturnSerializer,
        responses={200: QuarterlyInformationSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, organisation: str, year: int, quarter: int) -> Response:
        ministry = self._ministry(request, organisation, year, quarter)
        body = QuarterlyReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        information = information_of(ministry, year, quarter)
        if information is None:
            raise Http404
        return_quarterly_information(
            actor=acting_user(request), information=information, comment=body.validated_data["comment"]
        )
        return self._answer(ministry, year, quarter)


PACK = "quarterly-information/<slug:organisation>/<int:year>/<int:quarter>/"

urlpatterns: list[URLPattern] = [
    path("quarterly-information/", QuarterlyList.as_view(), name="quarterly-information-list"),
    path(PACK, QuarterlyView.as_view(), name="quarterly-information"),
    path(f"{PACK}narrative/", QuarterlyNarrativeView.as_view(), name="quarterly-information-narrative"),
    path(f"{PACK}approve/", QuarterlyApproveView.as_view(), name="quarterly-information-approve"),
    path(f"{PACK}withdraw/", QuarterlyWithdrawView.as_view(), name="quarterly-information-withdraw"),
    path(f"{PACK}submit/", QuarterlySubmitView.as_view(), name="quarterly-information-submit"),
    path(f"{PACK}return/", QuarterlyReturnView.as_view(), name="quarterly-information-return"),
]


def current_quarter() -> tuple[int, int]:
    return quarter_of(timezone.localdate())
