"""The akims invited to a visit's parts and their answers (R17), as the visit's pages show them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from kezdesu.meetings.models import AkimAnswer, Visit, VisitPart
from kezdesu.organisations.models import Position


@dataclass(frozen=True)
class Invitation:
    part: VisitPart
    position: Position
    answer: AkimAnswer | None  # None: no answer yet


def akim_invitations(visit: Visit) -> list[Invitation]:
    """Every invited akim of every part, in the parts' order and, within a part, the region's akimat's posts
    first; in three queries however many parts and akims."""
    positions = Position.objects.select_related("organisation").order_by(
        "organisation__kind", "organisation__district__kato", "order", "pk"
    )
    parts = (
        VisitPart.objects.filter(visit=visit)
        .prefetch_related(Prefetch("akim_positions", queryset=positions), "akim_answers")
        .order_by("starts_at", "pk")
    )
    invitations: list[Invitation] = []
    for part in parts:
        part.visit = visit
        answers = {answer.position_id: answer for answer in part.akim_answers.all()}
        invitations.extend(
            Invitation(part=part, position=position, answer=answers.get(position.pk))
            for position in part.akim_positions.all()
        )
    return invitations
