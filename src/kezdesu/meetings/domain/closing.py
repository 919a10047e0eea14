"""A visit's four parts (R16) and whether each took place; the visit closes once all are accounted for.

- Closing the live meeting records that the meeting with the population took place (the record says so:
  nobody types it); the staff record it by hand only for a meeting run without the live console.
- The personal reception, the meeting with NGOs and the media briefing are recorded by the ministry's staff
  (or the authorized body) once their time has come: took place, or did not and why.
- The visit closes (status "held") when its meeting took place and every part is accounted for; closing the
  meeting alone does not close a reception still ahead. A visit whose meeting did not take place closes as
  cancelled. Whether the deputy prime minister took part is recorded where the visit names one (R6).
- A visit past its last day that nobody has closed is "to close": its ministry and the authorized body see it
  and are reminded (`remind_visits_to_close`, daily). The ten days for its results run meanwhile: they run from
  the records (followup.domain.visit_end), not from this button.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.domain.informing import Stage, inform_authorized_body
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import Role, User
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import coordinators, people_with_roles
from kezdesu.regulations.models import Reminder

Outcome = VisitPart.Outcome
OPEN_STATUSES = (Visit.Status.DRAFT, Visit.Status.PUBLISHED)
NOTE_LENGTH = 2000
# Reminders of a visit to close: the day after its last day, then a week later (each once per person).
REMINDER_KEY = "visit-close:{pk}"
REMINDER_DAYS = {Reminder.Kind.DAYS_1: 1, Reminder.Kind.DAYS_7: 7}
MINISTRY_ROLES = (Role.EDITOR, Role.APPROVER)

register_kind(
    "meetings.visit_to_close",
    message=gettext_lazy(
        "The visit of %(official)s to %(region)s ended on %(end)s, but it is not closed: record whether each of "
        "its parts took place. The ten days for publishing its results run from its end all the same."
    ),
    subject=gettext_lazy("Close the visit: %(official)s in %(region)s"),
)


def _check(actor: User, visit: Visit) -> None:
    if not actor.has_perm("meetings.record_part_outcome", visit):
        raise NotPermitted(_("Only the ministry's staff or the authorized body record what took place."))


def _started(part: VisitPart, now: datetime.datetime) -> bool:
    if part.starts_at is not None:
        return part.starts_at <= now
    return part.visit.start_date <= timezone.localdate(now)


def _set_outcome(
    *, actor: User | None, part: VisitPart, outcome: str, note: str, now: datetime.datetime, by: str = ""
) -> bool:
    """Store one part's outcome and audit it; False when nothing changed."""
    if part.outcome == outcome and part.outcome_note == note:
        return False
    old = {"outcome": part.outcome, "note": part.outcome_note}
    part.outcome, part.outcome_note = outcome, note
    part.outcome_recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    part.outcome_recorded_at = now
    part.save(update_fields=["outcome", "outcome_note", "outcome_recorded_by", "outcome_recorded_at"])
    record_audit(
        actor=actor,
        action="meetings.part.outcome",
        target=part,
        organisation=part.visit.organisation,
        old=old,
        new={"outcome": outcome, "note": note, **({"by": by} if by else {})},
    )
    return True


def _validate(part: VisitPart, outcome: str, note: str, now: datetime.datetime) -> str:
    if outcome not in (Outcome.TOOK_PLACE, Outcome.NOT_HELD):
        raise DomainError(_("%(part)s: say whether it took place.") % {"part": part.get_kind_display()}, code="outcome")
    note = note.strip()
    if len(note) > NOTE_LENGTH:
        raise DomainError(_("A note may have at most %(count)s characters.") % {"count": NOTE_LENGTH}, code="note")
    if outcome == Outcome.NOT_HELD and not note:
        raise DomainError(
            _("%(part)s did not take place: say why.") % {"part": part.get_kind_display()}, code="why_not"
        )
    if outcome == Outcome.TOOK_PLACE and not _started(part, now):
        raise DomainError(
            _("%(part)s has not started yet: it can be recorded as held once its time has come.")
            % {"part": part.get_kind_display()},
            code="not_yet",
        )
    return note


def _locked(visit: Visit) -> Visit:
    locked = Visit.objects.select_for_update().select_related("organisation", "position", "region").get(pk=visit.pk)
    if locked.status not in OPEN_STATUSES:
        raise DomainError(_("This visit is already closed."), code="closed")
    if locked.status == Visit.Status.DRAFT:
        raise DomainError(
            _("This visit was never announced: cancel it if it did not take place."), code="not_announced"
        )
    return locked


def _inform(stage: str, visit: Visit, **params: str) -> None:
    inform_authorized_body(stage=stage, visit=visit, **params)


def settle_visit(*, actor: User | None, visit: Visit, now: datetime.datetime | None = None) -> bool:
    """Close the visit if every part is accounted for (inside the caller's transaction). True if it closed."""
    parts = list(VisitPart.objects.filter(visit=visit))
    if visit.status != Visit.Status.PUBLISHED or any(part.outcome == Outcome.PLANNED for part in parts):
        return False
    meeting = next((part for part in parts if part.kind == VisitPart.Kind.MEETING), None)
    held = meeting is not None and meeting.outcome == Outcome.TOOK_PLACE
    old = {"status": visit.status}
    visit.status = Visit.Status.HELD if held else Visit.Status.CANCELLED
    visit.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=actor,
        action="meetings.visit.close",
        target=visit,
        organisation=visit.organisation,
        old=old,
        new={
            "status": visit.status,
            "parts": {part.kind: part.outcome for part in parts},
            "at": (now or timezone.now()).isoformat(),
        },
    )
    if held:
        _inform(Stage.RECORD_CLOSED, visit)
    else:
        meeting_note = meeting.outcome_note if meeting is not None else ""
        _inform(Stage.CANCELLED, visit, reason=meeting_note or str(_("the meeting did not take place")))
    return True


