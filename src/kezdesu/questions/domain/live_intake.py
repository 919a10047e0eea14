"""Questions reaching the meeting while it happens (issue 5): typed by staff from the hall, sent by citizens
from the live page (the QR code on the hall's screen leads there), and comments under the broadcast on the
ministry's official accounts — imported from the platforms' exported files or delivered by a signed webhook.

The policy at the meeting: a question the automatic checks find nothing in is published at once, so the
stream keeps up with the hall; one they flag (personal data, abuse, spam) waits for a moderator. Each
question keeps its channel; broadcast comments keep their platform and comment id in `external_id`
("youtube:Ugx…"), so a comment delivered twice, or a file imported twice, adds nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.rate_limit import count_attempt
from kezdesu.meetings.domain.live_state import live_changed
from kezdesu.meetings.models import LiveMeeting, OfficialAccount, Visit, VisitPart
from kezdesu.organisations.models import District
from kezdesu.questions.domain.intake import (
    EXTERNAL_ID_MAX_LENGTH,
    NAME_MAX_LENGTH,
    QuestionFile,
    _Places,
    _question_of_row,
    contains_markup,
    detect_language,
    fingerprint,
    save_import_batch,
    text_problem,
)
from kezdesu.questions.domain.moderation_checks import check_text
from kezdesu.questions.models import Channel, ImportBatch, Question, Topic
from kezdesu.questions.tasks import group_after_commit

LIVE_CHANNELS = (Channel.HALL, Channel.LIVE_PAGE, Channel.BROADCAST)
# The QR code is on the screen before the meeting starts: the live page takes questions from then.
OPENS_BEFORE = datetime.timedelta(hours=1)
LIVE_RATE_WINDOW_SECONDS = 60
# Broadcasts and the hall are only for a visit the public knows of.
TAKING_STATUSES = (Visit.Status.PUBLISHED, Visit.Status.HELD)


def live_questions_open(visit: Visit, *, now: datetime.datetime | None = None) -> bool:
    """Whether the live page takes questions: the visit is published and its meeting is under way (or starts
    within the hour, or has not yet been closed by the timekeeper within its planned time)."""
    if visit.status != Visit.Status.PUBLISHED:
        return False
    part = VisitPart.objects.filter(visit=visit, kind=VisitPart.Kind.MEETING).select_related("live").first()
    if part is None:
        return False
    live = getattr(part, "live", None)
    if live is not None and live.stage == LiveMeeting.Stage.CLOSED:
        return False
    if live is not None and live.stage != LiveMeeting.Stage.NOT_STARTED:
        return True
    if part.starts_at is None or part.ends_at is None:
        return False
    moment = now or timezone.now()
    return part.starts_at - OPENS_BEFORE <= moment <= part.ends_at


def published_at_once(text: str, language: str) -> bool:
    """The meeting's policy: published without a moderator unless the automatic checks flag something."""
    return not check_text(text, language=language).suggestions


def _checked(text: str) -> str:
    text = (text or "").strip()
    problem = text_problem(text)
    if problem:
        raise DomainError(problem, code="text")
    return text


def _checked_name(author_name: str) -> str:
    author_name = (author_name or "").strip()
    if len(author_name) > NAME_MAX_LENGTH:
        raise DomainError(
            _("The name may have at most %(max)s characters.") % {"max": NAME_MAX_LENGTH}, code="too_long"
        )
    if contains_markup(author_name):
        raise DomainError(_("Write the name as plain text, without HTML tags."), code="markup")
    return author_name


def _checked_district(visit: Visit, district: District | None) -> District | None:
    if district is not None and district.region_id != visit.region_id:
        raise DomainError(_("The district or town is not in the visit's region."), code="district_region")
    return district


