"""Background work of the questions app. Tasks are thin: an id in, a domain function called."""

from celery import shared_task
from django.db import DatabaseError, transaction

from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.grouping import group_questions


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=30, max_retries=5)
def task_group_questions(visit_id: int) -> int:
    """Place a visit's new questions among their duplicates. Safe to repeat: grouped questions stay put."""
    visit = Visit.objects.filter(pk=visit_id).first()
    if visit is None:
        return 0
    result = group_questions(visit=visit)
    return result.new_groups + result.joined


def group_after_commit(visit: Visit) -> None:
    """Group the visit's questions once the questions just received are saved."""
    transaction.on_commit(lambda: task_group_questions.delay(visit.pk))


@shared_task(ignore_result=True)
def task_drain_live_questions() -> int:
    """Store the live page's queued questions (questions/domain/live_queue.py), batch after batch until the
    queue is empty (at most 50 s). Run by beat every few seconds; the intake also starts it (at most once
    every two seconds) when it queues a question, so a busy meeting is drained continuously."""
    from kezdesu.questions.domain.live_queue import drain_until_empty

    return drain_until_empty()
