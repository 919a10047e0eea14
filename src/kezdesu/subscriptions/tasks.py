"""The subscriptions' background work. Tasks are thin: ids in, a domain function called."""

from smtplib import SMTPException

from celery import shared_task
from django.db import DatabaseError

from kezdesu.subscriptions.domain.mailing import send_news
from kezdesu.subscriptions.domain.subscribing import delete_unconfirmed_subscriptions


@shared_task(autoretry_for=(SMTPException, OSError, DatabaseError), retry_backoff=60, max_retries=5)
def task_send_news(news_id: int) -> int:
    """E-mail one news item to its confirmed subscribers. Safe to retry: a subscriber sent it is skipped."""
    return send_news(news_id=news_id)


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def task_delete_unconfirmed_subscriptions() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): requests never confirmed are deleted with their addresses."""
    return delete_unconfirmed_subscriptions()
