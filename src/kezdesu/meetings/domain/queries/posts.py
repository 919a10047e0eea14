"""The posts a visit names (issue 14): speakers and participants are shown by these posts' titles in the page's
language wherever their text names one of them."""

from __future__ import annotations

from django.db.models import Q

from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import Position


def posts_of_visit(visit: Visit) -> list[Position]:
    """The visiting official, the deputy prime minister taking part and the akims of the visit's parts (R17)."""
    akims = VisitPart.akim_positions.through.objects.filter(visitpart__visit=visit).values("position_id")
    named = Q(pk__in=akims) | Q(pk=visit.position_id)
    if visit.deputy_prime_minister_id is not None:
        named |= Q(pk=visit.deputy_prime_minister_id)
    return list(Position.objects.filter(named))
