"""The current user's in-app notifications, rendered in the request's language."""

from rest_framework import serializers

from kezdesu.core.domain.notifications import notification_link, render_notification
from kezdesu.core.models import Notification


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    text = serializers.SerializerMethodField(help_text="The message in the language of the request.")
    link = serializers.SerializerMethodField(help_text="Where the notification leads, in the request's language.")
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "link", "created_at", "read_at", "is_read"]

    def get_text(self, notification: Notification) -> str:
        try:
            return render_notification(notification)
        except ValueError:
            # A kind whose app no longer registers it still shows something.
            return notification.kind

    def get_link(self, notification: Notification) -> str:
        return notification_link(notification)

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class MarkedReadSerializer(serializers.Serializer[dict[str, int]]):
    marked = serializers.IntegerField(help_text="How many notifications were unread.")
