"""The live meeting's state as watchers see it: one revision, bumped by every change they should see.

The live pages and their update endpoint answer "nothing new" (304) while the revision they were given
is still current; every domain function that changes what a watcher sees calls `live_changed`.

Ten thousand people may watch one meeting, each asking every few seconds whether anything changed, so
the answer comes from Django's cache (Redis in production), not the database:
- `live:revision:<visit>` holds the current revision. `live_changed` writes it once the bump commits;
  a miss reads the database once. It expires after REVISION_SECONDS, which bounds how long a lost race
  between two writers (an older value written last) can hide a change.
- `live:snapshot:<visit>:<revision>` holds what watchers see at that revision (`LiveSnapshot`), built
  on demand from the database once per revision; the public pages render it.
- `live:fragment:<visit>:<revision>:<language>` holds that rendering (portal.views.live), the same for
  every viewer, so the update endpoint answers a poll with one or two cache reads.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation

from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart

REVISION_SECONDS = 5
SNAPSHOT_SECONDS = 60 * 60
LANGUAGE_CODES = ("kk", "ru", "en")


def live_meeting_for(visit: Visit) -> LiveMeeting:
    """The live state of the visit's meeting with the population, made on first use."""
    part = VisitPart.objects.get(visit=visit, kind=VisitPart.Kind.MEETING)
    meeting, _created = LiveMeeting.objects.get_or_create(part=part)
    return meeting


def revision_key(visit_id: int) -> str:
    return f"live:revision:{visit_id}"


def snapshot_key(visit_id: int, revision: int) -> str:
    return f"live:snapshot:{visit_id}:{revision}"


def fragment_key(visit_id: int, revision: int, language: str) -> str:
    """Where the public page keeps the questions' HTML at a revision in a language (the same for everyone)."""
    return f"live:fragment:{visit_id}:{revision}:{language}"


def _public_meeting(visit_id: int) -> QuerySet[LiveMeeting]:
    """The live state of a visit the public may see (announced or held)."""
    return LiveMeeting.objects.filter(
        part__visit_id=visit_id, part__kind=VisitPart.Kind.MEETING, part__visit__status__in=PUBLIC_STATUSES
    )


def _stored_revision(visit_id: int) -> int | None:
    return _public_meeting(visit_id).values_list("revision", flat=True).first()


def _bump_revision(visit_id: int) -> int | None:
    """Move the revision on; the new revision when the visit is public, else None."""
    if connection.vendor != "postgresql":
        LiveMeeting.objects.filter(part__visit_id=visit_id, part__kind=VisitPart.Kind.MEETING).update(
            revision=F("revision") + 1
        )
        return _stored_revision(visit_id)
    # Every question and vote bumps this one row: one statement, and no wait for the disk at its commit,
    # else they would all queue behind the row's lock (about a hundred a second). The revision only
    # tells pages to fetch again, so it need not survive a crash; the change itself was committed safely.
    meeting, part, visit = LiveMeeting._meta.db_table, VisitPart._meta.db_table, Visit._meta.db_table
    statuses = ", ".join(["%s"] * len(PUBLIC_STATUSES))
    sql = (
        "WITH unhurried AS (SELECT set_config('synchronous_commit', 'off', true) AS value) "
        f'UPDATE "{meeting}" SET "revision" = "{meeting}"."revision" + 1 FROM "{part}", "{visit}", unhurried '
        f'WHERE "{meeting}"."part_id" = "{part}"."id" AND "{part}"."visit_id" = %s AND "{part}"."kind" = %s '
        f'AND "{visit}"."id" = "{part}"."visit_id" AND unhurried.value IS NOT NULL '
        f'RETURNING "{meeting}"."revision", "{visit}"."status" IN ({statuses})'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [visit_id, VisitPart.Kind.MEETING, *PUBLIC_STATUSES])
        row = cursor.fetchone()
    return int(row[0]) if row is not None and row[1] else None


def live_changed(*, visit_id: int) -> None:
    """Once the transaction commits, move the meeting's revision on: watchers fetch the new state."""

    def bump() -> None:
        revision = _bump_revision(visit_id)
        if revision is None:
            cache.delete(revision_key(visit_id))
        else:
            cache.set(revision_key(visit_id), revision, REVISION_SECONDS)

    transaction.on_commit(bump)


