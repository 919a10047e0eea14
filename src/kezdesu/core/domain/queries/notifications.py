"""Reads of a user's in-app notifications."""

from typing import Any

from django.db.models import QuerySet

from kezdesu.core.models import Notification


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_notification_count(user: Any) -> int:
    return notifications_of(user).filter(read_at__isnull=True).count()