def _live_question(
    *,
    visit: Visit,
    channel: str,
    text: str,
    author_name: str = "",
    district: District | None = None,
    topic: Topic | None = None,
    external_id: str = "",
    received_at: datetime.datetime | None = None,
    consent: bool = False,
) -> Question:
    """An unsaved question of the stream, published or waiting as the policy says."""
    language = detect_language(text)
    published = published_at_once(text, language)
    return Question(
        visit=visit,
        channel=channel,
        external_id=external_id,
        author_name=author_name,
        region=visit.region,
        district=district,
        topic=topic,
        text=text,
        fingerprint=fingerprint(text),
        published_text=text if published else "",
        status=Question.Status.PUBLISHED if published else Question.Status.RECEIVED,
        language=language,
        consent=consent,
        received_at=received_at or timezone.now(),
    )


def _received(question: Question, *, actor: Any) -> Question:
    """Audit the new question (never its author's name), tell the watchers and group it with its duplicates."""
    record_audit(
        actor=actor,
        action="questions.live_received",
        target=question,
        organisation=question.visit.organisation,
        new={
            "visit": question.visit_id,
            "channel": question.channel,
            "external_id": question.external_id,
            "status": question.status,
            "with_name": bool(question.author_name),
        },
    )
    live_changed(visit_id=question.visit_id)
    group_after_commit(question.visit)
    return question


@transaction.atomic
def enter_hall_question(
    *,
    actor: Any,
    visit: Visit,
    text: str,
    author_name: str = "",
    district: District | None = None,
    topic: Topic | None = None,
) -> Question:
    """A question asked in the hall, typed by staff (a microphone, a note passed forward)."""
    if not actor.has_perm("questions.enter_question", visit):
        raise NotPermitted(_("You may not enter questions for this meeting."))
    if visit.status not in TAKING_STATUSES:
        raise DomainError(_("This visit does not take questions."), code="not_published")
    question = _live_question(
        visit=visit,
        channel=Channel.HALL,
        text=_checked(text),
        author_name=_checked_name(author_name),
        district=_checked_district(visit, district),
        topic=topic,
        # Staff type the name the person gave aloud, to answer them: that is their consent.
        consent=bool(author_name.strip()),
    )
    question.save()
    return _received(question, actor=actor)


def _too_many(visit: Visit, network_key: str) -> bool:
    """Count one question from this network; True past the per-minute limit (casual flooding, not an attack)."""
    sent = count_attempt(f"live-question-rate:{visit.pk}:{network_key}", window=LIVE_RATE_WINDOW_SECONDS)
    return sent > int(getattr(settings, "KEZDESU_LIVE_QUESTIONS_PER_MINUTE", 10))


@transaction.atomic
def submit_live_question(
    *,
    visit: Visit,
    text: str,
    district: District | None = None,
    topic: Topic | None = None,
    author_name: str = "",
    consent: bool = False,
    network_key: str = "",
    actor: Any = None,
) -> Question:
    """A citizen's question from the live meeting page (reached from the hall by the QR code).

    Anonymous unless a name is given; a name needs `consent` to the processing of personal data.
    `network_key` (voter_keys(request, visit).network_key) limits how many questions one network sends a
    minute; empty, no limit (the live-page helper always passes it).
    """
    if not live_questions_open(visit):
        raise DomainError(_("The meeting is not taking questions now."), code="questions_closed")
    text = _checked(text)
    author_name = _checked_name(author_name)
    if author_name and not consent:
        raise DomainError(
            _(
                "You gave your name: tick the consent to the processing of personal data, "
                "or leave the name empty to ask anonymously."
            ),
            code="consent",
        )
    if network_key and _too_many(visit, network_key):
        raise DomainError(
            _("Too many questions from your network in a minute. Wait a little and send it again."),
            code="too_many",
        )
    question = _live_question(
        visit=visit,
        channel=Channel.LIVE_PAGE,
        text=text,
        author_name=author_name,
        district=_checked_district(visit, district),
        topic=topic,
        consent=bool(author_name),
    )
    question.save()
    return _received(question, actor=actor)


def broadcast_external_id(platform: str, comment_id: str) -> str:
    """The comment's id in the stream: its platform and its id there."""
    return f"{platform}:{comment_id}"


