"""The demo's clock: every step of the demo runs at the moment it would have happened.

The domain functions stamp what they write with `timezone.now()` (audit rows, notifications, `created_at`,
`published_at`, ...) and check dates against `timezone.localdate()` (an act cannot be dated in the future, a vote
must close in the future). The demo enters months of activity in half a minute, so it sets the time those calls
read to each step's moment instead of back-dating rows afterwards (the audit trail is append-only). Patching
`django.utils.timezone.now` reaches every caller because the project always calls it through the module.
Only `load_demo` runs under this clock; nothing is ever set after the demo's present.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

_real_now = timezone.now


class DemoClock:
    """The demo's present (`now`: the demo's today at the time of loading) and the moment being entered."""

    def __init__(self, today: datetime.date) -> None:
        real = timezone.localtime(_real_now())
        self.today = today
        self.now = timezone.make_aware(datetime.datetime.combine(today, real.time().replace(microsecond=0)))

    def on(self, day: datetime.date, hour: int = 11, minute: int = 0) -> datetime.datetime:
        """`day` at `hour:minute`, local time, never after the demo's present."""
        return min(timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute))), self.now)

    @contextmanager
    def at(self, moment: datetime.datetime) -> Iterator[datetime.datetime]:
        """Run the block as if it were `moment` (the present at the latest)."""
        moment = min(moment, self.now)
        with mock.patch.object(timezone, "now", return_value=moment):
            yield moment

    @contextmanager
    def running(self) -> Iterator[DemoClock]:
        """The whole load: what is not given a moment of its own happens at the demo's present."""
        with self.at(self.now):
            yield self
