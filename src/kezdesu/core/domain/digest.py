"""One e-mail a day: the daily digest of notifications, and the choice of it.

Whoever chose it (`User.email_digest`) sees notifications in the office at once but gets no e-mail for each
(`notify` leaves them out); once a day `send_notification_digests` e-mails each of them one message with the
notifications not e-mailed yet, grouped by area, each with its link, in the reader's language.

Left out of a digest: what the reader has already read in the office (they have seen it), and anything older
than a week (say, from before the account had an address), which stays in the office only.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import SUBJECT_PREFIX, notification_link, render_notification
from kezdesu.core.models import Notification
from kezdesu.core.urls_absolute import absolute_url, site_url
from kezdesu.organisations.models import User

logger = logging.getLogger(__name__)

WINDOW = datetime.timedelta(days=7)
# The digest's sections, by the first part of a notification's kind, in this order.
AREAS: dict[str, Promise] = {
    "deadline": _("Deadlines"),
    "schedule": _("Schedule"),
    "planning": _("Planning"),
    "meetings": _("Meetings"),
    "followup": _("Action plans"),
    "reports": _("Reports"),
}
OTHER = _("Other notifications")


@dataclass(frozen=True)
class DigestItem:
    at: datetime.datetime
    text: str
    link: str


@dataclass(frozen=True)
class DigestSection:
    title: str
    items: list[DigestItem]


def waiting_for_digest(*, now: datetime.datetime, recipients: Iterable[int] | None = None) -> QuerySet[Notification]:
    """Notifications due in a digest: unread, not e-mailed, of the last week, to an active account with an address.

    Of everyone who chose the digest, or of `recipients` (ids) whatever they chose.
    """
    waiting = Notification.objects.filter(
        emailed_at__isnull=True,
        read_at__isnull=True,
        created_at__lte=now,
        created_at__gt=now - WINDOW,
        recipient__is_active=True,
    ).exclude(recipient__email="")
    if recipients is None:
        waiting = waiting.filter(recipient__email_digest=True)
    else:
        waiting = waiting.filter(recipient__in=list(recipients))
    return waiting.select_related("recipient").order_by("recipient_id", "created_at", "pk")


def send_notification_digests(*, now: datetime.datetime | None = None, recipients: Iterable[int] | None = None) -> int:
    """E-mail each reader one digest of what waits for them; returns how many digests were sent.

    Each row is claimed before the send, so two workers never mail the same notification; a failed send
    gives its rows back for the next try and the others still go. Then the first failure is raised, for
    the task to retry.
    """
    now = now or timezone.now()
    sent = 0
    failure: Exception | None = None
    waiting = list(waiting_for_digest(now=now, recipients=recipients))  # read before the claims write
    for _recipient_id, rows in groupby(waiting, lambda n: n.recipient_id):
        claimed = [n for n in rows if _claim(n)]
        if not claimed:
            continue
        try:
            _email_digest(claimed[0].recipient, claimed)
        except Exception as error:
            Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(emailed_at=None)
            logger.exception("The digest to user %s was not sent; it waits for the next try.", claimed[0].recipient_id)
            failure = failure or error
            continue
        sent += 1
    if failure is not None:
        raise failure
    return sent


def _claim(notification: Notification) -> bool:
    return bool(
        Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    )


def digest_sections(notifications: Iterable[Notification]) -> list[DigestSection]:
    """The notifications by area (in AREAS' order, then the rest), each area oldest first; in the active language."""
    order = list(AREAS)

    def area(notification: Notification) -> int:
        prefix = notification.kind.split(".", 1)[0]
        return order.index(prefix) if prefix in AREAS else len(order)

    sections = []
    for index, group in groupby(sorted(notifications, key=lambda n: (area(n), n.created_at, n.pk)), key=area):
        title = AREAS[order[index]] if index < len(order) else OTHER
        items = [DigestItem(at=n.created_at, text=_text(n), link=notification_link(n, absolute=True)) for n in group]
        sections.append(DigestSection(title=str(title), items=items))
    return sections


def _text(notification: Notification) -> str:
    try:
        return render_notification(notification)
    except (ValueError, KeyError):
        # A kind no longer registered (or a param renamed) must not hold back the rest of the digest.
        return notification.kind


def _email_digest(recipient: User, notifications: list[Notification]) -> None:
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        count = len(notifications)
        context = {
            "recipient": recipient,
            "count": count,
            "sections": digest_sections(notifications),
            "settings_link": absolute_url(reverse("office:notifications")),
            "site_url": site_url(),
            "LANGUAGE_CODE": translation.get_language(),
        }
        subject = gettext("Notifications of the day: %(count)s") % {"count": count}
        message = EmailMultiAlternatives(
            subject=SUBJECT_PREFIX + subject,
            body=render_to_string("core/emails/digest.txt", context),
            to=[recipient.email],
        )
        message.attach_alternative(render_to_string("core/emails/digest.html", context), "text/html")
    message.send()


@transaction.atomic
def set_email_digest(*, actor: User, enabled: bool) -> User:
    """Choose one e-mail a day (or one e-mail per notification again) for one's own notifications.

    Leaving the digest sends what waits for it at once, in one last digest, rather than never.
    """
    if actor.email_digest == enabled:
        return actor
    actor.email_digest = enabled
    actor.save(update_fields=["email_digest"])
    record_audit(
        actor=actor,
        action="organisations.user.email_digest",
        target=actor,
        old={"email_digest": not enabled},
        new={"email_digest": enabled},
    )
    if not enabled:
        from kezdesu.core.tasks import task_send_notification_digests

        recipient = actor.pk
        transaction.on_commit(lambda: task_send_notification_digests.delay(recipients=[recipient]), robust=True)
    return actor