def current_revision(visit_id: int) -> int | None:
    """The meeting's revision: one cache read, a database read on a miss; None without a live meeting
    or when the visit is not public."""
    revision = cache.get(revision_key(visit_id))
    if revision is None:
        revision = _stored_revision(visit_id)
        if revision is not None:
            cache.add(revision_key(visit_id), revision, REVISION_SECONDS)
    return revision


def live_etag(visit_id: int, revision: int, language: str) -> str:
    """The update endpoint's ETag: the revision and the language of the page (a strong validator)."""
    return f'"live-{visit_id}-{revision}-{language}"'


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


@dataclass(frozen=True)
class LiveQuestion:
    """A published question as watchers see it: no name, no contact."""

    pk: int
    text: str
    votes: int
    asked: int
    channel: str
    received_at: datetime.datetime
    shortlisted: bool
    outcome: str
    # The body it was forwarded to, per language.
    forwarded_to: dict[str, str] = field(default_factory=dict)
    # The language the citizen wrote in (issue 14: the page marks it); "" where not recorded.
    language: str = ""

    @property
    def forwarded_to_name(self) -> str:
        """The body it was forwarded to, in the active language."""
        return self.forwarded_to.get(translation.get_language() or "", "") or next(iter(self.forwarded_to.values()), "")


@dataclass(frozen=True)
class LiveSnapshot:
    visit_id: int
    revision: int
    stage: str
    current_question: LiveQuestion | None
    questions: tuple[LiveQuestion, ...]
    built_at: datetime.datetime

    @property
    def shortlisted(self) -> tuple[LiveQuestion, ...]:
        return tuple(q for q in self.questions if q.shortlisted and not q.outcome)

    @property
    def waiting(self) -> tuple[LiveQuestion, ...]:
        return tuple(q for q in self.questions if not q.shortlisted and not q.outcome)

    @property
    def settled(self) -> tuple[LiveQuestion, ...]:
        return tuple(q for q in self.questions if q.outcome)


def _names(organisation: object | None) -> dict[str, str]:
    if organisation is None:
        return {}
    return {code: str(getattr(organisation, f"name_{code}", "") or organisation) for code in LANGUAGE_CODES}


def _build_snapshot(meeting: LiveMeeting, revision: int) -> LiveSnapshot:
    from kezdesu.questions.domain.queries.intake import published_questions  # questions build on meetings

    visit = meeting.part.visit
    rows = (
        published_questions(visit)
        .select_related("forwarded_to")
        .order_by(F("outcome_at").asc(nulls_first=True), F("votes").desc(), F("asked").desc(), "received_at", "pk")
    )
    questions = tuple(
        LiveQuestion(
            pk=question.pk,
            text=question.published_text or question.text,
            votes=question.votes,
            asked=getattr(question, "asked", 1),  # annotated by published_questions
            channel=question.channel,
            received_at=question.received_at,
            shortlisted=question.shortlisted_at is not None,
            outcome=question.outcome,
            forwarded_to=_names(question.forwarded_to),
            language=question.language,
        )
        for question in rows
    )
    current = next((q for q in questions if q.pk == meeting.current_question_id), None)
    return LiveSnapshot(
        visit_id=visit.pk,
        revision=revision,
        stage=meeting.stage,
        current_question=current,
        questions=questions,
        built_at=timezone.now(),
    )


def live_snapshot(visit: Visit | int) -> LiveSnapshot | None:
    """What watchers of the visit's meeting see now; from the cache when its revision was seen before.
    None without a live meeting or when the visit is not public. Takes the visit or its id."""
    visit_id = visit if isinstance(visit, int) else visit.pk
    revision = current_revision(visit_id)
    if revision is None:
        return None
    snapshot: LiveSnapshot | None = cache.get(snapshot_key(visit_id, revision))
    if snapshot is not None:
        return snapshot
    meeting = _public_meeting(visit_id).select_related("part__visit").first()
    if meeting is None:
        return None
    snapshot = _build_snapshot(meeting, meeting.revision)
    cache.set(snapshot_key(visit_id, meeting.revision), snapshot, SNAPSHOT_SECONDS)
    return snapshot
