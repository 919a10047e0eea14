"""The ten-day publication of a visit's results (R20) and the ministries' quarterly progress reports (R21).

Reading is public once published; before that, staff who read the visit (or the ministry) see the draft and
everyone else gets 404. Writes call the follow-up domain (`followup/domain/publication.py`,
`progress_reports.py`): a refusal by role answers 403, a rule's refusal 400 with its translated message.
No personal data: no askers, no staff names.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.i18n import TranslatedField, TranslationsSerializer
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.followup.domain.progress_reports import (
    compile_progress_report,
    publish_progress_report,
    save_narrative,
    translated,
)
from kezdesu.followup.domain.publication import (
    package_issues,
    publication_deadline,
    publication_of,
    publish_results,
    save_results,
)
from kezdesu.followup.domain.queries.progress_reports import published_reports
from kezdesu.followup.models import Measure, ProblemIssue, ProgressReport, Publication
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation

REFUSALS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
LANGUAGES = ("kk", "ru", "en")


class PackageMeasureSerializer(serializers.Serializer[Any]):
    order = serializers.IntegerField()
    text = TranslatedField("text")
    deadline = serializers.DateField()
    executor = serializers.SerializerMethodField()
    executor_position = TranslatedField("executor_position")

    @extend_schema_field(TranslationsSerializer)
    def get_executor(self, measure: Measure) -> dict[str, str]:
        if measure.executor is not None:
            return translated(measure.executor, "name")
        return dict.fromkeys(LANGUAGES, measure.executor_company)


class PackageIssueSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    number = serializers.IntegerField()
    title = TranslatedField("title")
    region = serializers.CharField(source="region.kato", default="")
    district = serializers.SerializerMethodField()
    sector = serializers.CharField(source="sector.code", default=None)
    competent_body = serializers.SerializerMethodField()
    citizens = serializers.IntegerField()
    status = serializers.CharField()
    measures = PackageMeasureSerializer(many=True, source="measures.all")

    @extend_schema_field(TranslationsSerializer(allow_null=True))
    def get_district(self, issue: ProblemIssue) -> dict[str, str] | None:
        return translated(issue.district, "name") if issue.district is not None else None

    @extend_schema_field(TranslationsSerializer)
    def get_competent_body(self, issue: ProblemIssue) -> dict[str, str]:
        if issue.competent_body is not None:
            return translated(issue.competent_body, "name")
        return dict.fromkeys(LANGUAGES, issue.competent_company)


class PublicationDeadlineSerializer(serializers.Serializer[Any]):
    due = serializers.DateField()
    nominal_due = serializers.DateField()
    state = serializers.CharField(help_text="open, met or overdue.")
    met_on = serializers.DateField(allow_null=True)
    late = serializers.BooleanField(help_text="Met after the due date, or still not met past it.")
    requirement = serializers.CharField()
    clause = serializers.CharField(help_text="The clause of the act.")


class PublicationSerializer(serializers.Serializer[Any]):
    visit = serializers.IntegerField()
    results = TranslationsSerializer()
    published_at = serializers.DateTimeField(allow_null=True)
    revised_at = serializers.DateTimeField(allow_null=True)
    revision = serializers.IntegerField()
    deadline = PublicationDeadlineSerializer(allow_null=True)
    issues = PackageIssueSerializer(many=True)


class ResultsWriteSerializer(serializers.Serializer[Any]):
    results_kk = serializers.CharField(allow_blank=True, max_length=20000)
    results_ru = serializers.CharField(allow_blank=True, max_length=20000)
    results_en = serializers.CharField(allow_blank=True, required=False, default="", max_length=20000)
    revision = serializers.IntegerField(min_value=0, help_text="The revision read (0 before the first save).")


def _publication_data(visit: Visit, publication: Publication | None) -> dict[str, Any]:
    deadline = publication_deadline(visit)
    return {
        "visit": visit.pk,
        "results": {code: getattr(publication, f"results_{code}", "") or "" for code in LANGUAGES},
        "published_at": publication.published_at if publication else None,
        "revised_at": publication.revised_at if publication else None,
        "revision": publication.revision if publication else 0,
        "deadline": None
        if deadline is None
        else {
            "due": deadline.due,
            "nominal_due": deadline.obligation.nominal_due,
            "state": str(deadline.obligation.state),
            "met_on": deadline.met_on,
            "late": deadline.is_late,
            "requirement": deadline.obligation.requirement,
            "clause": deadline.obligation.source,
        },
        "issues": package_issues(visit),
    }


def _readable_visit(request: Request, pk: int) -> tuple[Visit, Publication | None]:
    """The published package for anyone; the draft for staff who read the visit; 404 otherwise."""
    publication = (
        Publication.objects.filter(visit_id=pk, published_at__isnull=False)
        .select_related("visit__organisation")
        .first()
    )
    if publication is not None:
        return publication.visit, publication
    if not request.user.is_authenticated:
        raise Http404
    visit = visit_for(request.user, pk)
    return visit, publication_of(visit)


class PublicationView(ApiViewMixin, APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="A visit's published results, problem issues and action plan",
        description="Public once published (R20); before that, staff who read the visit see the draft.",
        parameters=[LANG_PARAMETER],
        responses={200: PublicationSerializer, 404: ErrorSerializer},
        tags=["follow-up"],
    )
    def get(self, request: Request, pk: int) -> Response:
        visit, publication = _readable_visit(request, pk)
        return Response(PublicationSerializer(_publication_data(visit, publication)).data)

    @extend_schema(
        summary="Write the results of the visit (kk and ru needed to publish, en optional)",
        description="Needs `followup.edit_issues` on the visit. A stale `revision` is refused with 400.",
        request=ResultsWriteSerializer,
        responses={200: PublicationSerializer, **REFUSALS},
        tags=["follow-up"],
    )
    def put(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        visit = visit_for(actor, pk)
        body = ResultsWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        publication = save_results(actor=actor, visit=visit, **body.validated_data)
        return Response(PublicationSerializer(_publication_data(visit, publication)).data)


class PublishResultsView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Publish (or republish) the visit's results",
        description=(
            "The ministry's approver (`followup.publish_results`). Refused with 400 naming everything missing: the "
            "results in kk or ru, the problem issues, a measure for each issue that can be solved, each measure's "
            "deadline and executor. Meets the `visit-results` obligation the first time."
        ),
        request=None,
        responses={200: PublicationSerializer, **REFUSALS},
        tags=["follow-up"],
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        visit = visit_for(actor, pk)
        publication = publish_results(actor=actor, visit=visit)
        return Response(PublicationSerializer(_publication_data(visit, publication)).data)


class ProgressReportListSerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField(source="organisation.code")
    organisation_name = TranslatedField("name", source="organisation")
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    published_at = serializers.DateTimeField()
    revised_at = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_revised_at(self, report: ProgressReport) -> str | None:
        value = report.snapshot.get("revised_at") if isinstance(report.snapshot, dict) else None
        return str(value) if value else None


class ProgressReportSerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    published_at = serializers.DateTimeField(allow_null=True)
    revision = serializers.IntegerField()
    narrative = TranslationsSerializer()
    report = serializers.JSONField(
        help_text="The figures and measures: as published (the snapshot), or as they stand for a draft."
    )


class NarrativeWriteSerializer(serializers.Serializer[Any]):
    narrative_kk = serializers.CharField(allow_blank=True, max_length=20000)
    narrative_ru = serializers.CharField(allow_blank=True, max_length=20000)
    narrative_en = serializers.CharField(allow_blank=True, required=False, default="", max_length=20000)
    revision = serializers.IntegerField(min_value=0, help_text="The revision read (0 before the first save).")


class ProgressReportList(ApiViewMixin, APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Published quarterly progress reports",
        description="Public: every ministry's published reports (R21), newest first; `?organisation=` keeps one.",
        parameters=[
            OpenApiParameter("organisation", OpenApiTypes.STR, description="The ministry's code."),
            LANG_PARAMETER,
        ],
        responses={200: ProgressReportListSerializer(many=True)},
        tags=["follow-up"],
    )
    def get(self, request: Request) -> Response:
        reports = published_reports().order_by("-year", "-quarter", "organisation__code")
        code = request.query_params.get("organisation")
        if code:
            reports = reports.filter(organisation__code=code)
        return Response(ProgressReportListSerializer(reports, many=True).data)


def _ministry(code: str) -> Organisation:
    ministry = Organisation.objects.filter(code=code, kind=Organisation.Kind.MINISTRY).first()
    if ministry is None:
        raise Http404
    return ministry


def _check_quarter(year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise Http404


def _report_data(ministry: Organisation, year: int, quarter: int, *, staff: bool) -> dict[str, Any]:
    report = ProgressReport.objects.filter(organisation=ministry, year=year, quarter=quarter).first()
    published = report is not None and report.published_at is not None
    if not published and not staff:
        raise Http404
    return {
        "organisation": ministry.code,
        "year": year,
        "quarter": quarter,
        "published_at": report.published_at if report else None,
        "revision": report.revision if report else 0,
        "narrative": {code: getattr(report, f"narrative_{code}", "") or "" for code in LANGUAGES},
        "report": report.snapshot
        if published and report is not None
        else compile_progress_report(ministry, year, quarter).to_json(),
    }


class ProgressReportView(ApiViewMixin, APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="A ministry's quarterly progress report",
        description="Public once published; before that, its staff (and nationwide readers) see the draft.",
        parameters=[LANG_PARAMETER],
        responses={200: ProgressReportSerializer, 404: ErrorSerializer},
        tags=["follow-up"],
    )
    def get(self, request: Request, organisation: str, year: int, quarter: int) -> Response:
        _check_quarter(year, quarter)
        ministry = _ministry(organisation)
        staff = request.user.has_perm("organisations.view_organisation_data", ministry)
        return Response(ProgressReportSerializer(_report_data(ministry, year, quarter, staff=staff)).data)


class ProgressNarrativeView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Write the report's narrative",
        description="The ministry's editors and approvers (`followup.prepare_progress_report`).",
        request=NarrativeWriteSerializer,
        responses={200: ProgressReportSerializer, **REFUSALS},
        tags=["follow-up"],
    )
    def put(self, request: Request, organisation: str, year: int, quarter: int) -> Response:
        actor = acting_user(request)
        _check_quarter(year, quarter)
        ministry = _ministry(organisation)
        if not actor.has_perm("organisations.view_organisation_data", ministry):
            raise Http404
        body = NarrativeWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        save_narrative(actor=actor, organisation=ministry, year=year, quarter=quarter, **body.validated_data)
        return Response(ProgressReportSerializer(_report_data(ministry, year, quarter, staff=True)).data)


class ProgressPublishView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Publish (or republish) the quarter's report as it stands",
        description=(
            "The ministry's approver (`followup.publish_progress_report`); a quarter not yet started is refused. "
            "Meets the `quarterly-progress` obligation the first time."
        ),
        request=None,
        responses={200: ProgressReportSerializer, **REFUSALS},
        tags=["follow-up"],
    )
    def post(self, request: Request, organisation: str, year: int, quarter: int) -> Response:
        actor = acting_user(request)
        _check_quarter(year, quarter)
        ministry = _ministry(organisation)
        if not actor.has_perm("organisations.view_organisation_data", ministry):
            raise Http404
        publish_progress_report(actor=actor, organisation=ministry, year=year, quarter=quarter)
        return Response(ProgressReportSerializer(_report_data(ministry, year, quarter, staff=True)).data)


REPORT = "progress-reports/<slug:organisation>/<int:year>/<int:quarter>/"

urlpatterns: list[URLPattern] = [
    path("visits/<int:pk>/publication/", PublicationView.as_view(), name="visit-publication"),
    path("visits/<int:pk>/publication/publish/", PublishResultsView.as_view(), name="visit-publication-publish"),
    path("progress-reports/", ProgressReportList.as_view(), name="progress-report-list"),
    path(REPORT, ProgressReportView.as_view(), name="progress-report"),
    path(f"{REPORT}narrative/", ProgressNarrativeView.as_view(), name="progress-report-narrative"),
    path(f"{REPORT}publish/", ProgressPublishView.as_view(), name="progress-report-publish"),
]
