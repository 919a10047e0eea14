"""The draft schedule of a period (R8, G3.1): the authorized body compiles it — adds, changes and
removes items, includes the ministries' proposals, acknowledges warnings — and submits it; each
ministry and akimat agrees its items; the Government approves it; the authorized body amends it.

Every write calls the planning domain, which checks the permission and refuses with a translated
message (400, or 403 for a refused permission). Items are addressed under their period,
`draft/<period>/items/<item>/`, and only the working version's items are found there.
"""

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.draft import (
    AcknowledgementSerializer,
    AcknowledgeWarningSerializer,
    AddItemSerializer,
    AgreementSerializer,
    AmendScheduleSerializer,
    ApproveScheduleSerializer,
    ChangeItemSerializer,
    DecideAgreementSerializer,
    DraftItemSerializer,
    DraftSerializer,
    IncludeProposalSerializer,
    PaperAnswerSerializer,
)
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.schedule import ScheduleVersionSerializer
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.api.views.planning import REFUSALS
from kezdesu.core.errors import DomainError
from kezdesu.organisations.domain.queries.scope import organisations_in_scope
from kezdesu.planning.domain.agreement import decide_agreement, record_paper_answer
from kezdesu.planning.domain.draft import add_item, include_proposal, remove_item, update_item, working_version
from kezdesu.planning.domain.queries.schedule import current_approved_version, items_of
from kezdesu.planning.domain.versions import approve_schedule, submit_schedule
from kezdesu.planning.domain.warnings import acknowledge_warning, draft_warnings
from kezdesu.planning.models import ItemAgreement, PlanningPeriod, ScheduleItem, ScheduleVersion

# The steps of G3.1 that are not compiling, and who takes each; compiling needs "planning.compile_draft".
STEP_PERMISSIONS = {
    "submit": "planning.submit_schedule",
    "approve": "planning.approve_schedule",
    "amend": "planning.amend_schedule",
}
ITEM_PARAMETER = OpenApiParameter(
    "item_id", int, OpenApiParameter.PATH, description="The item's id, as the draft shows it."
)


