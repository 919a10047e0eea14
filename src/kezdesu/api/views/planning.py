"""Planning: the periods (public); the ministries' proposals and the akims' systemic problems (staff,
scoped); risk flags (staff). The draft schedule's endpoints are in `draft.py`.

Every write calls the planning domain, which checks the permission on the organisation concerned
and refuses with a translated message (400, or 403 for a refused permission).
"""

from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.planning import (
    AnswerSerializer,
    AssignRiskFlagSerializer,
    DismissRiskFlagSerializer,
    PlanningPeriodDetailSerializer,
    PlanningPeriodSerializer,
    ProposalChangesSerializer,
    ProposalSerializer,
    RiskFlagSerializer,
    SendSystemicProblemsSerializer,
    SubmitProposalsSerializer,
    SystemicProblemChangesSerializer,
    SystemicProblemSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.organisations.domain.queries.scope import organisations_in_scope
from kezdesu.planning.domain.problems import (
    answer_systemic_problem,
    create_systemic_problem,
    record_company_answer,
    send_systemic_problems,
    update_systemic_problem,
)
from kezdesu.planning.domain.proposals import create_proposal, submit_proposals, update_proposal, withdraw_proposal
from kezdesu.planning.domain.queries.risks import risk_flags
from kezdesu.planning.domain.risks import assign_risk_flag, dismiss_risk_flag, raise_risk_flag
from kezdesu.planning.models import PlanningPeriod, Proposal, RiskFlag, SystemicProblem

REFUSALS = {400: ErrorSerializer, 403: ErrorSerializer}


@extend_schema_view(
    list=extend_schema(
        summary="List the planning periods",
        description=(
            "Every planning period (a half-year or a year, as the regulation profile in force says), with "
            "its profile and the status of each version of its schedule. Public: anyone may read it without "
            "signing in."
        ),
        parameters=[LANG_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Show a planning period",
        description=(
            "One planning period with the deadlines that prepare its schedule (proposals, the draft, its "
            "approval): the requirement, the clause, the due date and whether it is open, met or overdue. Public."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: PlanningPeriodDetailSerializer, 404: ErrorSerializer},
    ),
)
class PlanningPeriodViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[PlanningPeriod]
):
    serializer_class = PlanningPeriodSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[PlanningPeriod]:
        return PlanningPeriod.objects.select_related("profile").prefetch_related("versions")

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action == "retrieve":
            return PlanningPeriodDetailSerializer
        return PlanningPeriodSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List proposals",
        description=(
            "The meeting proposals of the ministries in the user's scope: a ministry's staff see their own "
            "ministry's, the authorized body and oversight see every ministry's. Staff only."
        ),
        parameters=[LANG_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Show a proposal",
        description="One proposal in the user's scope; others answer 404. Staff only.",
        parameters=[LANG_PARAMETER],
        responses={200: ProposalSerializer, 404: ErrorSerializer},
    ),
)
class ProposalViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Proposal]
):
    serializer_class = ProposalSerializer
    read_permission = "office.access"
    write_permission = "planning.edit_proposal"
    permission_per_object = True  # the domain asks about the ministry concerned
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Proposal]:
        if getattr(self, "swagger_fake_view", False):
            return Proposal.objects.none()
        return Proposal.objects.filter(organisation__in=organisations_in_scope(self.request.user)).select_related(
            "period", "organisation", "position", "region", "district"
        )

    def check_object_permissions(self, request: Request, obj: Any) -> None:
        # Permissions are asked about the ministry, not the proposal.
        super().check_object_permissions(request, obj.organisation if isinstance(obj, Proposal) else obj)

    @extend_schema(
        summary="Propose a meeting",
        description=(
            'Needs "planning.edit_proposal" on the ministry: its editors and approvers. The official must be '
            "the ministry's first head, first deputy, a deputy or a committee chair, and the preferred dates "
            "must lie within the period; a refusal answers 400 with the reason in the request's language."
        ),
        parameters=[LANG_PARAMETER],
        request=ProposalSerializer,
        responses={201: ProposalSerializer, **REFUSALS},
    )
    def create(self, request: Request) -> Response:
        body = ProposalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        proposal = create_proposal(
            actor=acting_user(request),
            period=data["period"],
            organisation=data["organisation"],
            position=data["position"],
            region=data["region"],
            district=data.get("district"),
            preferred_from=data["preferred_from"],
            preferred_to=data["preferred_to"],
            topics_kk=data["topics_kk"],
            topics_ru=data["topics_ru"],
            topics_en=data["topics_en"],
            sector_problems=data.get("sector_problems", ""),
            local_issues=data.get("local_issues", ""),
            akimat_request=data.get("akimat_request", ""),
            risk=data.get("risk", ""),
        )
        return Response(self.get_serializer(proposal).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a draft proposal",
        description=(
            'Needs "planning.edit_proposal" on the ministry: its editors and approvers. Send only the fields '
            "to change — the official, the region and district, the preferred dates, the topics and the notes; "
            "the period and the ministry stay as they are. Only a draft can be changed, and the result is checked "
            "as a new proposal is; a refusal answers 400 with the reason in the request's language, a proposal "
            "outside the scope 404."
        ),
        parameters=[LANG_PARAMETER],
        request=ProposalChangesSerializer,
        responses={200: ProposalSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        proposal = self.get_object()
        body = ProposalChangesSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        changed = update_proposal(actor=acting_user(request), proposal=proposal, **body.validated_data)
        return Response(self.get_serializer(changed).data)

    @extend_schema(
        summary="Withdraw a proposal",
        description='Needs "planning.edit_proposal" on the ministry. A proposal outside the scope answers 404.',
        parameters=[LANG_PARAMETER],
        request=None,
        responses={200: ProposalSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        proposal = withdraw_proposal(actor=acting_user(request), proposal=self.get_object())
        return Response(self.get_serializer(proposal).data)

    @extend_schema(
        summary="Submit a ministry's proposals",
        description=(
            'Needs "planning.submit_proposals" on the ministry: its approvers. Submits every draft proposal '
            "of the ministry for the period to the authorized body and answers them; with no draft, 400."
        ),
        parameters=[LANG_PARAMETER],
        request=SubmitProposalsSerializer,
        responses={200: ProposalSerializer(many=True), **REFUSALS},
    )
    @action(detail=False, methods=["post"])
    def submit(self, request: Request) -> Response:
        body = SubmitProposalsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        proposals = submit_proposals(
            actor=acting_user(request),
            period=body.validated_data["period"],
            organisation=body.validated_data["organisation"],
        )
        return Response(self.get_serializer(proposals, many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary="List systemic problems",
        description=(
            "The akims' systemic problems (R11) in the user's scope: an akimat's staff see its own, a ministry's "
            "staff those sent to it, the authorized body and oversight every one. Staff only."
        ),
        parameters=[LANG_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Show a systemic problem",
        description="One systemic problem in the user's scope; others answer 404. Staff only.",
        parameters=[LANG_PARAMETER],
        responses={200: SystemicProblemSerializer, 404: ErrorSerializer},
    ),
)
class SystemicProblemViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[SystemicProblem]
):
    serializer_class = SystemicProblemSerializer
    read_permission = "office.access"
    write_permission = "planning.edit_systemic_problems"
    permission_per_object = True  # the domain asks about the akimat or the competent body
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[SystemicProblem]:
        if getattr(self, "swagger_fake_view", False):
            return SystemicProblem.objects.none()
        scope = organisations_in_scope(self.request.user)
        routed = Q(competent_body__in=scope) & ~Q(status=SystemicProblem.Status.DRAFT)
        return SystemicProblem.objects.filter(Q(akimat__in=scope) | routed).select_related(
            "akimat", "region", "competent_body"
        )

    def check_object_permissions(self, request: Request, obj: Any) -> None:
        # Permissions are asked about the akimat; answering asks the domain about the competent body.
        super().check_object_permissions(request, obj.akimat if isinstance(obj, SystemicProblem) else obj)

    @extend_schema(
        summary="Record a systemic problem",
        description=(
            'Needs "planning.edit_systemic_problems" on the akimat: its editors and approvers. Route it to a '
            "competent ministry or name a national holding or company, one of the two; a refusal answers 400 "
            "with the reason in the request's language."
        ),
        parameters=[LANG_PARAMETER],
        request=SystemicProblemSerializer,
        responses={201: SystemicProblemSerializer, **REFUSALS},
    )
    def create(self, request: Request) -> Response:
        body = SystemicProblemSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        problem = create_systemic_problem(
            actor=acting_user(request),
            akimat=data["akimat"],
            half_year_start=data["half_year_start"],
            title=data["title"],
            description=data["description"],
            competent_body=data.get("competent_body"),
            competent_company=data.get("competent_company", ""),
        )
        return Response(self.get_serializer(problem).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a draft systemic problem",
        description=(
            'Needs "planning.edit_systemic_problems" on the akimat: its editors and approvers. Send only the '
            "fields to change — the title, the description, and the competent ministry or the national holding "
            "or company, still one of the two. Only a problem not yet sent can be changed; a refusal answers 400 "
            "with the reason in the request's language, a problem outside the scope 404."
        ),
        parameters=[LANG_PARAMETER],
        request=SystemicProblemChangesSerializer,
        responses={200: SystemicProblemSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        problem = self.get_object()
        body = SystemicProblemChangesSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        changed = update_systemic_problem(actor=acting_user(request), problem=problem, **body.validated_data)
        return Response(self.get_serializer(changed).data)

    @extend_schema(
        summary="Send an akimat's systemic problems",
        description=(
            'Needs "planning.send_systemic_problems" on the akimat: its approvers. Sends every draft of the '
            "half-year to its competent body and answers them; with no draft, 400."
        ),
        parameters=[LANG_PARAMETER],
        request=SendSystemicProblemsSerializer,
        responses={200: SystemicProblemSerializer(many=True), **REFUSALS},
    )
    @action(detail=False, methods=["post"])
    def send(self, request: Request) -> Response:
        body = SendSystemicProblemsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        problems = send_systemic_problems(
            actor=acting_user(request),
            akimat=body.validated_data["akimat"],
            half_year_start=body.validated_data["half_year_start"],
        )
        return Response(self.get_serializer(problems, many=True).data)

    @extend_schema(
        summary="Answer a systemic problem",
        description=(
            'Needs "planning.answer_systemic_problem" on the competent ministry: its editors and approvers. '
            "Only a sent problem can be answered; the akimat is told."
        ),
        parameters=[LANG_PARAMETER],
        request=AnswerSerializer,
        responses={200: SystemicProblemSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        problem = self.get_object_in_scope()
        body = AnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answered = answer_systemic_problem(
            actor=acting_user(request), problem=problem, answer=body.validated_data["answer"]
        )
        return Response(self.get_serializer(answered).data)

    @extend_schema(
        summary="Record a company's answer to a systemic problem",
        description=(
            'Needs "planning.edit_systemic_problems" on the akimat: its editors and approvers. A national '
            "holding or company has no account in Kezdesu, so the akimat records the reply it received; only a "
            "sent problem routed to a company can be answered so, and a problem of a ministry answers 400."
        ),
        parameters=[LANG_PARAMETER],
        request=AnswerSerializer,
        responses={200: SystemicProblemSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], url_path="company-answer")
    def company_answer(self, request: Request, pk: str | None = None) -> Response:
        problem = self.get_object()
        body = AnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answered = record_company_answer(
            actor=acting_user(request), problem=problem, answer=body.validated_data["answer"]
        )
        return Response(self.get_serializer(answered).data)

    def get_object_in_scope(self) -> SystemicProblem:
        """The problem, 404 outside the scope; the domain checks the answering body itself."""
        return generics.get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


@extend_schema_view(
    list=extend_schema(
        summary="List risk flags",
        description=(
            "Every risk flag (R4, R6), newest first: a forecast or arisen risk in a region that obliges the "
            "competent ministry's first head to meet its population, and the authorized body's decision. "
            "Staff only."
        ),
        parameters=[LANG_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Show a risk flag",
        description="One risk flag. Staff only.",
        parameters=[LANG_PARAMETER],
        responses={200: RiskFlagSerializer, 404: ErrorSerializer},
    ),
)
class RiskFlagViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[RiskFlag]
):
    serializer_class = RiskFlagSerializer
    read_permission = "office.access"
    write_permission = "planning.raise_risk_flag"
    filter_backends: list[Any] = []

    def get_permissions(self) -> Sequence[Any]:
        # Deciding is the authorized body's; a view instance serves one request, so this is safe.
        if self.action in ("assign", "dismiss"):
            self.write_permission = "planning.decide_risk_flag"
        return super().get_permissions()

    def get_queryset(self) -> QuerySet[RiskFlag]:
        return risk_flags()

    @extend_schema(
        summary="Raise a risk flag",
        description=(
            'Needs "planning.raise_risk_flag": an editor, approver or coordinator anywhere. The authorized body '
            "is told; a refusal answers 400 with the reason in the request's language."
        ),
        parameters=[LANG_PARAMETER],
        request=RiskFlagSerializer,
        responses={201: RiskFlagSerializer, **REFUSALS},
    )
    def create(self, request: Request) -> Response:
        body = RiskFlagSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        flag = raise_risk_flag(
            actor=acting_user(request),
            region=data["region"],
            competent_ministry=data["competent_ministry"],
            level=data["level"],
            **{
                f"{name}_{code}": data[f"{name}_{code}"]
                for name in ("description", "evidence")
                for code in ("kk", "ru", "en")
            },
        )
        return Response(self.get_serializer(flag).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Require a meeting for a risk flag",
        description=(
            'Needs "planning.decide_risk_flag": the authorized body\'s coordinators. Sets the day by which the '
            "competent ministry's first head meets the region's population; a decided flag answers 400."
        ),
        parameters=[LANG_PARAMETER],
        request=AssignRiskFlagSerializer,
        responses={200: RiskFlagSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        body = AssignRiskFlagSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        flag = assign_risk_flag(
            actor=acting_user(request),
            flag=self.get_object(),
            deadline=body.validated_data["deadline"],
            note=body.validated_data["note"],
        )
        return Response(self.get_serializer(flag).data)

    @extend_schema(
        summary="Dismiss a risk flag",
        description=(
            'Needs "planning.decide_risk_flag": the authorized body\'s coordinators, who say why; a decided '
            "flag answers 400."
        ),
        parameters=[LANG_PARAMETER],
        request=DismissRiskFlagSerializer,
        responses={200: RiskFlagSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        body = DismissRiskFlagSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        flag = dismiss_risk_flag(actor=acting_user(request), flag=self.get_object(), note=body.validated_data["note"])
        return Response(self.get_serializer(flag).data)
