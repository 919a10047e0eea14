"""Background work of the shared kernel. Tasks are thin: ids in, a domain function called."""

from smtplib import SMTPException

from celery import shared_task

from kezdesu.core.domain.notifications import send_notification_emails


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=60, max_retries=5)
def task_send_notification_emails(notification_ids: list[int]) -> int:
    # Safe to retry: rows already e-mailed are skipped.
    return send_notification_emails(notification_ids=notification_ids)
