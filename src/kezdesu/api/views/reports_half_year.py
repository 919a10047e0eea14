"""The half-year results (R23) for staff: the half-years and one report (nationwide readers and the Government
Apparatus's approvers), the narrative and submission (the authorized body's coordinators), the Government's
review (the Apparatus's approvers); the Government's instructions (scoped: every one for those readers, a
body's own for its staff), the report on one by its executor; and the akims' systemic problems by half-year.

Writes call `reports/domain/half_year.py` and `instructions.py`: a refusal by role answers 403, a rule's 400.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.reports_half_year import (
    HalfYearNarrativeSerializer,
    HalfYearReportSerializer,
    HalfYearRowSerializer,
    InstructionInputSerializer,
    InstructionReportSerializer,
    InstructionSerializer,
    ReviewInputSerializer,
    SystemicProblemsReportSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.progress_reports import LANGUAGES, translated
from kezdesu.organisations.models import Organisation
from kezdesu.reports.domain.half_year import (
    compile_half_year_report,
    save_half_year_narrative,
    submit_half_year_report,
)
from kezdesu.reports.domain.instructions import add_instruction, record_government_review, report_on_instruction
from kezdesu.reports.domain.queries.half_year import current_half, half_year_rows, report_of
from kezdesu.reports.domain.queries.instructions import (
    INSTRUCTION_FILTERS,
    filter_by_state,
    instruction_state,
    instructions_for,
    reads_half_year_results,
)
from kezdesu.reports.domain.queries.systemic_problems import problems_scope, systemic_problems_by_half_year
from kezdesu.reports.models import HalfYearReport, Instruction

REFUSALS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
TAGS = ["reports"]


def _check_half(year: int, half: int) -> None:
    if half not in (1, 2) or not 2000 <= year <= 2100:
        raise Http404


def _check(request: Request, year: int | None = None, half: int | None = None) -> None:
    if not reads_half_year_results(acting_user(request)):
        raise Http404
    if year is not None and half is not None:
        _check_half(year, half)


def _review_data(report: HalfYearReport | None) -> dict[str, Any] | None:
    review = getattr(report, "review", None) if report is not None else None
    if review is None:
        return None
    return {
        "reviewed_on": review.reviewed_on,
        "reference": review.reference,
        "conclusions": translated(review, "conclusions"),
        "revision": review.revision,
    }


def _report_data(year: int, half: int) -> dict[str, Any]:
    report = report_of(year, half)
    frozen = report is not None and report.status == HalfYearReport.Status.SUBMITTED and bool(report.snapshot)
    if frozen and report is not None:
        figures = {key: value for key, value in report.snapshot.items() if key not in ("narrative", "version")}
    else:
        figures = compile_half_year_report(year, half).to_json()
        figures.pop("version", None)
    return {
        "year": year,
        "half": half,
        "status": report.status if report is not None else HalfYearReport.Status.DRAFT,
        "frozen": frozen,
        "submitted_at": report.submitted_at if report is not None else None,
        "narrative": {code: getattr(report, f"narrative_{code}", "") or "" for code in LANGUAGES},
        "revision": report.revision if report is not None else 0,
        "figures": figures,
        "review": _review_data(report),
    }


class HalfYearList(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="The half-years with the state of their results",
        description="From last year's first half to the current one, newest first. Nationwide readers and the "
        "Government Apparatus's approvers; others get 404.",
        responses={200: HalfYearRowSerializer(many=True), **REFUSALS},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        _check(request)
        rows = [
            {
                "year": row["year"],
                "half": row["half"],
                "start": row["start"],
                "end": row["end"],
                "due": row["obligation"].due if row["obligation"] is not None else None,
                "status": row["report"].status if row["report"] is not None else HalfYearReport.Status.DRAFT,
                "submitted_at": row["report"].submitted_at if row["report"] is not None else None,
                "reviewed_on": row["review"].reviewed_on if row["review"] is not None else None,
            }
            for row in half_year_rows(timezone.localdate())
        ]
        return Response(HalfYearRowSerializer(rows, many=True).data)


class HalfYearView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="One half-year's results: consolidated figures and the Government's review",
        description="The submitted snapshot (`frozen`) or the figures compiled now.",
        responses={200: HalfYearReportSerializer, **REFUSALS},
        tags=TAGS,
    )
    def get(self, request: Request, year: int, half: int) -> Response:
        _check(request, year, half)
        return Response(HalfYearReportSerializer(_report_data(year, half)).data)


class HalfYearNarrativeView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Write the narrative of the half-year results",
        description="The authorized body's coordinators (`reports.prepare_half_year_report`), until reviewed.",
        request=HalfYearNarrativeSerializer,
        responses={200: HalfYearReportSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, half: int) -> Response:
        _check(request, year, half)
        body = HalfYearNarrativeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        save_half_year_narrative(actor=acting_user(request), year=year, half=half, **body.validated_data)
        return Response(HalfYearReportSerializer(_report_data(year, half)).data)


class HalfYearSubmitView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Submit the half-year results to the Government Apparatus (again, until reviewed)",
        description="The authorized body's coordinators. Freezes the figures and meets the R23 obligation.",
        request=None,
        responses={200: HalfYearReportSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, half: int) -> Response:
        _check(request, year, half)
        submit_half_year_report(actor=acting_user(request), year=year, half=half)
        return Response(HalfYearReportSerializer(_report_data(year, half)).data)


class HalfYearReviewView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Record or correct the Government's review of submitted results",
        description="The Government Apparatus's approvers (`reports.record_government_review`). `revision`: 0 "
        "for a new review, else the review's revision as read.",
        request=ReviewInputSerializer,
        responses={200: HalfYearReportSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, half: int) -> Response:
        _check(request, year, half)
        actor = acting_user(request)
        if not actor.has_perm("reports.record_government_review"):
            raise NotPermitted(_("Only the Government Apparatus's approvers record the Government's review."))
        body = ReviewInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = report_of(year, half)
        if report is None:
            raise DomainError(_("The results have not been submitted yet."), code="not_submitted")
        record_government_review(actor=actor, report=report, **body.validated_data)
        return Response(HalfYearReportSerializer(_report_data(year, half)).data)


def _instruction_data(instruction: Instruction, today: datetime.date) -> dict[str, Any]:
    report = instruction.review.report
    return {
        "id": instruction.pk,
        "year": report.year,
        "half": report.half,
        "number": instruction.number,
        "text": translated(instruction, "text"),
        "assignee": instruction.assignee.code,
        "assignee_name": translated(instruction.assignee, "name"),
        "deadline": instruction.deadline,
        "status": instruction.status,
        "state": instruction_state(instruction, today),
        "report": instruction.report,
        "done_on": instruction.done_on,
        "revision": instruction.revision,
    }


class InstructionList(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="The Government's instructions the user may read",
        description="Every one for nationwide readers and the Apparatus's approvers; otherwise those given to the "
        "user's own bodies. `state` filters: open, overdue, done or withdrawn.",
        parameters=[OpenApiParameter("state", str, required=False, enum=list(INSTRUCTION_FILTERS))],
        responses={200: InstructionSerializer(many=True), **REFUSALS},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        today = timezone.localdate()
        chosen = request.query_params.get("state", "")
        instructions = filter_by_state(instructions_for(acting_user(request)), chosen, today)
        return Response(InstructionSerializer([_instruction_data(i, today) for i in instructions], many=True).data)

    @extend_schema(
        summary="Record an instruction given at a review",
        description="The Government Apparatus's approvers; the half-year's review must be recorded. The executor "
        "body's staff are told.",
        request=InstructionInputSerializer,
        responses={201: InstructionSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        if not actor.has_perm("reports.record_government_review"):
            raise NotPermitted(_("Only the Government Apparatus's approvers record the Government's review."))
        body = InstructionInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        report = report_of(data.pop("year"), data.pop("half"))
        review = getattr(report, "review", None) if report is not None else None
        if review is None:
            raise DomainError(_("Record the Government's review first."), code="no_review")
        assignee = Organisation.objects.filter(code=data.pop("assignee")).first()
        if assignee is None:
            raise DomainError(_("There is no such executor body."), code="assignee")
        instruction = add_instruction(actor=actor, review=review, assignee=assignee, **data)
        instruction = instructions_for(actor).get(pk=instruction.pk)
        data_out = _instruction_data(instruction, timezone.localdate())
        return Response(InstructionSerializer(data_out).data, status=status.HTTP_201_CREATED)


class InstructionView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="One instruction of the Government",
        description="Readable as in the list; others get 404.",
        responses={200: InstructionSerializer, **REFUSALS},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        instruction = get_object_or_404(instructions_for(acting_user(request)), pk=pk)
        return Response(InstructionSerializer(_instruction_data(instruction, timezone.localdate())).data)


class InstructionReportView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Report the instruction executed (or correct the report)",
        description="The executor body's editors and approvers; for the authorized body its coordinators "
        "(`reports.report_on_instruction`).",
        request=InstructionReportSerializer,
        responses={200: InstructionSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        instruction = get_object_or_404(instructions_for(actor), pk=pk)
        body = InstructionReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report_on_instruction(actor=actor, instruction=instruction, **body.validated_data)
        instruction = instructions_for(actor).get(pk=pk)
        return Response(InstructionSerializer(_instruction_data(instruction, timezone.localdate())).data)


class SystemicProblemsReportView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="The akims' systemic problems of a half-year: sent, to whom, answered, taken up, done (R11)",
        description="Nationwide readers see every akimat (or `akimat=<code>`); an akimat's staff their own; a "
        "ministry's staff the problems sent to it. Without `year` and `half`: the current half-year.",
        parameters=[
            OpenApiParameter("year", int, required=False),
            OpenApiParameter("half", int, required=False, enum=[1, 2]),
            OpenApiParameter("akimat", str, required=False),
        ],
        responses={200: SystemicProblemsReportSerializer, **REFUSALS},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        scope = problems_scope(acting_user(request))
        if scope is None:
            raise Http404
        year, half = current_half(timezone.localdate())
        try:
            year = int(request.query_params.get("year") or year)
            half = int(request.query_params.get("half") or half)
        except ValueError:
            raise Http404 from None
        _check_half(year, half)
        code = request.query_params.get("akimat", "")
        if code and not scope:
            akimat = Organisation.objects.filter(code=code, kind=Organisation.Kind.AKIMAT).first()
            if akimat is None:
                raise Http404
            scope = {"akimat": akimat}
        report = systemic_problems_by_half_year(year, half, **scope)
        return Response(SystemicProblemsReportSerializer(report.to_json()).data)


REPORT = "half-year-reports/<int:year>/<int:half>/"
urlpatterns: list[URLPattern] = [
    path("half-year-reports/", HalfYearList.as_view(), name="half-year-report-list"),
    path(REPORT, HalfYearView.as_view(), name="half-year-report"),
    path(f"{REPORT}narrative/", HalfYearNarrativeView.as_view(), name="half-year-report-narrative"),
    path(f"{REPORT}submit/", HalfYearSubmitView.as_view(), name="half-year-report-submit"),
    path(f"{REPORT}review/", HalfYearReviewView.as_view(), name="half-year-report-review"),
    path("instructions/", InstructionList.as_view(), name="instruction-list"),
    path("instructions/<int:pk>/", InstructionView.as_view(), name="instruction"),
    path("instructions/<int:pk>/report/", InstructionReportView.as_view(), name="instruction-report"),
    path("systemic-problems-report/", SystemicProblemsReportView.as_view(), name="systemic-problems-report"),
]
