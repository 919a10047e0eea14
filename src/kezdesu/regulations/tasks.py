"""Background work of the regulations app. Tasks are thin: a date in, a domain function called."""

import datetime

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from kezdesu.regulations.domain.reminders import send_deadline_reminders


@shared_task(autoretry_for=(DatabaseError, OSError), retry_backoff=60, max_retries=5)
def task_send_deadline_reminders(today: str | None = None) -> int:
    """Daily at 07:00 (CELERY_BEAT_SCHEDULE). `today` is an ISO date; beat passes none.

    Safe to retry: reminders already sent are recorded and not sent again.
    """
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return send_deadline_reminders(today=day)
