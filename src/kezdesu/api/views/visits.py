"""Visits in the API: public reads of announced and held visits (staff also see their scope's drafts
and cancelled visits), and the staff's writes — the visit's texts, a part, announcing, cancelling — which
call `meetings.domain` (refusals answer 400, or 403 for a refused permission). The official accounts
where visits are broadcast are public and read-only.
"""

from typing import Any

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, routers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.visits import (
    CancelVisitSerializer,
    OfficialAccountSerializer,
    PartChangesSerializer,
    PartSerializer,
    VisitChangesSerializer,
    VisitOutcomesSerializer,
    VisitQuerySerializer,
    VisitSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.meetings.domain.closing import PartOutcome, record_visit_outcomes
from kezdesu.meetings.domain.parts import update_part
from kezdesu.meetings.domain.queries.closing import visits_to_close
from kezdesu.meetings.domain.queries.visit_filters import filtered_visits
from kezdesu.meetings.domain.queries.visits import official_accounts, readable_visits
from kezdesu.meetings.domain.visits import cancel_visit, publish_visit, update_visit
from kezdesu.meetings.models import OfficialAccount, Visit, VisitPart
from kezdesu.organisations.domain.queries.scope import organisations_in_scope, sees_everything
from kezdesu.organisations.models import Organisation

REFUSALS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
KIND_PARAMETER = OpenApiParameter(
    "kind",
    str,
    OpenApiParameter.PATH,
    enum=list(VisitPart.Kind.values),
    description="The part: meeting, reception, ngo_meeting or media_briefing.",
)
READ = (
    "Public: announced and held visits, for anyone. Signed-in staff also see the visits being prepared "
    "and the cancelled ones of their ministry or of their akimat's region (the authorized body and "
    "oversight: every one). Each visit comes with its four parts (R16), their broadcasts on the ministry's "
    "official accounts (R14), the participating akims' posts (R17) and the meeting's agenda. Times are ISO "
    "8601 with the offset of Asia/Almaty."
)

LIST_PARAMETERS = [
    OpenApiParameter("start", OpenApiTypes.DATE, description="Only visits starting on or after this day (YYYY-MM-DD)."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Only visits starting on or before this day (YYYY-MM-DD)."),
    LANG_PARAMETER,
]


@extend_schema_view(
    list=extend_schema(
        summary="List visits",
        description=READ
        + " `start` and `end` bound the visit's first day, both included, as the oversight figures count visits; "
        "an end before the start answers 400.",
        parameters=LIST_PARAMETERS,
        responses={200: VisitSerializer(many=True), 400: OpenApiTypes.OBJECT},
    ),
    retrieve=extend_schema(
        summary="Show a visit",
        description=READ + " A visit not readable by the user answers 404.",
        parameters=[LANG_PARAMETER],
        responses={200: VisitSerializer, 404: ErrorSerializer},
    ),
)
class VisitViewSet(ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Visit]):
    serializer_class = VisitSerializer
    write_permission = "meetings.edit_visit"
    permission_per_object = True  # asked about the visit: its ministry and its region's akimat
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Visit]:
        if getattr(self, "swagger_fake_view", False):
            return Visit.objects.none()
        return readable_visits(self.request.user).annotate(results_published_at=F("publication__published_at"))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = VisitQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = self.paginate_queryset(filtered_visits(self.get_queryset(), **query.validated_data))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Change a visit",
        description=(
            "Needs \"meetings.edit_visit\" on the visit: the ministry's editors and approvers, the region's "
            "akimat's editors and approvers, the coordinator. Send only what changes: the title and how to take "
            "part in kk, ru, en, and until when questions are accepted (not after the visit). A held or cancelled "
            "visit cannot change."
        ),
        parameters=[LANG_PARAMETER],
        request=VisitChangesSerializer,
        responses={200: VisitSerializer, **REFUSALS},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        visit = self.get_object()
        body = VisitChangesSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        update_visit(actor=acting_user(request), visit=visit, **body.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=visit.pk)).data)

    @extend_schema(
        summary="Change a part of a visit",
        description=(
            'Needs "meetings.edit_visit" on the visit. Send only what changes: the start and the end (within the '
            "visit's days), the format, the venue and address in kk, ru, en, the map point (in Kazakhstan), the "
            "video-conference link (https), the participating akims (posts of the region's akimat, by id) and "
            "other participants."
        ),
        parameters=[LANG_PARAMETER, KIND_PARAMETER],
        request=PartChangesSerializer,
        responses={200: PartSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["patch"], url_path=r"parts/(?P<kind>[a-z_]+)")
    def part(self, request: Request, pk: str | None = None, kind: str = "") -> Response:
        visit = self.get_object()
        part = get_object_or_404(VisitPart, visit=visit, kind=kind)
        part.visit = visit
        body = PartChangesSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        update_part(actor=acting_user(request), part=part, **body.validated_data)
        fresh = next(item for item in self.get_queryset().get(pk=visit.pk).parts.all() if item.kind == kind)
        return Response(PartSerializer(fresh).data)

    @extend_schema(
        summary="Announce a visit",
        description=(
            'Needs "meetings.publish_visit": the ministry\'s approver or the coordinator. The meeting with the '
            "population needs its time and its venue and address (an online one: a video-conference link or a "
            "broadcast). The public page opens and the region's akimat is notified."
        ),
        parameters=[LANG_PARAMETER],
        request=None,
        responses={200: VisitSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        visit = publish_visit(actor=acting_user(request), visit=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=visit.pk)).data)

    @extend_schema(
        summary="Record what took place",
        description=(
            'Needs "meetings.record_part_outcome" on the visit: the ministry\'s editors and approvers, or the '
            "coordinator. Says whether each part took place (R16), with why where it did not, and whether the "
            "deputy prime minister took part (R6); the visit closes once every part is recorded (held, or "
            "cancelled when its meeting did not take place). Closing the meeting in the live console records the "
            "meeting by itself. A part recorded as held before its time, or not held without why, answers 400 "
            "and nothing is saved."
        ),
        parameters=[LANG_PARAMETER],
        request=VisitOutcomesSerializer,
        responses={200: VisitSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], url_path="outcomes")
    def outcomes(self, request: Request, pk: str | None = None) -> Response:
        visit = self.get_object()
        if not request.user.has_perm("meetings.record_part_outcome", visit):
            raise PermissionDenied
        body = VisitOutcomesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record_visit_outcomes(
            actor=acting_user(request),
            visit=visit,
            outcomes={
                kind: PartOutcome(answer["outcome"], answer["note"])
                for kind, answer in body.validated_data["parts"].items()
            },
            deputy_prime_minister_took_part=body.validated_data["deputy_prime_minister_took_part"],
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=visit.pk)).data)

    @extend_schema(
        summary="List the visits to close",
        description=(
            "Staff. The visits whose last day has passed that nobody has closed (R16), oldest first: the user's "
            "bodies' (all of them for the authorized body and oversight). Their ten days for publishing the results "
            "run all the same."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: VisitSerializer(many=True), 403: ErrorSerializer},
    )
    @action(detail=False, methods=["get"], url_path="to-close")
    def to_close(self, request: Request) -> Response:
        if not request.user.has_perm("office.access"):
            raise PermissionDenied
        organisations = None if sees_everything(request.user) else list(organisations_in_scope(request.user))
        visits = visits_to_close(today=timezone.localdate(), organisations=organisations).values_list("pk", flat=True)
        page = self.paginate_queryset(self.get_queryset().filter(pk__in=list(visits)).order_by("end_date", "pk"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Cancel a visit",
        description=(
            'Needs "meetings.publish_visit": the ministry\'s approver or the coordinator. Give the reason; it is '
            "kept in the audit trail, and the akimat is notified if the visit was announced. Its public page closes."
        ),
        parameters=[LANG_PARAMETER],
        request=CancelVisitSerializer,
        responses={200: VisitSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        body = CancelVisitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        visit = cancel_visit(actor=acting_user(request), visit=self.get_object(), reason=body.validated_data["reason"])
        return Response(self.get_serializer(self.get_queryset().get(pk=visit.pk)).data)


@extend_schema_view(
    list=extend_schema(
        summary="List official accounts",
        description=(
            "The organisations' official accounts on YouTube, Facebook, Instagram, Telegram, TikTok, VK, X or "
            "their websites, where their meetings are broadcast (R14). Public. `?organisation=<code>` narrows "
            "the list to one ministry (with its parent body's accounts)."
        ),
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("organisation", str, OpenApiParameter.QUERY, description="An organisation's code."),
        ],
    ),
    retrieve=extend_schema(
        summary="Show an official account",
        description="One official account. Public.",
        parameters=[LANG_PARAMETER],
        responses={200: OfficialAccountSerializer, 404: ErrorSerializer},
    ),
)
class OfficialAccountViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[OfficialAccount]
):
    serializer_class = OfficialAccountSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[OfficialAccount]:
        accounts = official_accounts()
        code = self.request.query_params.get("organisation")
        if code:
            organisation = Organisation.objects.filter(code=code).first()
            return official_accounts(organisation) if organisation else accounts.none()
        return accounts


router = routers.SimpleRouter()
router.register("visits", VisitViewSet, basename="visit")
router.register("official-accounts", OfficialAccountViewSet, basename="official-account")

urlpatterns = router.urls