@extend_schema_view(
    retrieve=extend_schema(
        summary="Show a period's draft schedule",
        description=(
            "The working version of the period's schedule: its items with each party's agreement, and the "
            "warnings of the checks (blocking ones first), each saying whether it is acknowledged. Before "
            "anything is compiled the draft is empty. Staff only."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: DraftSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    ),
)
class DraftViewSet(ApiViewMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[PlanningPeriod]):
    serializer_class = DraftSerializer
    read_permission = "office.access"
    write_permission = "planning.compile_draft"
    filter_backends: list[Any] = []

    def get_permissions(self) -> Sequence[Any]:
        # A view instance serves one request, so setting the permission of its action is safe.
        self.write_permission = STEP_PERMISSIONS.get(self.action or "", self.write_permission)
        return super().get_permissions()

    def get_queryset(self) -> QuerySet[PlanningPeriod]:
        return PlanningPeriod.objects.select_related("profile").prefetch_related("versions")

    def get_working_item(self, period: PlanningPeriod) -> ScheduleItem:
        """An item of the period's working version; a frozen version's items, or another's, answer 404."""
        items = ScheduleItem.objects.select_related("version__period", "organisation", "region", "district")
        return generics.get_object_or_404(
            items, pk=self.kwargs["item_id"], version__period=period, version__number__isnull=True
        )

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        # Reading does not create the working version; compiling does.
        version = ScheduleVersion.objects.filter(period=period, number__isnull=True).first()
        items: list[ScheduleItem] = list(items_of(version)) if version is not None else []
        draft = {
            "period": period,
            "status": version.status if version is not None else ScheduleVersion.Status.WORKING,
            "items": items,
            "warnings": draft_warnings(version) if version is not None else [],
        }
        return Response(DraftSerializer(draft).data)

    @extend_schema(
        summary="Add an item to the draft",
        description=(
            'Needs "planning.compile_draft": the authorized body\'s coordinators. Adds a meeting to the '
            "period's working version (made on first need) and asks the ministry and the region's akimat to "
            "agree it; a refusal (dates outside the period, a submitted draft) answers 400."
        ),
        parameters=[LANG_PARAMETER],
        request=AddItemSerializer,
        responses={201: DraftItemSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def items(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        body = AddItemSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        item = add_item(
            actor=acting_user(request),
            version=working_version(period),
            organisation=data["organisation"],
            position=data["position"],
            region=data["region"],
            district=data.get("district"),
            start_date=data["start_date"],
            end_date=data["end_date"],
            topics_kk=data["topics_kk"],
            topics_ru=data["topics_ru"],
            topics_en=data["topics_en"],
            proposal=data.get("proposal"),
            deputy_prime_minister_required=data["deputy_prime_minister_required"],
            is_unscheduled=data["is_unscheduled"],
            risk_flag=data.get("risk_flag"),
            deputy_prime_minister=data.get("deputy_prime_minister"),
        )
        return Response(DraftItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an item of the draft",
        description=(
            'Needs "planning.compile_draft": the authorized body\'s coordinators. Send only the fields to change, '
            "as when adding the item. Changing the ministry, the official, the place or the dates asks both "
            "parties to agree again; a refusal (dates outside the period, a submitted draft) answers 400, an item "
            "that is not in the period's working draft 404."
        ),
        parameters=[ITEM_PARAMETER, LANG_PARAMETER],
        request=ChangeItemSerializer,
        responses={200: DraftItemSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["patch"], url_path=r"items/(?P<item_id>[0-9]+)")
    def change_item(self, request: Request, pk: str | None = None, item_id: str | None = None) -> Response:
        item = self.get_working_item(self.get_object())
        body = ChangeItemSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        changed = update_item(actor=acting_user(request), item=item, **body.validated_data)
        return Response(DraftItemSerializer(changed).data)

    @extend_schema(
        summary="Remove an item from the draft",
        description=(
            'Needs "planning.compile_draft": the authorized body\'s coordinators. The item and its agreements '
            "go; a submitted draft answers 400, an item that is not in the period's working draft 404."
        ),
        parameters=[ITEM_PARAMETER, LANG_PARAMETER],
        request=None,
        responses={204: None, 404: ErrorSerializer, **REFUSALS},
    )
    @change_item.mapping.delete
    def delete_item(self, request: Request, pk: str | None = None, item_id: str | None = None) -> Response:
        remove_item(actor=acting_user(request), item=self.get_working_item(self.get_object()))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Include a proposal in the draft",
        description=(
            "Needs \"planning.compile_draft\": the authorized body's coordinators. Puts a ministry's submitted "
            "proposal for this period in the working draft, on the dates the authorized body sets, and asks the "
            "parties to agree it; a proposal not submitted, already included, or for another period answers 400."
        ),
        parameters=[LANG_PARAMETER],
        request=IncludeProposalSerializer,
        responses={201: DraftItemSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], url_path="include-proposal")
    def include(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        body = IncludeProposalSerializer(data=request.data, context={"period": period})
        body.is_valid(raise_exception=True)
        item = include_proposal(
            actor=acting_user(request),
            proposal=body.validated_data["proposal"],
            start_date=body.validated_data["start_date"],
            end_date=body.validated_data["end_date"],
        )
        return Response(DraftItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Acknowledge a warning of the draft",
        description=(
            'Needs "planning.compile_draft": the authorized body\'s coordinators. Lets a warning stand, saying '
            "why, so that the draft can be submitted; a blocking warning must be resolved instead. A blocking "
            "warning, one that no longer applies or is already acknowledged, or a blank note answers 400."
        ),
        parameters=[LANG_PARAMETER],
        request=AcknowledgeWarningSerializer,
        responses={201: AcknowledgementSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        body = AcknowledgeWarningSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        acknowledgement = acknowledge_warning(
            actor=acting_user(request),
            version=working_version(period),
            key=body.validated_data["key"],
            note=body.validated_data["note"],
        )
        return Response(AcknowledgementSerializer(acknowledgement).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Submit the draft to the Government",
        description=(
            'Needs "planning.submit_schedule": the authorized body\'s coordinators. The draft must have meetings '
            "and every warning resolved or acknowledged; it then cannot change until it is approved, and the "
            "authorized body's draft obligation for the period is met. Answers the working version, submitted."
        ),
        parameters=[LANG_PARAMETER],
        request=None,
        responses={200: ScheduleVersionSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        version = submit_schedule(actor=acting_user(request), period=self.get_object())
        return Response(ScheduleVersionSerializer(version).data)

    @extend_schema(
        summary="Approve the submitted draft",
        description=(
            'Needs "planning.approve_schedule": the approvers of the Government and its Apparatus. Freezes the '
            "submitted draft as the next version of the schedule, in force with the approving act, and "
            "supersedes the version before it; the parties are told. A draft not submitted, a blank act number "
            "or an act dated in the future answers 400. Answers the new version."
        ),
        parameters=[LANG_PARAMETER],
        request=ApproveScheduleSerializer,
        responses={201: ScheduleVersionSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        body = ApproveScheduleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = approve_schedule(
            actor=acting_user(request),
            period=period,
            act_number=body.validated_data["act_number"],
            act_date=body.validated_data["act_date"],
        )
        return Response(ScheduleVersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Submit an amendment of the approved schedule",
        description=(
            "Needs \"planning.amend_schedule\": the authorized body's coordinators. Submits the working draft's "
            "changes since the approved version to the Government, with the reason; like the draft itself it "
            "needs every party's agreement (a pending or refused one answers 400), and it becomes the next "
            "version only when the Government approves it with its act (`approve`). No approved schedule yet, a "
            "draft that does not differ from it, a submitted draft or a blank reason answers 400. Answers the "
            "working version, now submitted."
        ),
        parameters=[LANG_PARAMETER],
        request=AmendScheduleSerializer,
        responses={201: ScheduleVersionSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def amend(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        body = AmendScheduleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if current_approved_version(period) is None:
            raise DomainError(_("There is no approved schedule to amend yet."), code="not_approved")
        version = submit_schedule(actor=acting_user(request), period=period, reason=body.validated_data["reason"])
        return Response(ScheduleVersionSerializer(version).data, status=status.HTTP_201_CREATED)


class AgreementViewSet(ApiViewMixin, viewsets.GenericViewSet[ItemAgreement]):
    serializer_class = AgreementSerializer
    read_permission = "office.access"
    write_permission = "planning.agree_item"
    permission_per_object = True  # the domain asks about the party
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ItemAgreement]:
        if getattr(self, "swagger_fake_view", False):
            return ItemAgreement.objects.none()
        agreements = ItemAgreement.objects.select_related("organisation", "item__version")
        if self.action == "paper":  # the authorized body records any party's answer received on paper
            return agreements
        return agreements.filter(organisation__in=organisations_in_scope(self.request.user))

    def check_object_permissions(self, request: Request, obj: Any) -> None:
        if self.action == "paper":
            return  # asked globally (planning.compile_draft) in `paper`
        super().check_object_permissions(request, obj.organisation if isinstance(obj, ItemAgreement) else obj)

    @extend_schema(
        summary="Record an answer received on paper",
        description=(
            "Needs \"planning.compile_draft\": the authorized body's coordinators. Records a party's answer to an "
            "item of the working draft that came by letter, with the letter's number and date; it counts as the "
            "party's answer (acknowledging a warning does not). A submitted draft or a blank reference answers 400."
        ),
        parameters=[LANG_PARAMETER],
        request=PaperAnswerSerializer,
        responses={200: AgreementSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def paper(self, request: Request, pk: str | None = None) -> Response:
        if not request.user.has_perm("planning.compile_draft"):
            raise PermissionDenied
        body = PaperAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        agreement = record_paper_answer(
            actor=acting_user(request),
            agreement=self.get_object(),
            decision=body.validated_data["decision"],
            reference=body.validated_data["reference"],
            comment=body.validated_data["comment"],
        )
        return Response(self.get_serializer(agreement).data)

    @extend_schema(
        summary="Answer an agreement request",
        description=(
            'Needs "planning.agree_item" on the party (the ministry or the akimat): its editors and approvers. '
            "Agreed, agreed with comments, or disagreed with the reasons; an agreement of another party "
            "answers 404, a submitted draft 400."
        ),
        parameters=[LANG_PARAMETER],
        request=DecideAgreementSerializer,
        responses={200: AgreementSerializer, 404: ErrorSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        body = DecideAgreementSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        agreement = decide_agreement(
            actor=acting_user(request),
            agreement=self.get_object(),
            decision=body.validated_data["decision"],
            comment=body.validated_data["comment"],
        )
        return Response(self.get_serializer(agreement).data)
