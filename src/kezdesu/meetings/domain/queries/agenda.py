"""Reads of the agendas of visits (R15)."""

from __future__ import annotations

from django.db.models import Prefetch

from kezdesu.meetings.models import AgendaItem, Visit, VisitPart


def meeting_part_with_agenda(visit: Visit) -> VisitPart | None:
    """The visit's meeting with the population, its agenda prefetched in order."""
    return (
        VisitPart.objects.filter(visit=visit, kind=VisitPart.Kind.MEETING)
        .select_related("visit")
        .prefetch_related(Prefetch("agenda", queryset=AgendaItem.objects.order_by("order")))
        .first()
    )
