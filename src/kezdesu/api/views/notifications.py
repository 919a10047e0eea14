"""The authenticated user's own notifications. Another user's notification answers 404."""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.notifications import MarkedReadSerializer, NotificationSerializer
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.core.domain.notifications import mark_all_read, mark_read
from kezdesu.core.domain.queries.notifications import notifications_of
from kezdesu.core.models import Notification

ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH)


@extend_schema_view(
    list=extend_schema(
        summary="List my notifications",
        description="The signed-in user's notifications, newest first, with their text in the request's language.",
        parameters=[
            OpenApiParameter("unread", bool, description="Only unread (true) or only read (false) notifications."),
            LANG_PARAMETER,
        ],
    ),
    retrieve=extend_schema(
        summary="Show one of my notifications",
        description="Another user's notification answers 404.",
        parameters=[ID_PARAMETER, LANG_PARAMETER],
    ),
)
class NotificationViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Notification]
):
    serializer_class = NotificationSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[Notification]:
        notifications = notifications_of(self.request.user)
        unread = self.request.query_params.get("unread")
        if unread in ("true", "1"):
            notifications = notifications.filter(read_at__isnull=True)
        elif unread in ("false", "0"):
            notifications = notifications.filter(read_at__isnull=False)
        return notifications

    @extend_schema(
        summary="Mark a notification read",
        description="Marks one of my notifications read; marking it again changes nothing.",
        request=None,
        parameters=[ID_PARAMETER, LANG_PARAMETER],
        responses={200: NotificationSerializer},
    )
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = mark_read(actor=acting_user(request), notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        summary="Mark all my notifications read",
        description="Marks every unread notification of the signed-in user read.",
        request=None,
        responses={200: MarkedReadSerializer},
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        marked = mark_all_read(actor=acting_user(request))
        return Response(MarkedReadSerializer({"marked": marked}).data, status=status.HTTP_200_OK)
