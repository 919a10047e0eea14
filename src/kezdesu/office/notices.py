"""Notifications as the notification centre shows them: text and link in the reader's language."""

from collections.abc import Iterable
from dataclasses import dataclass

from kezdesu.core.domain.notifications import notification_link, render_notification
from kezdesu.core.models import Notification


@dataclass(frozen=True)
class NotificationItem:
    notification: Notification
    text: str
    link: str


def notification_items(notifications: Iterable[Notification]) -> list[NotificationItem]:
    items = []
    for notification in notifications:
        try:
            text = render_notification(notification)
        except (ValueError, KeyError):
            # A kind no longer registered (or a param renamed) still shows, as its code.
            text = notification.kind
        items.append(NotificationItem(notification=notification, text=text, link=notification_link(notification)))
    return items
