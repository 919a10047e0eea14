"""The signed-in user's own account, roles and permissions, and their choice of notification e-mails."""

from typing import Any

import rules
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.me import MeSerializer, MeSettingsSerializer
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.core.domain.digest import set_email_digest
from kezdesu.organisations.domain.queries.scope import memberships_of
from kezdesu.organisations.models import User


class MeView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Show my account",
        description=(
            "The signed-in user's roles in organisations and the permissions of the one vocabulary "
            "(organisations.rules) that they hold, globally and per organisation. The only endpoint "
            "that returns an e-mail address, and only the user's own."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: MeSerializer},
        examples=[
            OpenApiExample(
                "A ministry's approver",
                value={
                    "id": 7,
                    "username": "approver.mfa",
                    "full_name": "Demo Approver",
                    "email": "approver.mfa@example.kz",
                    "language": "kk",
                    "email_digest": False,
                    "is_superuser": False,
                    "memberships": [
                        {
                            "organisation": "mfa",
                            "organisation_name": "Ministry of Foreign Affairs",
                            "role": "approver",
                            "role_display": "approver",
                            "permissions": [
                                "organisations.edit_organisation_data",
                                "organisations.view_organisation_data",
                                "regulations.record_fulfilment",
                            ],
                        }
                    ],
                    "permissions": ["office.access"],
                },
            )
        ],
    )
    def get(self, request: Request) -> Response:
        return Response(self._me(acting_user(request)))

    @extend_schema(
        summary="Change my notification e-mails",
        description=(
            "Choose one e-mail a day (`email_digest: true`): notifications still appear at once, and each morning "
            "one e-mail carries those not e-mailed yet. Leaving it e-mails what is waiting in one last digest. "
            "Audited; only the signed-in user's own account changes."
        ),
        parameters=[LANG_PARAMETER],
        request=MeSettingsSerializer,
        responses={200: MeSerializer},
    )
    def patch(self, request: Request) -> Response:
        user = acting_user(request)
        serializer = MeSettingsSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        if "email_digest" in serializer.validated_data:
            set_email_digest(actor=user, enabled=serializer.validated_data["email_digest"])
        return Response(self._me(user))

    def _me(self, user: User) -> Any:
        names = sorted(rules.permissions.permissions)
        memberships = list(memberships_of(user).order_by("organisation__code", "role"))
        organisations = {m.organisation_id: m.organisation for m in memberships}
        held = [name for name in names if user.has_perm(name)]
        context = {
            "organisation_permissions": {
                pk: [name for name in names if name not in held and user.has_perm(name, organisation)]
                for pk, organisation in organisations.items()
            }
        }
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "full_name": user.get_full_name(),
            "email": user.email,
            "language": user.language,
            "email_digest": user.email_digest,
            "is_superuser": user.is_superuser,
            "memberships": memberships,
            "permissions": held,
        }
        return MeSerializer(data, context=context).data
