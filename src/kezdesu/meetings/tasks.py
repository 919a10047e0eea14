"""Background work of the meetings app. Tasks are thin: a domain function called."""

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from kezdesu.meetings.domain.closing import remind_visits_to_close
from kezdesu.meetings.domain.retention import erase_reception_personal_data


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def task_erase_reception_personal_data() -> int:
    """Nightly (CELERY_BEAT_SCHEDULE): erase booking personal data past its retention period (S4)."""
    return erase_reception_personal_data()


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def task_remind_visits_to_close() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remind the ministry and the authorized body of the visits to close (R16)."""
    return remind_visits_to_close(today=timezone.localdate())
