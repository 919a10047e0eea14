"""Background work of the shared kernel. Tasks are thin: ids in, a domain function called."""

from smtplib import SMTPException

from celery import shared_task

from kezdesu.core.domain.digest import send_notification_digests
from kezdesu.core.domain.notifications import send_notification_emails


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=60, max_retries=5)
def task_send_notification_emails(notification_ids: list[int]) -> int:
    # Safe to retry: rows already e-mailed are skipped.
    return send_notification_emails(notification_ids=notification_ids)


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=60, max_retries=5)
def task_send_notification_digests(recipients: list[int] | None = None) -> int:
    """Daily at 07:30 (CELERY_BEAT_SCHEDULE), after the morning's reminders; `recipients` (user ids) for one
    last digest of someone who left it. Safe to retry: what a digest carried is marked e-mailed and not sent again.
    """
    return send_notification_digests(recipients=recipients)
