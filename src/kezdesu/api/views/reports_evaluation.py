"""The annual evaluation (R24) in the API: published rankings for everyone; creating, setting the criteria,
previewing and publishing for the authorized body's coordinator (`reports.manage_evaluation`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.reports_evaluation import (
    CriteriaWriteSerializer,
    EvaluationCreateSerializer,
    EvaluationSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.core.errors import NotPermitted
from kezdesu.organisations.models import Organisation
from kezdesu.reports.domain.evaluation import (
    MinistryScore,
    compute_evaluation,
    create_evaluation,
    publish_evaluation,
    set_criteria,
)
from kezdesu.reports.domain.queries.evaluation import published_results, schemes, schemes_with_results
from kezdesu.reports.models import EvaluationResult, EvaluationScheme

REFUSALS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
TAGS = ["reports"]


def _names(organisation: Organisation) -> dict[str, str]:
    return {code: getattr(organisation, f"name_{code}") or organisation.name for code in ("kk", "ru", "en")}


def _result(
    organisation: Organisation, rank: int, score: Any, details: dict[str, Any], *, with_criteria: bool
) -> dict[str, Any]:
    data = {
        "organisation": organisation.code,
        "name": _names(organisation),
        "rank": rank or None,
        "score": str(score) if rank else None,
        "exempt": bool(details.get("exempt")),
    }
    if with_criteria:
        data["criteria"] = details.get("criteria", [])
    return data


def _scheme(scheme: EvaluationScheme, results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "year": scheme.year,
        "status": scheme.status,
        "note": {code: getattr(scheme, f"note_{code}") or "" for code in ("kk", "ru", "en")},
        "approval_reference": {
            code: getattr(scheme, f"approval_reference_{code}") or "" for code in ("kk", "ru", "en")
        },
        "missing": scheme.missing,
        "published_at": scheme.published_at,
        "revision": scheme.revision,
        "criteria": [{"indicator": c.indicator, "weight": c.weight} for c in scheme.criteria.all()],
        "results": results,
    }


def _published(scheme: EvaluationScheme, results: list[EvaluationResult], *, with_criteria: bool) -> dict[str, Any]:
    ordered = sorted(results, key=lambda row: (row.rank == 0, row.rank, row.organisation.name))
    rows = [_result(r.organisation, r.rank, r.score, r.details, with_criteria=with_criteria) for r in ordered]
    return _scheme(scheme, rows)


def _preview(scheme: EvaluationScheme, scores: list[MinistryScore]) -> dict[str, Any]:
    rows = [_result(s.organisation, s.rank or 0, s.score, s.details(), with_criteria=True) for s in scores]
    return _scheme(scheme, rows)


def _scheme_for(year: int) -> EvaluationScheme:
    scheme = schemes().filter(year=year).first()
    if scheme is None:
        raise Http404
    return scheme


def _manager(request: Request) -> Any:
    actor = acting_user(request)
    if not actor.has_perm("reports.manage_evaluation"):
        raise NotPermitted("Only the authorized body's coordinator manages the annual evaluation.")
    return actor


class EvaluationList(ApiViewMixin, APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="The published annual evaluations, each with its ranking",
        description="Public. Each year's criteria and weights, and every ministry's rank and score (R24).",
        parameters=[LANG_PARAMETER],
        responses={200: EvaluationSerializer(many=True)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        data = [_published(s, list(s.results.all()), with_criteria=False) for s in schemes_with_results()]
        return Response(EvaluationSerializer(data, many=True).data)

    @extend_schema(
        summary="Create a year's evaluation with the default criteria",
        description="The authorized body's coordinator (`reports.manage_evaluation`). A year that exists: 400.",
        request=EvaluationCreateSerializer,
        responses={201: EvaluationSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        actor = _manager(request)
        body = EvaluationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        scheme = create_evaluation(actor=actor, year=body.validated_data["year"])
        return Response(EvaluationSerializer(_scheme(scheme, [])).data, status=201)


class EvaluationView(ApiViewMixin, APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="A published evaluation: the ranking and each ministry's criteria with the records behind them",
        description="Public once published; a draft answers 404 (staff read it from `preview/`).",
        parameters=[LANG_PARAMETER],
        responses={200: EvaluationSerializer, 404: ErrorSerializer},
        tags=TAGS,
    )
    def get(self, request: Request, year: int) -> Response:
        scheme = _scheme_for(year)
        if scheme.status != EvaluationScheme.Status.PUBLISHED:
            raise Http404
        return Response(EvaluationSerializer(_published(scheme, published_results(scheme), with_criteria=True)).data)


class EvaluationPreview(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="The evaluation computed from the records as they stand (staff)",
        description="Every staff member (`office.access`) reads it, draft or published, for transparency.",
        parameters=[LANG_PARAMETER],
        responses={200: EvaluationSerializer, **REFUSALS},
        tags=TAGS,
    )
    def get(self, request: Request, year: int) -> Response:
        actor = acting_user(request)
        if not actor.has_perm("office.access"):
            raise NotPermitted("Staff only.")
        scheme = _scheme_for(year)
        return Response(EvaluationSerializer(_preview(scheme, compute_evaluation(scheme))).data)


class EvaluationCriteria(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Set a draft evaluation's criteria, weights and method",
        description=(
            "The coordinator. Weights from 0 to 100 adding up to exactly 100, each indicator once; the rule for a "
            "criterion with nothing to count (`missing`); the method's note and approving order per language. A "
            "stale `revision` or a published evaluation is refused with 400."
        ),
        request=CriteriaWriteSerializer,
        responses={200: EvaluationSerializer, **REFUSALS},
        tags=TAGS,
    )
    def put(self, request: Request, year: int) -> Response:
        actor = _manager(request)
        scheme = _scheme_for(year)
        body = CriteriaWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        criteria = [(item["indicator"], item["weight"]) for item in values.pop("criteria")]
        scheme = set_criteria(actor=actor, scheme=scheme, criteria=criteria, **values)
        return Response(EvaluationSerializer(_scheme(scheme, [])).data)


class EvaluationPublish(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Publish (or republish) the evaluation as computed now",
        description="The coordinator. Freezes each ministry's result with its records; notifies the approvers.",
        request=None,
        responses={200: EvaluationSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, year: int) -> Response:
        actor = _manager(request)
        scheme = publish_evaluation(actor=actor, scheme=_scheme_for(year))
        return Response(EvaluationSerializer(_published(scheme, published_results(scheme), with_criteria=True)).data)


urlpatterns: list[URLPattern] = [
    path("evaluations/", EvaluationList.as_view(), name="evaluation-list"),
    path("evaluations/<int:year>/", EvaluationView.as_view(), name="evaluation"),
    path("evaluations/<int:year>/preview/", EvaluationPreview.as_view(), name="evaluation-preview"),
    path("evaluations/<int:year>/criteria/", EvaluationCriteria.as_view(), name="evaluation-criteria"),
    path("evaluations/<int:year>/publish/", EvaluationPublish.as_view(), name="evaluation-publish"),
]