def _check_broadcast(visit: Visit) -> None:
    if visit.status not in TAKING_STATUSES:
        raise DomainError(_("This visit does not take questions."), code="not_published")


def receive_broadcast_comment(
    *,
    account: OfficialAccount,
    visit: Visit,
    comment_id: str,
    text: str,
    author: str = "",
    published_at: datetime.datetime | None = None,
) -> tuple[Question, bool]:
    """A comment under the broadcast on the ministry's official account, as its integration delivers it.

    Idempotent: the same comment delivered again returns the question already there with False.
    The caller has checked the delivery's signature with the account's secret.
    """
    if account.organisation_id != visit.organisation_id:
        raise NotPermitted(_("The account is not one of the visit's ministry."), code="foreign_account")
    comment_id = (comment_id or "").strip()
    external_id = broadcast_external_id(account.platform, comment_id)
    if not comment_id or len(external_id) > EXTERNAL_ID_MAX_LENGTH:
        raise DomainError(
            _("Give the comment's id on the platform, at most %(max)s characters.") % {"max": 150}, code="external_id"
        )
    existing = Question.objects.filter(visit=visit, channel=Channel.BROADCAST, external_id=external_id).first()
    if existing is not None:
        return existing, False
    _check_broadcast(visit)
    question = _live_question(
        visit=visit,
        channel=Channel.BROADCAST,
        text=_checked(text),
        author_name=_checked_name(author)[:NAME_MAX_LENGTH],
        external_id=external_id,
        received_at=published_at,
    )
    try:
        with transaction.atomic():
            question.save()
            _received(question, actor=None)
    except IntegrityError:  # delivered twice at the same moment: the other delivery won
        return Question.objects.get(visit=visit, channel=Channel.BROADCAST, external_id=external_id), False
    return question, True


@transaction.atomic
def import_broadcast_comments(*, actor: Any, visit: Visit, platform: str, source: QuestionFile) -> ImportBatch:
    """Add the comments of a platform's exported file (read by questions/interfaces/comment_importers.py).

    The rows' ids already carry the platform ("youtube:…"). Comments already in the stream are counted, not
    added again; rows that cannot be questions (empty, too short, markup) are listed with the reason.
    """
    if not actor.has_perm("questions.import_questions", visit):
        raise NotPermitted(_("You may not add questions to this visit."))
    _check_broadcast(visit)
    places = _Places.load()
    now = timezone.now()
    known = set(
        Question.objects.filter(visit=visit, channel=Channel.BROADCAST)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    refused: list[dict[str, Any]] = []
    new: list[Question] = []
    seen: set[str] = set()
    already_there = 0
    for row in source.rows:
        outcome = _question_of_row(row, visit=visit, places=places, now=now)
        if isinstance(outcome, str):
            refused.append({"row": row.number, "reason": outcome})
            continue
        if outcome.external_id in known or outcome.external_id in seen:
            already_there += 1  # a platform's export repeats a comment across its pages
            continue
        seen.add(outcome.external_id)
        question = _live_question(
            visit=visit,
            channel=Channel.BROADCAST,
            text=outcome.text,
            author_name=outcome.author_name,
            external_id=outcome.external_id,
            received_at=outcome.received_at,
        )
        new.append(question)
    batch = save_import_batch(
        actor=actor,
        visit=visit,
        channel=Channel.BROADCAST,
        source=source,
        new=new,
        already_there=already_there,
        refused=refused,
    )
    record_audit(
        actor=actor,
        action="questions.broadcast_imported",
        target=batch,
        organisation=visit.organisation,
        new={
            "visit": visit.pk,
            "platform": platform,
            "file_name": batch.file_name,
            "created": batch.created,
            "published": sum(1 for question in new if question.status == Question.Status.PUBLISHED),
            "already_there": already_there,
            "refused": len(refused),
        },
    )
    if new:
        live_changed(visit_id=visit.pk)
        group_after_commit(visit)
    return batch
