"""Reads of visits for calendars (iCal feeds): which visits a calendar shows, and how often and when each last
changed, from the audit trail, so that calendar applications replace an event instead of keeping a stale one."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Prefetch, Q, QuerySet

from kezdesu.core.models import AuditLog
from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.models import Visit, VisitPart

# The audited changes that move, cancel, confirm or reword a visit's events.
CALENDAR_ACTIONS = (
    "meetings.visit.publish",
    "meetings.visit.update",
    "meetings.visit.cancel",
    "meetings.visit.close",
    "meetings.visit.sync",
    "meetings.visit.fix_date",
    "meetings.date_vote.open",
    "meetings.date_vote.close",
    "meetings.part.update",
)


@dataclass(frozen=True)
class Revision:
    """How many times a visit's events changed, and when they last did."""

    count: int = 0
    changed_at: datetime.datetime | None = None


def _in_calendars() -> Q:
    # A visit cancelled after its announcement stays, as CANCELLED, so that subscribers see the cancellation.
    return Q(status__in=PUBLIC_STATUSES) | Q(status=Visit.Status.CANCELLED, published_at__isnull=False)


def calendar_visits() -> QuerySet[Visit]:
    """Announced and held visits, and those cancelled once announced, with their parts in time order."""
    parts = VisitPart.objects.order_by("starts_at", "pk")
    return (
        Visit.objects.filter(_in_calendars())
        .select_related("organisation", "position", "region", "district")
        .prefetch_related(Prefetch("parts", queryset=parts))
        .order_by("start_date", "pk")
    )


def calendar_visit(pk: int) -> Visit | None:
    return calendar_visits().filter(pk=pk).first()


def calendar_visits_by_item(uids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Visit]:
    """The visit carrying out each of these schedule items, where there is one to show."""
    visits = calendar_visits().filter(schedule_uid__in=list(uids))
    return {visit.schedule_uid: visit for visit in visits if visit.schedule_uid is not None}


def visit_revisions(visits: Iterable[Visit]) -> dict[int, Revision]:
    """Each visit's revision from its audited changes and its parts' (one query; parts must be prefetched)."""
    visits = list(visits)
    if not visits:
        return {}
    part_visit = {part.pk: visit.pk for visit in visits for part in visit.parts.all()}
    types = ContentType.objects.get_for_models(Visit, VisitPart)  # cached by Django after the first call
    rows = AuditLog.objects.filter(action__in=CALENDAR_ACTIONS).filter(
        Q(target_type=types[Visit], target_id__in=[str(visit.pk) for visit in visits])
        | Q(target_type=types[VisitPart], target_id__in=[str(pk) for pk in part_visit])
    )
    counts: dict[int, int] = {}
    latest: dict[int, datetime.datetime] = {}
    for target_type_id, target_id, at in rows.values_list("target_type_id", "target_id", "at"):
        visit_id = int(target_id) if target_type_id == types[Visit].pk else part_visit[int(target_id)]
        counts[visit_id] = counts.get(visit_id, 0) + 1
        latest[visit_id] = max(at, latest.get(visit_id, at))
    return {visit.pk: Revision(counts.get(visit.pk, 0), latest.get(visit.pk)) for visit in visits}


def calendars_changed_at() -> datetime.datetime | None:
    """When any visit a calendar shows last changed (for the feeds' validators and caches)."""
    audited = AuditLog.objects.filter(action__in=CALENDAR_ACTIONS).aggregate(latest=Max("at"))["latest"]
    saved = Visit.objects.filter(_in_calendars()).aggregate(latest=Max("updated_at"))["latest"]
    moments = [moment for moment in (audited, saved) if moment is not None]
    return max(moments) if moments else None
