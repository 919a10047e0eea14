"""The reports' background work. Tasks are thin: a domain function called."""

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def task_notify_overdue_instructions() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): tell executors of the Government's instructions past the deadline, once each."""
    from kezdesu.reports.domain.instructions import notify_overdue_instructions

    return notify_overdue_instructions(today=timezone.localdate())
