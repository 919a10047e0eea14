"""What the meetings app does when planning tells it something (planning/signals.py)."""

from typing import Any

from kezdesu.meetings.domain.visits import sync_visits_of_version
from kezdesu.planning.models import ScheduleVersion


def keep_visits_in_step(*, version: ScheduleVersion, actor: Any, **_: Any) -> None:
    """An approved or amended schedule moves the visits that carry out its items."""
    sync_visits_of_version(actor=actor, version=version)
