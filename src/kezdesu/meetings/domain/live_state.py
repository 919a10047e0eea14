"""The live meeting's state as watchers see it: one revision, bumped by every change they should see.

The live pages and their update endpoint answer "nothing new" (304) while the revision they were given
is still current; every domain function that changes what a watcher sees calls `live_changed`.
"""

from django.db import transaction
from django.db.models import F

from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart


def live_meeting_for(visit: Visit) -> LiveMeeting:
    """The live state of the visit's meeting with the population, made on first use."""
    part = VisitPart.objects.get(visit=visit, kind=VisitPart.Kind.MEETING)
    meeting, _created = LiveMeeting.objects.get_or_create(part=part)
    return meeting


def live_changed(*, visit_id: int) -> None:
    """Once the transaction commits, move the meeting's revision on: watchers fetch the new state."""

    def bump() -> None:
        LiveMeeting.objects.filter(part__visit_id=visit_id, part__kind=VisitPart.Kind.MEETING).update(
            revision=F("revision") + 1
        )

    transaction.on_commit(bump)
