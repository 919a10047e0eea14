"""Moderating the population's questions: publish (with personal data removed), hide with a reason, restore.

Several moderators work on one visit at once. Each change locks the question's row, and a moderator who
acted on what they saw passes its `moderation_version`: if another moderator changed the question in the
meantime, the second is refused with a clear message instead of overwriting the first.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import User
from kezdesu.questions.domain.grouping import refresh_groups
from kezdesu.questions.domain.moderation_checks import check_question
from kezdesu.questions.models import Question

AUDITED = ("status", "published_text", "hidden_reason", "moderation_note")
PUBLISHED_TEXT_MAX = 5000


def moderation_version(question: Question) -> str:
    """What a moderator saw: the status and the moment of the last moderation. Changes with every decision."""
    moment = question.moderated_at.isoformat() if question.moderated_at else "-"
    return f"{question.status}@{moment}"


@dataclass
class BulkResult:
    changed: list[Question] = field(default_factory=list)
    skipped: list[tuple[Question, str]] = field(default_factory=list)


def _require_moderator(actor: User, question: Question) -> None:
    if not actor.has_perm("questions.moderate", question.visit):
        raise NotPermitted(_("You may not moderate the questions of this visit."))


def _locked(question: Question, version: str | None) -> Question:
    # Only the question's row: PostgreSQL cannot lock the nullable side of the outer join to moderated_by.
    locked = Question.objects.select_for_update(of=("self",))
    current = locked.select_related("visit", "moderated_by").get(pk=question.pk)
    if version is not None and version != moderation_version(current):
        moderator = current.moderated_by
        who = (moderator.get_full_name() or moderator.get_username()) if moderator else ""
        raise DomainError(
            _("Another moderator (%(who)s) has just changed this question: it is now “%(status)s”. Look at it again.")
            % {"who": who or _("unknown"), "status": current.get_status_display()},
            code="changed_meanwhile",
        )
    return current


def _save(actor: User, question: Question, old: dict[str, object], action: str) -> Question:
    question.moderated_by = actor
    question.moderated_at = timezone.now()
    question.save(update_fields=[*AUDITED, "moderated_by", "moderated_at"])
    before, after = changed(old, snapshot(question, AUDITED))
    record_audit(
        actor=actor, action=action, target=question, organisation=question.visit.organisation, old=before, new=after
    )
    return question


def _publish(actor: User, question: Question, published_text: str | None, note: str) -> Question:
    text = (question.text if published_text is None else published_text).strip()
    if not text:
        raise DomainError(_("The published text cannot be empty."), code="empty_text")
    if len(text) > PUBLISHED_TEXT_MAX:
        raise DomainError(
            _("The published text may have at most %(max)s characters.") % {"max": PUBLISHED_TEXT_MAX},
            code="too_long",
        )
    old = snapshot(question, AUDITED)
    question.status = Question.Status.PUBLISHED
    question.published_text = text
    question.hidden_reason = ""
    question.moderation_note = note
    return _save(actor, question, old, "questions.publish")


def _hide(actor: User, question: Question, reason: str, note: str) -> Question:
    if reason not in Question.HiddenReason.values:
        raise DomainError(_("Choose why the question is hidden."), code="no_reason")
    if reason == Question.HiddenReason.OTHER and not note.strip():
        raise DomainError(_("Explain in a note why the question is hidden."), code="no_note")
    old = snapshot(question, AUDITED)
    question.status = Question.Status.HIDDEN
    question.hidden_reason = reason
    question.moderation_note = note
    return _save(actor, question, old, "questions.hide")


@transaction.atomic
def publish_question(
    *, actor: User, question: Question, published_text: str | None = None, note: str = "", version: str | None = None
) -> Question:
    """Publish the question, as written or with the moderator's `published_text` (personal data removed)."""
    _require_moderator(actor, question)
    question = _publish(actor, _locked(question, version), published_text, note)
    refresh_groups([question.group_id])
    return question


@transaction.atomic
def hide_question(
    *, actor: User, question: Question, reason: str, note: str = "", version: str | None = None
) -> Question:
    """Hide the question from the public, with one of `Question.HiddenReason` and an optional note."""
    _require_moderator(actor, question)
    question = _hide(actor, _locked(question, version), reason, note)
    refresh_groups([question.group_id])
    return question


@transaction.atomic
def restore_question(*, actor: User, question: Question, version: str | None = None) -> Question:
    """Put a hidden or published question back in the moderation queue."""
    _require_moderator(actor, question)
    question = _locked(question, version)
    if question.status == Question.Status.RECEIVED:
        raise DomainError(_("The question is already awaiting moderation."), code="already_received")
    old = snapshot(question, AUDITED)
    question.status = Question.Status.RECEIVED
    question.hidden_reason = ""
    question = _save(actor, question, old, "questions.restore")
    refresh_groups([question.group_id])
    return question


def _bulk_targets(actor: User, questions: Sequence[Question]) -> list[Question]:
    if not questions:
        raise DomainError(_("Choose at least one question."), code="nothing_chosen")
    for visit in {question.visit for question in questions}:
        if not actor.has_perm("questions.moderate", visit):
            raise NotPermitted(_("You may not moderate the questions of this visit."))
    return list(
        Question.objects.select_for_update()
        .select_related("visit__organisation")
        .filter(pk__in=[question.pk for question in questions])
        .order_by("pk")
    )


@transaction.atomic
def bulk_publish_questions(*, actor: User, questions: Sequence[Question]) -> BulkResult:
    """Publish each question as written. Those the checks find personal data in are skipped: they need a
    moderator to remove it first, one by one."""
    result = BulkResult()
    for question in _bulk_targets(actor, questions):
        if question.status == Question.Status.PUBLISHED:
            result.skipped.append((question, _("already published")))
        elif check_question(question).has_personal_data:
            result.skipped.append((question, _("personal data to remove first")))
        else:
            result.changed.append(_publish(actor, question, None, question.moderation_note))
    refresh_groups([question.group_id for question in result.changed])
    return result


@transaction.atomic
def bulk_hide_questions(*, actor: User, questions: Sequence[Question], reason: str, note: str = "") -> BulkResult:
    result = BulkResult()
    for question in _bulk_targets(actor, questions):
        if question.status == Question.Status.HIDDEN:
            result.skipped.append((question, _("already hidden")))
        else:
            result.changed.append(_hide(actor, question, reason, note))
    refresh_groups([question.group_id for question in result.changed])
    return result


@transaction.atomic
def bulk_restore_questions(*, actor: User, questions: Sequence[Question]) -> BulkResult:
    result = BulkResult()
    for question in _bulk_targets(actor, questions):
        if question.status == Question.Status.RECEIVED:
            result.skipped.append((question, _("already awaiting moderation")))
            continue
        old = snapshot(question, AUDITED)
        question.status = Question.Status.RECEIVED
        question.hidden_reason = ""
        result.changed.append(_save(actor, question, old, "questions.restore"))
    refresh_groups([question.group_id for question in result.changed])
    return result
