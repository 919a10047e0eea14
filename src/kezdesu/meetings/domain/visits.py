"""A visit's life: prepared from an item of the approved schedule, announced, kept in step with the
schedule's amendments, or cancelled (R14, R16). The parts and broadcasts are in `parts.py`; whether each
part took place, and closing the visit, in `closing.py`."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.domain.notifications import notify
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.domain import notification_kinds  # noqa: F401  (registers the kinds sent here)
from kezdesu.meetings.domain.informing import Stage, inform_authorized_body
from kezdesu.meetings.domain.queries.visits import approved_item
from kezdesu.meetings.domain.tasks import create_visit_tasks
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.meetings.signals import visit_announced, visit_changed
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import people_with_roles
from kezdesu.planning.domain.queries.schedule import akimat_of_region
from kezdesu.planning.models import ScheduleItem, ScheduleVersion

LANGUAGES = ("kk", "ru", "en")
FIELDS = (
    "schedule_uid",
    "organisation",
    "position",
    "region",
    "district",
    "start_date",
    "end_date",
    "is_unscheduled",
    "risk_flag",
    "deputy_prime_minister",
    "status",
    "questions_close_at",
    *(f"title_{code}" for code in LANGUAGES),
    *(f"how_to_take_part_{code}" for code in LANGUAGES),
)
EDITABLE = (
    *(f"title_{code}" for code in LANGUAGES),
    *(f"how_to_take_part_{code}" for code in LANGUAGES),
    "questions_close_at",
)
CLOSED = (Visit.Status.HELD, Visit.Status.CANCELLED)


def may_create_visit(actor: Any, item: ScheduleItem) -> bool:
    """The ministry's editors and approvers, or the authorized body's coordinator."""
    probe = Visit(organisation=item.organisation, region=item.region)
    return bool(actor.has_perm("meetings.create_visit", probe))


def check_open(visit: Visit) -> None:
    if visit.status in CLOSED:
        raise DomainError(_("A held or cancelled visit can no longer be changed."), code="closed")


def _params(visit: Visit) -> dict[str, Any]:
    return {
        "ministry": translated(visit.organisation),
        "official": translated(visit.position, "title"),
        "region": translated(visit.region),
        "start": visit.start_date.isoformat(),
        "end": visit.end_date.isoformat(),
    }


def _tell_akimat(visit: Visit, kind: str, **extra: Any) -> None:
    akimat = akimat_of_region(visit.region)
    if akimat is None:
        return
    notify(
        recipients=people_with_roles([akimat]),
        kind=kind,
        params={**_params(visit), **extra},
        link=reverse("office:visit_detail", kwargs={"pk": visit.pk}),
    )


@transaction.atomic
def create_visit(*, actor: Any, item: ScheduleItem) -> Visit:
    """Prepare the visit that carries out `item` of the approved schedule, with its four parts empty."""
    if not may_create_visit(actor, item):
        raise NotPermitted(_("Only the ministry's staff or the authorized body prepare this visit."))
    version = item.version
    if version.status != ScheduleVersion.Status.APPROVED or version.number is None:
        raise DomainError(_("A visit is prepared only from the approved schedule."), code="not_approved")
    if Visit.objects.select_for_update().filter(schedule_uid=item.uid).exists():
        raise DomainError(_("This meeting of the schedule already has its visit."), code="exists")
    visit = Visit.objects.create(
        schedule_uid=item.uid,
        period=version.period,
        organisation=item.organisation,
        position=item.position,
        region=item.region,
        district=item.district,
        start_date=item.start_date,
        end_date=item.end_date,
        is_unscheduled=item.is_unscheduled,
        risk_flag=item.risk_flag,
        deputy_prime_minister=item.deputy_prime_minister,
        created_by=actor,
    )
    for kind in VisitPart.Kind.values:
        part = VisitPart.objects.create(visit=visit, kind=kind)
        if kind == VisitPart.Kind.MEETING:
            # The akims the schedule names take part in the meeting with the population (R17).
            part.akim_positions.set(item.akim_positions.all())
            if item.other_akims:
                part.other_participants = item.other_akims
                part.save(update_fields=["other_participants"])
    record_audit(
        actor=actor,
        action="meetings.visit.create",
        target=visit,
        organisation=visit.organisation,
        new=snapshot(visit, FIELDS),
    )
    create_visit_tasks(visit=visit, actor=actor)
    return visit


@transaction.atomic
def update_visit(*, actor: Any, visit: Visit, **values: Any) -> Visit:
    """Change the visit's title, how to take part (per language) and when questions close."""
    if not actor.has_perm("meetings.edit_visit", visit):
        raise NotPermitted(_("You may not change this visit."))
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise DomainError(
            _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    check_open(visit)
    closes = values.get("questions_close_at", visit.questions_close_at)
    if closes is not None:
        if timezone.is_naive(closes):
            raise DomainError(_("Give the time with its time zone."), code="naive_time")
        last_moment = datetime.datetime.combine(
            visit.end_date, datetime.time(23, 59), tzinfo=timezone.get_default_timezone()
        )
        if closes > last_moment:
            raise DomainError(_("Questions must close before the visit ends."), code="questions_close")
    old = snapshot(visit, FIELDS)
    for name, value in values.items():
        setattr(visit, name, value.strip() if isinstance(value, str) else value)
    visit.save(update_fields=[*values, "updated_at"])
    before, after = changed(old, snapshot(visit, FIELDS))
    if after:
        record_audit(
            actor=actor,
            action="meetings.visit.update",
            target=visit,
            organisation=visit.organisation,
            old=before,
            new=after,
        )
    return visit


def publication_problems(visit: Visit) -> list[str]:
    """What stops the visit from being announced, as messages; empty when it may be.

    Every part is prepared before the visit is announced (R16): the personal reception, the meeting with NGOs
    and the media briefing are part of the visit, not extras, so each needs its time and where it is held.
    """
    parts = {part.kind: part for part in visit.parts.all()}
    problems = []
    for kind in VisitPart.Kind.values:
        part = parts.get(kind)
        label = VisitPart.Kind(kind).label
        if part is None or part.starts_at is None or part.ends_at is None:
            problems.append(_("Give the time of the %(part)s.") % {"part": label})
            continue
        placed = any(getattr(part, f"venue_{code}") for code in LANGUAGES) and any(
            getattr(part, f"address_{code}") for code in LANGUAGES
        )
        if part.format != VisitPart.Format.ONLINE and not placed:
            problems.append(_("Give the venue and the address of the %(part)s.") % {"part": label})
        # Online only: people need somewhere to join or watch; a hybrid meeting has its hall.
        reachable = bool(part.video_conference_url) or bool(part.broadcasts.all())
        if part.format == VisitPart.Format.ONLINE and not reachable:
            problems.append(
                _("The %(part)s is online: give its video-conference link or a broadcast.") % {"part": label}
            )
    return problems


@transaction.atomic
def publish_visit(*, actor: Any, visit: Visit) -> Visit:
    """Announce the visit: its public page opens and the region's akimat is told (R12)."""
    if not actor.has_perm("meetings.publish_visit", visit):
        raise NotPermitted(_("Only the ministry's approver or the authorized body announces a visit."))
    if visit.status != Visit.Status.DRAFT:
        raise DomainError(_("Only a visit being prepared can be announced."), code="not_draft")
    problems = publication_problems(visit)
    if problems:
        raise DomainError(" ".join(problems), code="incomplete")
    old = snapshot(visit, ("status",))
    visit.status = Visit.Status.PUBLISHED
    visit.published_at = timezone.now()
    visit.save(update_fields=["status", "published_at", "updated_at"])
    record_audit(
        actor=actor,
        action="meetings.visit.publish",
        target=visit,
        organisation=visit.organisation,
        old=old,
        new=snapshot(visit, ("status",)),
    )
    _tell_akimat(visit, "meetings.visit_published")
    inform_authorized_body(stage=Stage.ANNOUNCED, visit=visit)
    visit_announced.send(sender=Visit, visit=visit)
    create_visit_tasks(visit=visit, actor=actor)
    return visit


@transaction.atomic
def cancel_visit(*, actor: Any, visit: Visit, reason: str) -> Visit:
    """Cancel the visit, saying why; an announced visit's page closes and the akimat is told."""
    if not actor.has_perm("meetings.publish_visit", visit):
        raise NotPermitted(_("Only the ministry's approver or the authorized body cancels a visit."))
    check_open(visit)
    if not reason.strip():
        raise DomainError(_("Say why the visit is cancelled."), code="reason")
    was_published = visit.status == Visit.Status.PUBLISHED
    old = snapshot(visit, ("status",))
    visit.status = Visit.Status.CANCELLED
    visit.save(update_fields=["status", "updated_at"])
    # The visit has no field for the reason: the audit trail keeps it.
    record_audit(
        actor=actor,
        action="meetings.visit.cancel",
        target=visit,
        organisation=visit.organisation,
        old=old,
        new={"status": visit.status, "reason": reason.strip()},
    )
    if was_published:
        _tell_akimat(visit, "meetings.visit_cancelled", reason=reason.strip())
        visit_changed.send(sender=Visit, visit=visit, changes=("cancelled",))
    inform_authorized_body(stage=Stage.CANCELLED, visit=visit, reason=reason.strip())
    return visit


def _moved(moment: datetime.datetime | None, days: int) -> datetime.datetime | None:
    """The same local time of day, `days` later (in Asia/Almaty, not in UTC)."""
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime.datetime.combine(local.date() + datetime.timedelta(days=days), local.time()))


