"""Obligations: who owes what to whom, by when, under which clause; and recording what met one.

Obligations are public bodies' legal duties, so reading them is public (R5, S6); recording a
fulfilment needs "regulations.record_fulfilment" on the debtor organisation.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.obligations import (
    ObligationQuerySerializer,
    ObligationSerializer,
    RecordFulfilmentSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.regulations.domain.by_hand import record_fulfilment
from kezdesu.regulations.domain.obligations import Obligation, find_obligation, obligations_between
from kezdesu.regulations.models import Fulfilment

KEY_PARAMETER = OpenApiParameter(
    "key",
    str,
    OpenApiParameter.PATH,
    description="The obligation's stable key, e.g. REG-2024:quarterly-information:finance:2026-01-01.",
)

LIST_PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First due date (YYYY-MM-DD); default 1 January."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last due date (YYYY-MM-DD); default 31 December."),
    OpenApiParameter(
        "profile",
        str,
        description="A regulation profile's code: it then governs the whole range, whatever its dates. "
        "Without it, each obligation comes from the profile in force on its nominal due date.",
    ),
    OpenApiParameter("organisation", str, description="Only obligations this organisation owes or is owed (code)."),
    OpenApiParameter("requirement", str, description="Only this requirement, e.g. R22."),
    OpenApiParameter("state", str, enum=["open", "met", "overdue"]),
    LANG_PARAMETER,
]

EXAMPLE = OpenApiExample(
    "Quarterly information (R22)",
    response_only=True,
    value={
        "key": "REG-2024:quarterly-information:finance:2026-01-01",
        "requirement": "R22",
        "source": "G1.4",
        "title": "Quarterly information to the authorized body",
        "title_i18n": {
            "kk": "Уәкілетті органға тоқсандық ақпарат",
            "ru": "Ежеквартальная информация в уполномоченный орган",
            "en": "Quarterly information to the authorized body",
        },
        "debtor": {"code": "finance", "name": "Ministry of Finance", "name_en": "Ministry of Finance"},
        "recipient": {
            "code": "culture-information",
            "name": "Ministry of Culture and Information",
            "name_en": "Ministry of Culture and Information",
        },
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "nominal_due": "2026-04-05",
        "due": "2026-04-06",
        "moved": True,
        "state": "met",
        "profile": "REG-2024",
        "met_on": "2026-04-03",
        "basis": "by_hand",
        "evidence": [],
        "fulfilment": {
            "met_on": "2026-04-03",
            "reference": "No. 01-12/345 of 03.04.2026",
            "region": None,
            "official": None,
        },
    },
)


class ObligationViewSet(ApiViewMixin, viewsets.GenericViewSet[Any]):
    serializer_class = ObligationSerializer
    lookup_field = "key"
    lookup_value_regex = r"[^/]+"
    write_permission = "regulations.record_fulfilment"
    permission_per_object = True  # asked about the debtor organisation
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Fulfilment]:
        # Obligations are computed, not stored; only the browsable API's filter form asks for this.
        return Fulfilment.objects.none()

    def get_object(self) -> Obligation:
        obligation = find_obligation(self.kwargs["key"])
        if obligation is None:
            raise Http404
        return obligation

    @extend_schema(
        summary="List obligations",
        description=(
            "Every obligation whose due date falls in the range, sorted by due date: who owes what to whom, "
            "by when and under which clause, with the nominal date the act gives and the date moved off a day "
            "off, and whether it is open, met or overdue. Obligations are public bodies' legal duties, so the "
            "list is public: anyone may read it without signing in."
        ),
        parameters=LIST_PARAMETERS,
        responses={200: ObligationSerializer(many=True), 400: OpenApiTypes.OBJECT},
        examples=[EXAMPLE],
    )
    def list(self, request: Request) -> Response:
        query = ObligationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        organisation = params.get("organisation")
        obligations = obligations_between(
            start=params["from"],
            end=params["to"],
            profile=params.get("profile"),
            organisations=[organisation] if organisation is not None else None,
        )
        if "requirement" in params:
            obligations = [o for o in obligations if o.requirement == params["requirement"]]
        if "state" in params:
            obligations = [o for o in obligations if o.state == params["state"]]
        page = self.paginate_queryset(obligations)
        if page is not None:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return Response(self.get_serializer(obligations, many=True).data)

    @extend_schema(
        summary="Show an obligation",
        description="One obligation by its key, with its state today. Public.",
        parameters=[KEY_PARAMETER, LANG_PARAMETER],
        responses={200: ObligationSerializer, 404: ErrorSerializer},
        examples=[EXAMPLE],
    )
    def retrieve(self, request: Request, key: str) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary="Record by hand what met an obligation outside Kezdesu",
        description=(
            'Needs "regulations.record_fulfilment" on the debtor organisation: its approvers, the authorized '
            "body's coordinators and administrators. The exception: Kezdesu's records meet an obligation by "
            "themselves; this records what was done outside it (a letter; a meeting held outside the system, "
            "with its region and official), marked as such everywhere. A refusal of the domain (records already "
            "meet it, the rule admits only records, a meeting Kezdesu holds that day, a date in the future, no "
            "reference) answers 400 with the reason in the request's language."
        ),
        parameters=[KEY_PARAMETER, LANG_PARAMETER],
        request=RecordFulfilmentSerializer,
        responses={201: ObligationSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        examples=[
            OpenApiExample(
                "An outgoing letter",
                request_only=True,
                value={"met_on": "2026-04-03", "reference": "No. 01-12/345 of 03.04.2026"},
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def fulfilment(self, request: Request, key: str) -> Response:
        obligation = self.get_object()
        self.check_object_permissions(request, obligation.debtor.organisation)
        body = RecordFulfilmentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record_fulfilment(actor=acting_user(request), obligation=obligation, **body.validated_data)
        met = find_obligation(key)
        return Response(self.get_serializer(met).data, status=status.HTTP_201_CREATED)
