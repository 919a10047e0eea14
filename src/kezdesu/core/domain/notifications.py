"""Notifications: in-app rows and e-mail, each rendered in the reader's own language.

A notification stores a `kind` and its `params`, never rendered text, so the same row reads in
Kazakh, Russian or English. Each kind is registered once with a translatable message that uses
named placeholders. A param that is itself translated content is passed as {"kk", "ru", "en"}.
A param that is an ISO date ("2026-11-28") is shown as a date.
"""

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from kezdesu.core.errors import NotPermitted
from kezdesu.core.models import Notification
from kezdesu.core.urls_absolute import absolute_url, site_url
from kezdesu.organisations.models import User

SUBJECT_PREFIX = "Kezdesu: "  # the product's name, the same in every language
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class NotificationKind:
    code: str
    message: Promise
    subject: Promise


_KINDS: dict[str, NotificationKind] = {}


def register_kind(code: str, *, message: Promise, subject: Promise) -> None:
    """Declare a kind of notification. `message` and `subject` use %(name)s placeholders."""
    _KINDS[code] = NotificationKind(code=code, message=message, subject=subject)


def notification_kind(code: str) -> NotificationKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise ValueError(f"Unknown notification kind {code!r}; register it with register_kind().") from None


def registered_kinds() -> list[str]:
    return sorted(_KINDS)


# Deadlines (S5) are the first users; other apps register their kinds the same way.
register_kind(
    "deadline.reminder",
    message=ngettext_lazy(
        "%(debtor)s: %(title)s for %(period_start)s – %(period_end)s is due on %(due)s (in %(days)s day). "
        "Clause: %(source)s.",
        "%(debtor)s: %(title)s for %(period_start)s – %(period_end)s is due on %(due)s (in %(days)s days). "
        "Clause: %(source)s.",
        "days",
    ),
    subject=ngettext_lazy("Due in %(days)s day: %(title)s", "Due in %(days)s days: %(title)s", "days"),
)
register_kind(
    "deadline.overdue",
    message=_(
        "%(debtor)s: %(title)s for %(period_start)s – %(period_end)s was due on %(due)s and is overdue. "
        "Clause: %(source)s."
    ),
    subject=_("Overdue: %(title)s"),
)


def _localised(value: Any) -> Any:
    """One param as the active language shows it."""
    if isinstance(value, Mapping):
        language = translation.get_language() or settings.LANGUAGE_CODE
        for code in (language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]):
            if value.get(code):
                return value[code]
        return ""
    if isinstance(value, datetime.date) or (isinstance(value, str) and _ISO_DATE.match(value)):
        day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
        # dd.mm.yyyy is how dates are written in Kazakhstan in all three languages.
        return date_format(day, "d.m.Y")
    return value


def _render(template: Promise, params: Mapping[str, Any]) -> str:
    # `template % values`, not `str(template) % values`: a lazy plural picks its form from the values.
    return str(template % {key: _localised(value) for key, value in params.items()})


def render_message(kind: str, params: Mapping[str, Any]) -> str:
    return _render(notification_kind(kind).message, params)


def render_notification(notification: Notification) -> str:
    """The notification's text in the active language."""
    return render_message(notification.kind, notification.params)


def render_subject(notification: Notification) -> str:
    return SUBJECT_PREFIX + _render(notification_kind(notification.kind).subject, notification.params)


def notification_link(notification: Notification, *, absolute: bool = False) -> str:
    """The link in the active language's URL prefix (stored links carry whichever prefix they had)."""
    if not notification.link:
        return ""
    link = _in_language(notification.link, translation.get_language() or settings.LANGUAGE_CODE)
    return absolute_url(link) if absolute and link.startswith("/") else link


def _in_language(link: str, language: str) -> str:
    """`link` with `language`'s prefix. translate_url resolves only in the link's own language."""
    prefix = link.split("/")[1] if link.startswith("/") else ""
    if prefix not in dict(settings.LANGUAGES) or prefix == language:
        return link
    with translation.override(prefix):
        return translate_url(link, language)


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    params: dict[str, Any],
    link: str = "",
    email: bool = True,
) -> list[Notification]:
    """Notify each recipient in-app and, once the transaction commits, by e-mail (or in the next daily digest).

    Notifications are the system talking to its users, not a change of the domain's data,
    so they write no audit row.
    """
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            render_message(kind, params)  # fail now, not in a reader's inbox, on a missing placeholder
    unique = {user.pk: user for user in recipients}
    notifications = [
        Notification.objects.create(recipient=user, kind=kind, params=params, link=link) for user in unique.values()
    ]
    # Who chose one e-mail a day reads these in the daily digest (core.domain.digest).
    to_email = [n.pk for n in notifications if email and n.recipient.email and not n.recipient.email_digest]
    if to_email:
        from kezdesu.core.tasks import task_send_notification_emails

        transaction.on_commit(lambda: task_send_notification_emails.delay(to_email), robust=True)
    return notifications


def send_notification_emails(*, notification_ids: Iterable[int]) -> int:
    """E-mail the given notifications not e-mailed yet, each in its recipient's language."""
    sent = 0
    pending = Notification.objects.filter(pk__in=list(notification_ids), emailed_at__isnull=True)
    for notification in pending.select_related("recipient").order_by("pk"):
        if not notification.recipient.email or notification.recipient.email_digest:
            continue  # no address, or it waits for the daily digest
        # Claim the row first so that two workers never send the same mail.
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            _email(notification)
        except Exception:
            Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
            raise
        sent += 1
    return sent


def _email(notification: Notification) -> None:
    recipient = notification.recipient
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {
            "recipient": recipient,
            "text": render_notification(notification),
            "link": notification_link(notification, absolute=True),
            "site_url": site_url(),
            "LANGUAGE_CODE": translation.get_language(),
        }
        message = EmailMultiAlternatives(
            subject=render_subject(notification),
            body=render_to_string("core/emails/notification.txt", context),
            to=[recipient.email],
        )
        message.attach_alternative(render_to_string("core/emails/notification.html", context), "text/html")
    message.send()


def mark_read(*, actor: User, notification: Notification) -> Notification:
    if notification.recipient_id != actor.pk:
        raise NotPermitted(_("This notification is addressed to someone else."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of `actor` read; returns how many were unread."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