@transaction.atomic
def record_meeting_held(*, actor: User | None, visit: Visit, at: datetime.datetime, by: str) -> None:
    """The meeting with the population took place, as its own record shows (`by`: which record)."""
    meeting = VisitPart.objects.select_for_update().filter(visit=visit, kind=VisitPart.Kind.MEETING).first()
    if meeting is None or meeting.outcome == Outcome.TOOK_PLACE:
        return
    note = _("Closed in the live console at %(time)s.") % {"time": f"{timezone.localtime(at):%d.%m.%Y %H:%M}"}
    _set_outcome(actor=actor, part=meeting, outcome=Outcome.TOOK_PLACE, note=note, now=at, by=by)
    _inform(Stage.HELD, visit)
    settle_visit(actor=actor, visit=visit, now=at)


@dataclass(frozen=True)
class PartOutcome:
    outcome: str
    note: str = ""


@transaction.atomic
def record_visit_outcomes(
    *,
    actor: User,
    visit: Visit,
    outcomes: Mapping[str, PartOutcome],
    deputy_prime_minister_took_part: bool | None = None,
    now: datetime.datetime | None = None,
) -> Visit:
    """Record whether the parts took place (by kind), and whether the deputy prime minister took part; the visit
    closes once every part is accounted for. Nothing is saved if any answer is refused."""
    _check(actor, visit)
    now = now or timezone.now()
    visit = _locked(visit)
    parts = {part.kind: part for part in VisitPart.objects.select_for_update().filter(visit=visit)}
    unknown = set(outcomes) - set(parts)
    if unknown:
        raise DomainError(_("The visit has no such part."), code="part")
    cleaned = {kind: _validate(parts[kind], answer.outcome, answer.note, now) for kind, answer in outcomes.items()}
    meeting = parts.get(VisitPart.Kind.MEETING)
    if (
        meeting is not None
        and meeting.outcome == Outcome.TOOK_PLACE
        and outcomes.get(VisitPart.Kind.MEETING, PartOutcome(Outcome.TOOK_PLACE)).outcome != Outcome.TOOK_PLACE
        and hasattr(meeting, "live")
        and meeting.live.stage == meeting.live.Stage.CLOSED
    ):
        raise DomainError(
            _("The meeting's live record shows it took place; it cannot be recorded as not held."), code="live"
        )
    was_held = meeting is not None and meeting.outcome == Outcome.TOOK_PLACE
    for kind, answer in outcomes.items():
        _set_outcome(actor=actor, part=parts[kind], outcome=answer.outcome, note=cleaned[kind], now=now)
    if meeting is not None and not was_held and meeting.outcome == Outcome.TOOK_PLACE:
        _inform(Stage.HELD, visit)
    if deputy_prime_minister_took_part is not None and visit.deputy_prime_minister_took_part != (
        deputy_prime_minister_took_part
    ):
        record_audit(
            actor=actor,
            action="meetings.visit.deputy_prime_minister",
            target=visit,
            organisation=visit.organisation,
            old={"took_part": visit.deputy_prime_minister_took_part},
            new={"took_part": deputy_prime_minister_took_part},
        )
        visit.deputy_prime_minister_took_part = deputy_prime_minister_took_part
        visit.save(update_fields=["deputy_prime_minister_took_part", "updated_at"])
    settle_visit(actor=actor, visit=visit, now=now)
    return visit


def remind_visits_to_close(*, today: datetime.date) -> int:
    """Remind the ministry's staff and the authorized body of each visit to close: the day after its last day, and
    a week later. Each reminder goes once to each person; returns how many went."""
    from kezdesu.meetings.domain.queries.closing import visits_to_close

    sent = 0
    for visit in visits_to_close(today=today):
        days_after = (today - visit.end_date).days
        due = [kind for kind, days in REMINDER_DAYS.items() if days_after >= days]
        if not due:
            continue
        kind = max(due, key=lambda key: REMINDER_DAYS[key])
        key = REMINDER_KEY.format(pk=visit.pk)
        recipients = {
            user.pk: user for user in [*people_with_roles([visit.organisation], MINISTRY_ROLES), *coordinators()]
        }
        already = set(
            Reminder.objects.filter(obligation_key=key, kind=kind, recipient_id__in=list(recipients)).values_list(
                "recipient_id", flat=True
            )
        )
        fresh = [user for pk, user in recipients.items() if pk not in already]
        if not fresh:
            continue
        with transaction.atomic():
            Reminder.objects.bulk_create(
                [Reminder(obligation_key=key, kind=kind, recipient=user) for user in fresh], ignore_conflicts=True
            )
            notify(
                recipients=fresh,
                kind="meetings.visit_to_close",
                params=_params(visit),
                link=reverse("office:visit_detail", kwargs={"pk": visit.pk}) + "#closing",
            )
        sent += len(fresh)
    return sent


def _params(visit: Visit) -> dict[str, Any]:
    return {
        "official": translated(visit.position, "title"),
        "region": translated(visit.region),
        "end": visit.end_date.isoformat(),
    }