@transaction.atomic
def sync_visit_with_schedule(*, actor: Any, visit: Visit) -> list[str]:
    """Bring the visit in step with its item in the schedule in force (after an amendment).

    The dates, official and district follow the item; the parts move by as many days as the first
    day moved, keeping their time of day. Returns the names of the fields that changed. `actor`
    may be None when the system does it.
    """
    if visit.schedule_uid is None or visit.status in CLOSED:
        return []
    item = approved_item(visit.schedule_uid)
    if item is None:
        return []
    old = snapshot(visit, FIELDS)
    shift = (item.start_date - visit.start_date).days
    for name in (
        "start_date",
        "end_date",
        "position",
        "district",
        "is_unscheduled",
        "risk_flag",
        "deputy_prime_minister",
    ):
        setattr(visit, name, getattr(item, name))
    before, after = changed(old, snapshot(visit, FIELDS))
    if not after:
        return []
    visit.save(update_fields=[*after, "updated_at"])
    if shift:
        for part in visit.parts.all():
            if part.starts_at is None and part.ends_at is None:
                continue
            part.starts_at, part.ends_at = _moved(part.starts_at, shift), _moved(part.ends_at, shift)
            part.save(update_fields=["starts_at", "ends_at"])
    record_audit(
        actor=actor,
        action="meetings.visit.sync",
        target=visit,
        organisation=visit.organisation,
        old=before,
        new={**after, "parts_moved_by_days": shift},
    )
    if visit.status == Visit.Status.PUBLISHED and ("start_date" in after or "end_date" in after):
        _tell_akimat(visit, "meetings.visit_dates_changed")
        visit_changed.send(sender=Visit, visit=visit, changes=("time",))
    if "start_date" in after or "end_date" in after:
        previous = {"previous_start": old["start_date"].isoformat(), "previous_end": old["end_date"].isoformat()}
        inform_authorized_body(stage=Stage.DATE_CHANGED, visit=visit, **previous)
    create_visit_tasks(visit=visit, actor=actor)
    return sorted(after)


def sync_visits_of_version(*, actor: Any, version: ScheduleVersion) -> int:
    """After an amendment is approved: keep every visit of the version's items in step. Returns how many changed."""
    uids = list(version.items.values_list("uid", flat=True))
    visits = Visit.objects.filter(schedule_uid__in=uids).select_related("organisation", "position", "region")
    return sum(bool(sync_visit_with_schedule(actor=actor, visit=visit)) for visit in visits)
