"""Which items of the schedule an announced or held visit carries out, so the public schedule links each
entry to its meeting page (a visit keeps its item's `uid` as `schedule_uid`, stable across versions)."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.models import Visit
from kezdesu.planning.models import ScheduleItem


def with_public_visit(items: QuerySet[ScheduleItem]) -> QuerySet[ScheduleItem]:
    """`items`, each annotated with `public_visit_id`: its public visit's id, or None (in the same query)."""
    visit = Visit.objects.filter(schedule_uid=OuterRef("uid"), status__in=PUBLIC_STATUSES).values("pk")[:1]
    return items.annotate(public_visit_id=Subquery(visit))
