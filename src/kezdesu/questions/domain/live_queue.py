"""The live page's questions taken at scale (issue 5): accepted cheaply, queued in Redis, stored in batches.

A citizen's question from the live page costs about 10 ms of Django's time when stored at once (checks,
insert, audit row, the live revision, grouping). To take hundreds a second on a small server the intake
endpoint only checks what it can check cheaply — the text (the same rules and messages as every intake),
the district and topic, that the meeting takes questions (cached for a few seconds per visit) and the
per-network limit — and appends the question, with a new uuid and the moment it arrived, to a Redis list.
It answers 202 with the uuid. `drain_live_questions` (a Celery task, and the `drain_live_questions`
command) stores the queue in batches under the same policy as `submit_live_question`: published unless
the automatic checks flag it, `external_id` = the uuid, so a batch drained twice adds nothing.

Reliability: the drain moves items to a processing list (LMOVE) and removes them only after the batch's
transaction committed; a drain that crashed leaves them there and the next drain stores them first.
The durability boundary is Redis: with appendonly off a Redis crash loses what is queued and not yet
drained (a second at most while the worker keeps up); production enables AOF (appendfsync everysec).

Without REDIS_URL (the demo, tests on SQLite) there is no queue: the same checks, then the question is
stored at once by the same code the drain runs.
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass
from functools import cache as memoize
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.core.models import AuditLog
from kezdesu.meetings.domain.live_state import live_changed
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District
from kezdesu.questions.domain.live_intake import _checked, _live_question, _too_many, live_questions_open
from kezdesu.questions.models import Channel, Question, Topic
from kezdesu.questions.tasks import group_after_commit

VISIT_CACHE_SECONDS = 5
DRAIN_LOCK_SECONDS = 120
KICK_SECONDS = 2
AUDIT_ACTION = "questions.live_received"  # as submit_live_question's


def queue_enabled() -> bool:
    return bool(settings.REDIS_URL)


def _prefix() -> str:
    return str(getattr(settings, "KEZDESU_LIVE_QUEUE_PREFIX", "kezdesu:live-questions"))


def queue_key() -> str:
    return _prefix()


def processing_key() -> str:
    return f"{_prefix()}:processing"


def _lock_key() -> str:
    return f"{_prefix()}:drain-lock"


@memoize
def _client(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


def redis_client() -> Any:
    return _client(settings.REDIS_URL)


@dataclass(frozen=True)
class VisitIntake:
    """What the intake needs to know of a visit, cached for a few seconds."""

    open: bool
    region_id: int | None
    districts: frozenset[int]


def _visit_intake(visit_id: int) -> VisitIntake | None:
    key = f"live-intake:{visit_id}"
    found = cache.get(key) if queue_enabled() else None
    if found is None:
        visit = Visit.objects.filter(pk=visit_id).first()
        if visit is None:
            return None
        found = {
            "open": live_questions_open(visit),
            "region": visit.region_id,
            "districts": list(District.objects.filter(region_id=visit.region_id).values_list("pk", flat=True)),
        }
        if queue_enabled():
            cache.set(key, found, timeout=VISIT_CACHE_SECONDS)
    return VisitIntake(open=found["open"], region_id=found["region"], districts=frozenset(found["districts"]))


@memoize
def _topic_ids() -> frozenset[int]:
    return frozenset(Topic.objects.values_list("pk", flat=True))


@dataclass(frozen=True)
class Accepted:
    id: str
    queued: bool
    question: Question | None = None  # stored at once (no queue)


class NoSuchVisit(Exception):
    """The visit does not exist: the endpoint answers 404."""


def accept_live_question(
    *,
    visit_id: int,
    text: Any,
    district_id: Any = None,
    topic_id: Any = None,
    network_key: str = "",
    now: datetime.datetime | None = None,
) -> Accepted:
    """A citizen's question for the live meeting, checked as `submit_live_question` checks it, then queued
    (REDIS_URL set) or stored at once. Anonymous: the live endpoint takes no name."""
    intake = _visit_intake(visit_id)
    if intake is None:
        raise NoSuchVisit
    if not intake.open:
        raise DomainError(_("The meeting is not taking questions now."), code="questions_closed")
    text = _checked(text if isinstance(text, str) else "")
    district = _optional_id(district_id)
    if district is not None and district not in intake.districts:
        raise DomainError(_("The district or town is not in the visit's region."), code="district_region")
    topic = _optional_id(topic_id)
    if topic is not None and topic not in _topic_ids():
        _topic_ids.cache_clear()  # a topic added since
        if topic not in _topic_ids():
            raise DomainError(_("Choose a topic from the list."), code="topic")
    if network_key and _too_many(Visit(pk=visit_id), network_key):
        raise DomainError(
            _("Too many questions from your network in a minute. Wait a little and send it again."),
            code="too_many",
        )
    item = {
        "id": str(uuid.uuid4()),
        "visit": visit_id,
        "text": text,
        "district": district,
        "topic": topic,
        "received_at": (now or timezone.now()).isoformat(),
        "network": network_key[:16],  # a prefix of the HMAC: enough to trace a flood, never the address
    }
    if queue_enabled():
        client = redis_client()
        client.rpush(queue_key(), json.dumps(item, ensure_ascii=False))
        if not settings.CELERY_TASK_ALWAYS_EAGER and client.set(f"{_prefix()}:kicked", 1, nx=True, ex=KICK_SECONDS):
            from kezdesu.questions.tasks import task_drain_live_questions

            task_drain_live_questions.delay()  # at most once every KICK_SECONDS; beat is the safety net
        return Accepted(id=item["id"], queued=True)
    stored = store_live_questions([item])
    return Accepted(id=item["id"], queued=False, question=stored[0] if stored else None)


def _optional_id(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not str(value).isdigit():
        raise DomainError(_("Give the number of an item from the list."), code="invalid_id")
    return int(value)


@transaction.atomic
def store_live_questions(items: list[dict[str, Any]]) -> list[Question]:
    """Store accepted questions (the queue's items) under the meeting's policy; those already stored (a
    batch drained again) are skipped. One audit row each, one revision bump and one grouping per visit."""
    ids = [item["id"] for item in items]
    known = set(
        Question.objects.filter(channel=Channel.LIVE_PAGE, external_id__in=ids).values_list("external_id", flat=True)
    )
    visits = Visit.objects.in_bulk({item["visit"] for item in items})
    new: list[Question] = []
    for item in items:
        visit = visits.get(item["visit"])
        if visit is None or item["id"] in known:
            continue  # the visit was deleted since, or the item was stored by an earlier drain
        known.add(item["id"])
        new.append(
            _live_question(
                visit=visit,
                channel=Channel.LIVE_PAGE,
                text=item["text"],
                district=District(pk=item["district"]) if item.get("district") else None,
                topic=Topic(pk=item["topic"]) if item.get("topic") else None,
                external_id=item["id"],
                received_at=datetime.datetime.fromisoformat(item["received_at"]),
            )
        )
    if not new:
        return []
    Question.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    stored = list(
        Question.objects.filter(channel=Channel.LIVE_PAGE, external_id__in=[q.external_id for q in new])
        .select_related("visit")
        .order_by("pk")
    )
    content_type = ContentType.objects.get_for_model(Question)
    AuditLog.objects.bulk_create(
        [
            AuditLog(
                actor=None,
                actor_label="system",
                action=AUDIT_ACTION,
                target_type=content_type,
                target_id=str(question.pk),
                target_label=str(question)[:300],
                organisation_id=question.visit.organisation_id,
                old_values={},
                new_values={
                    "visit": question.visit_id,
                    "channel": question.channel,
                    "external_id": question.external_id,
                    "status": question.status,
                    "with_name": False,
                },
            )
            for question in stored
        ],
        batch_size=1000,
    )
    for visit_id in {question.visit_id for question in stored}:
        live_changed(visit_id=visit_id)
        group_after_commit(visits[visit_id])
    return stored


@dataclass(frozen=True)
class Drained:
    taken: int  # items read from the queue (and the processing list a crashed drain left)
    stored: int  # new questions
    malformed: int  # items that were not JSON of the intake (dropped, counted)


def drain_live_questions(*, max_items: int = 1000) -> Drained:
    """Store up to `max_items` queued questions (plus any a crashed drain left in processing).

    One drain at a time (a lock in Redis); another caller meanwhile gets Drained(0, 0, 0).
    """
    if not queue_enabled():
        return Drained(0, 0, 0)
    client = redis_client()
    lock = str(uuid.uuid4())
    if not client.set(_lock_key(), lock, nx=True, ex=DRAIN_LOCK_SECONDS):
        return Drained(0, 0, 0)
    try:
        raw = list(client.lrange(processing_key(), 0, -1))  # left by a drain that crashed
        if len(raw) < max_items:
            pipe = client.pipeline(transaction=False)
            for _index in range(max_items - len(raw)):
                pipe.lmove(queue_key(), processing_key(), "LEFT", "RIGHT")
            raw += [value for value in pipe.execute() if value is not None]
        items, malformed = [], 0
        for value in raw:
            try:
                item = json.loads(value)
                if not isinstance(item, dict) or not {"id", "visit", "text", "received_at"} <= item.keys():
                    raise ValueError
                items.append(item)
            except ValueError:
                malformed += 1
        stored = store_live_questions(items) if items else []
        client.delete(processing_key())  # after the commit: stored, or known from an earlier drain
        return Drained(taken=len(raw), stored=len(stored), malformed=malformed)
    finally:
        if client.get(_lock_key()) == lock.encode():
            client.delete(_lock_key())


def queued_count() -> int:
    if not queue_enabled():
        return 0
    client = redis_client()
    return int(client.llen(queue_key())) + int(client.llen(processing_key()))


def drain_until_empty(*, max_items: int = 1000, max_seconds: float = 50.0) -> int:
    """Drain batch after batch while the queue has items (at most `max_seconds`); the questions stored."""
    import time

    deadline = time.monotonic() + max_seconds
    total = 0
    while time.monotonic() < deadline:
        drained = drain_live_questions(max_items=max_items)
        total += drained.stored
        if drained.taken == 0:
            if queued_count() == 0:
                break
            time.sleep(0.05)  # another drain holds the lock
    return total
