"""The follow-up's background work. Tasks are thin: a domain function called."""

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def task_notify_followers(event_id: int) -> int:
    """E-mail the confirmed followers of an issue about one event of its history."""
    from kezdesu.followup.domain.followers import notify_followers

    return notify_followers(event_id=event_id)


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def task_notify_overdue_measures() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): tell executors of their measures past the deadline, once each."""
    from kezdesu.followup.domain.overdue import notify_overdue_measures

    return notify_overdue_measures(today=timezone.localdate())
