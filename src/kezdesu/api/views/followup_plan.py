"""Staff endpoints for action plans (R20) and progress (R21): a visit's measures (read by its readers, written by
its planners), the plan as XLSX out and in, the executor's workspace and the progress report on a measure.

A visit outside the user's scope answers 404; one they read but may not plan, 403. Writes call the follow-up
domain, which refuses with a translated message (400) — also when the measure changed after the `revision` sent.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, URLResolver, path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.plan_import import import_plan
from kezdesu.followup.domain.plans import EDIT_PLAN, EDITABLE_FIELDS, add_measure, remove_measure, update_measure
from kezdesu.followup.domain.progress import may_report, report_progress
from kezdesu.followup.domain.queries.measures import (
    WorkspaceFilters,
    days_left,
    filter_workspace,
    latest_update,
    measures_for_executor,
    plan_measures,
)
from kezdesu.followup.domain.queries.states import is_measure_overdue
from kezdesu.followup.interfaces.plan_xlsx import XLSX, plan_file_name, plan_xlsx
from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue, ProgressUpdate
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation

# Plain strings, not enums: an enum here would collide in the schema with the issues' own status.
STATUS_HELP = f"The measure's status: {', '.join(MeasureStatus.values)}."
REFUSALS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
READ = "meetings.view_visit"


class UpdateSerializer(serializers.ModelSerializer[ProgressUpdate]):
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="The reporting body."
    )

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "year",
            "quarter",
            "status",
            "percent",
            "comment",
            "evidence_links",
            "organisation",
            "reported_at",
        ]


class MeasureSerializer(serializers.ModelSerializer[Measure]):
    issue = serializers.IntegerField(
        source="issue.number", read_only=True, help_text="The issue's number in the visit."
    )
    issue_id = serializers.IntegerField(read_only=True)
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    executor: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="The executor body's code."
    )

    class Meta:
        model = Measure
        fields = [
            "id",
            "issue",
            "issue_id",
            "order",
            "text_kk",
            "text_ru",
            "text_en",
            "deadline",
            "executor",
            "executor_company",
            "executor_position_kk",
            "executor_position_ru",
            "executor_position_en",
            "status",
            "percent",
            "evidence",
            "completed_on",
            "revision",
        ]


class WorkspaceMeasureSerializer(MeasureSerializer):
    visit = serializers.IntegerField(source="issue.visit_id", read_only=True)
    days_left = serializers.SerializerMethodField(help_text="Days until the deadline; negative once passed.")
    overdue = serializers.SerializerMethodField()
    last_update = serializers.SerializerMethodField()

    class Meta(MeasureSerializer.Meta):
        fields = [*MeasureSerializer.Meta.fields, "visit", "days_left", "overdue", "last_update"]

    def get_days_left(self, measure: Measure) -> int:
        return days_left(measure, timezone.localdate())

    def get_overdue(self, measure: Measure) -> bool:
        return is_measure_overdue(measure, timezone.localdate())

    @extend_schema_field(UpdateSerializer(allow_null=True))
    def get_last_update(self, measure: Measure) -> dict[str, Any] | None:
        update = latest_update(measure)
        return dict(UpdateSerializer(update).data) if update else None


class MeasureWriteSerializer(serializers.Serializer[Any]):
    issue = serializers.IntegerField(required=False, help_text="The issue's number in the visit (on create).")
    text_kk = serializers.CharField(required=False, allow_blank=True)
    text_ru = serializers.CharField(required=False, allow_blank=True)
    text_en = serializers.CharField(required=False, allow_blank=True)
    deadline = serializers.DateField(required=False, allow_null=True)
    executor = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="The executor body's code."
    )
    executor_company = serializers.CharField(required=False, allow_blank=True)
    executor_position_kk = serializers.CharField(required=False, allow_blank=True)
    executor_position_ru = serializers.CharField(required=False, allow_blank=True)
    executor_position_en = serializers.CharField(required=False, allow_blank=True)
    revision = serializers.IntegerField(required=False, help_text="The revision you edited (on update).")


class ProgressSerializer(serializers.Serializer[Any]):
    status = serializers.CharField(help_text=STATUS_HELP)
    percent = serializers.IntegerField()
    comment = serializers.CharField(help_text="Public: shown on the problem issue's page. No personal data.")
    evidence_links = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class ImportResultSerializer(serializers.Serializer[Any]):
    created = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = serializers.ListField(  # type: ignore[assignment]  # a field named like Serializer.errors
        child=serializers.DictField(), help_text="[{row, message}], when nothing was imported."
    )


class ImportSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="An XLSX file in the layout of the export.")


def _executor(code: str | None) -> Organisation | None:
    if not code:
        return None
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise DomainError(_("There is no body with the code “%(code)s”.") % {"code": code}, code="no_organisation")
    return organisation


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = {name: data[name] for name in EDITABLE_FIELDS if name in data and name != "executor"}
    if "executor" in data:
        fields["executor"] = _executor(data["executor"])
    return fields


class PlanView(ApiViewMixin, APIView):
    read_permission: str | None = READ
    write_permission: str | None = EDIT_PLAN
    permission_per_object = True  # asked about the visit

    def visit(self, request: Request) -> Visit:
        visit = visit_for(acting_user(request), self.kwargs["visit_id"])
        self.check_object_permissions(request, visit)
        return visit

    def measure(self, request: Request) -> Measure:
        visit = self.visit(request)
        return get_object_or_404(Measure.objects.select_related("issue"), pk=self.kwargs["pk"], issue__visit=visit)


class MeasureListView(PlanView, generics.GenericAPIView[Any]):
    serializer_class = MeasureSerializer
    filter_backends: list[Any] = []

    @extend_schema(
        summary="List a visit's action plan",
        description=(
            'Needs "meetings.view_visit". Every measure of the visit\'s problem issues, by issue number and order.'
        ),
        parameters=[LANG_PARAMETER],
        responses={200: MeasureSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, visit_id: int) -> Response:
        page = self.paginate_queryset(plan_measures(self.visit(request)))
        return self.get_paginated_response(MeasureSerializer(page, many=True).data)

    @extend_schema(
        summary="Add a measure to the plan",
        description=(
            "Needs \"followup.edit_plan\" on the visit (its ministry's and the region's akimat's editors and "
            "approvers, the authorized body). `issue` is the issue's number; kk and ru texts and positions are "
            "required, a deadline between the visit's end and five years later, and either `executor` (a body's "
            "code) or `executor_company`."
        ),
        parameters=[LANG_PARAMETER],
        request=MeasureWriteSerializer,
        responses={201: MeasureSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int) -> Response:
        visit = self.visit(request)
        body = MeasureWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        issue = ProblemIssue.objects.filter(visit=visit, number=data.get("issue") or 0).first()
        if issue is None:
            raise DomainError(_("Choose one of the visit's problem issues."), code="no_issue")
        issue.visit = visit
        values: dict[str, Any] = {name: "" for name in EDITABLE_FIELDS if name not in ("deadline", "executor")}
        values.update(_fields(data))
        values.setdefault("deadline", None)
        measure = add_measure(actor=acting_user(request), issue=issue, **values)
        return Response(MeasureSerializer(measure).data, status=201)


class MeasureDetailView(PlanView):
    @extend_schema(
        summary="Change a measure",
        description=(
            'Needs "followup.edit_plan" on the visit. Send the fields to change and the `revision` you edited: if '
            "someone changed the measure meanwhile, 400 with code `changed_meanwhile`."
        ),
        parameters=[LANG_PARAMETER],
        request=MeasureWriteSerializer,
        responses={200: MeasureSerializer, **REFUSALS},
    )
    def patch(self, request: Request, visit_id: int, pk: int) -> Response:
        measure = self.measure(request)
        body = MeasureWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        changed = update_measure(
            actor=acting_user(request), measure=measure, revision=data.get("revision"), **_fields(data)
        )
        return Response(MeasureSerializer(changed).data)

    @extend_schema(
        summary="Remove a measure",
        description=(
            'Needs "followup.edit_plan" on the visit. Refused (400, `measure_has_progress`) once the issue is '
            "published and progress has been reported on the measure."
        ),
        parameters=[LANG_PARAMETER],
        responses={204: None, **REFUSALS},
    )
    def delete(self, request: Request, visit_id: int, pk: int) -> Response:
        remove_measure(actor=acting_user(request), measure=self.measure(request))
        return Response(status=204)


class PlanExportView(PlanView):
    write_permission = None

    @extend_schema(
        summary="The action plan as XLSX",
        description=(
            'Needs "meetings.view_visit". One row per measure, headers in the language of `lang`; the import '
            "reads the same layout."
        ),
        parameters=[LANG_PARAMETER],
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="The plan."),
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request, visit_id: int) -> HttpResponse:
        visit = self.visit(request)
        language = getattr(request, "LANGUAGE_CODE", "") or "kk"
        response = HttpResponse(plan_xlsx(visit=visit, language=language), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{plan_file_name(visit)}"'
        return response


class PlanImportView(PlanView):
    read_permission = EDIT_PLAN
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Import measures from XLSX",
        description=(
            'Needs "followup.edit_plan" on the visit. Every row is checked first: with any wrong row nothing is '
            "imported and the answer (400) lists the errors by row. Measures already in the plan (same issue, same "
            "Kazakh text) are counted as unchanged, so importing a file twice adds nothing."
        ),
        parameters=[LANG_PARAMETER],
        request={"multipart/form-data": ImportSerializer},
        responses={
            200: ImportResultSerializer,
            400: ImportResultSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def post(self, request: Request, visit_id: int) -> Response:
        visit = self.visit(request)
        body = ImportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = import_plan(actor=acting_user(request), visit=visit, file=body.validated_data["file"])
        data = {
            "created": len(result.created),
            "unchanged": result.unchanged,
            "errors": [{"row": error.row, "message": error.message} for error in result.errors],
        }
        return Response(data, status=200 if result.ok else 400)


class MyMeasuresView(ApiViewMixin, generics.GenericAPIView[Any]):
    read_permission = "office.access"
    serializer_class = WorkspaceMeasureSerializer
    filter_backends: list[Any] = []

    @extend_schema(
        summary="The measures I report on",
        description=(
            "The executor's workspace: the measures of the bodies where the user is an editor or approver, and "
            "the company measures of the visits their ministry prepares, by deadline, with the last report."
        ),
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("status", OpenApiTypes.STR, description=f"Only: {', '.join(MeasureStatus.values)}."),
            OpenApiParameter("overdue", OpenApiTypes.BOOL, description="Only measures past their deadline."),
            OpenApiParameter("unreported", OpenApiTypes.BOOL, description="Only those not reported this quarter."),
        ],
        responses={200: WorkspaceMeasureSerializer(many=True), 403: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        status = params.get("status", "")
        filters = WorkspaceFilters(
            status=status if status in MeasureStatus.values else "",
            overdue=params.get("overdue") in ("1", "true"),
            unreported=params.get("unreported") in ("1", "true"),
        )
        measures = filter_workspace(measures_for_executor(acting_user(request)), filters, today=timezone.localdate())
        page = self.paginate_queryset(measures)
        return self.get_paginated_response(WorkspaceMeasureSerializer(page, many=True).data)


class ProgressView(ApiViewMixin, APIView):
    write_permission = "followup.report_progress"
    permission_per_object = True

    @extend_schema(
        summary="Report progress on a measure",
        description=(
            'Needs "followup.report_progress": the executor body\'s editors and approvers, or the visiting '
            "ministry's for a national holding or company. The report counts for the current quarter; `done` needs "
            "100 percent and at least one http(s) evidence link. The comment is public."
        ),
        parameters=[LANG_PARAMETER],
        request=ProgressSerializer,
        responses={201: UpdateSerializer, **REFUSALS},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = acting_user(request)
        measure: Measure = get_object_or_404(
            Measure.objects.select_related("issue__visit__organisation", "executor"), pk=pk
        )
        if not may_report(user, measure):
            if user.has_perm(READ, measure.issue.visit):
                raise NotPermitted(_("You may not report progress on this measure."))
            raise Http404
        body = ProgressSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        update = report_progress(
            actor=user,
            measure=measure,
            status=data["status"],
            percent=data["percent"],
            comment=data["comment"],
            evidence_links=list(data["evidence_links"]),
        )
        return Response(UpdateSerializer(update).data, status=201)


PREFIX = "visits/<int:visit_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{PREFIX}measures/", MeasureListView.as_view(), name="plan-measures"),
    path(f"{PREFIX}measures/<int:pk>/", MeasureDetailView.as_view(), name="plan-measure"),
    path(f"{PREFIX}measures.xlsx", PlanExportView.as_view(), name="plan-xlsx"),
    path(f"{PREFIX}measures/import/", PlanImportView.as_view(), name="plan-import"),
    path("measures/mine/", MyMeasuresView.as_view(), name="measures-mine"),
    path("measures/<int:pk>/progress/", ProgressView.as_view(), name="measure-progress"),
]
