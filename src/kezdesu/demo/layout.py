"""Where the demo puts things: every date of the demo, laid out around the day it is loaded.

The story is the same whatever the day (`load_demo --today`, by default the real date in Asia/Almaty):
- eight visits of the four ministries with demo accounts, each a meeting of the approved schedule:
  four held in the past weeks (Enlightenment's about two and a half months ago, its results published late;
  Agriculture's, Healthcare's and Finance's in the past month: results published, results overdue, and the visit
  left for a new user to close), today's (the live meeting, ready to be opened), the next working day's (the
  Minister of Enlightenment's visit to Abai Region: the date vote, questions and reception open), one a week ahead
  (its date fixed by the vote) and one three weeks ahead still being prepared;
- the approved schedule of the half-year containing today, and of the half-years before or after it that these
  visits fall in; the draft of the first half-year after them in progress;
- the reports of the quarters and half-years that have ended (or fallen due) before today.
Schedule items are on working days of the regulations' calendar, except today's meeting, which is today whatever
the weekday (a Sunday or a holiday too), so that the live scenario can always be tried on the day of loading.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from kezdesu.regulations.domain.calendar import WorkingCalendar

DAY = datetime.timedelta(days=1)

# The demo's visits: (key, ministry code, region KATO code, days from today).
HELD_LATE, HELD_PUBLISHED, HELD_UNPUBLISHED, HELD_TO_CLOSE = (
    "held-late",
    "held-published",
    "held-unpublished",
    "to-close",
)
LIVE, VOTE_OPEN, VOTE_FIXED, PREPARED = "live", "vote-open", "vote-fixed", "prepared"
VISITS = (
    (HELD_LATE, "enlightenment", "750000000", -75),  # Almaty
    (HELD_PUBLISHED, "agriculture", "610000000", -35),  # Turkistan Region
    (HELD_UNPUBLISHED, "healthcare", "100000000", -28),  # Abai Region
    (HELD_TO_CLOSE, "finance", "610000000", -21),  # Turkistan Region
    (LIVE, "agriculture", "750000000", 0),  # Almaty, today
    (VOTE_OPEN, "enlightenment", "100000000", 1),  # Abai Region, the next working day
    (VOTE_FIXED, "healthcare", "610000000", 7),  # Turkistan Region
    (PREPARED, "finance", "750000000", 21),  # Almaty
)
HELD = (HELD_LATE, HELD_PUBLISHED, HELD_UNPUBLISHED, HELD_TO_CLOSE)
ANNOUNCED = (LIVE, VOTE_OPEN, VOTE_FIXED)


def half_year_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 1 if day.month <= 6 else 7, 1)


def next_half_year(start: datetime.date) -> datetime.date:
    return datetime.date(start.year, 7, 1) if start.month == 1 else datetime.date(start.year + 1, 1, 1)


def previous_half_year(start: datetime.date) -> datetime.date:
    return datetime.date(start.year - 1, 7, 1) if start.month == 1 else datetime.date(start.year, 1, 1)


def half_year_end(start: datetime.date) -> datetime.date:
    return next_half_year(start) - DAY


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_end(start: datetime.date) -> datetime.date:
    month = start.month + 3
    return (datetime.date(start.year + 1, 1, 1) if month > 12 else datetime.date(start.year, month, 1)) - DAY


def previous_quarter(start: datetime.date) -> datetime.date:
    return quarter_start(start - DAY)


@dataclass(frozen=True)
class DemoLayout:
    today: datetime.date

    @cached_property
    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar.for_range(
            self.today - datetime.timedelta(days=400), self.today + datetime.timedelta(days=400)
        )

    def working_day_on_or_before(self, day: datetime.date) -> datetime.date:
        while not self.calendar.is_working_day(day):
            day -= DAY
        return day

    @cached_property
    def visit_days(self) -> dict[str, datetime.date]:
        """Each demo visit's day: today's on today, the others on the nearest working day (past ones before)."""
        days = {}
        for key, _code, _kato, offset in VISITS:
            day = self.today + datetime.timedelta(days=offset)
            if offset < 0:
                day = self.working_day_on_or_before(day)
            elif offset > 0:
                day = self.calendar.next_working_day_on_or_after(day)
            days[key] = day
        return days

    def visit_day(self, key: str) -> datetime.date:
        return self.visit_days[key]

    @cached_property
    def approved_periods(self) -> list[datetime.date]:
        """The half-years with an approved schedule: today's, and those the demo's visits fall in."""
        starts = {half_year_start(self.today), *(half_year_start(day) for day in self.visit_days.values())}
        return sorted(starts)

    @property
    def current_period(self) -> datetime.date:
        return half_year_start(self.today)

    @property
    def draft_period(self) -> datetime.date:
        """The next half-year whose schedule is being compiled."""
        return next_half_year(self.approved_periods[-1])

    def approval_date(self, period: datetime.date) -> datetime.date:
        """The Government's act: about three weeks before the half-year begins."""
        return self.working_day_on_or_before(min(period - datetime.timedelta(days=19), self.today))

    def submission_date(self, period: datetime.date) -> datetime.date:
        return self.working_day_on_or_before(self.approval_date(period) - datetime.timedelta(days=7))

    @property
    def amendment_date(self) -> datetime.date:
        """The amendment of today's half-year: halfway between its approval and today."""
        approved = self.approval_date(self.current_period)
        return self.working_day_on_or_before(approved + (self.today - approved) // 2)

    @cached_property
    def reserved_days(self) -> frozenset[datetime.date]:
        """No other meeting of the schedule falls on a demo visit's day."""
        return frozenset(self.visit_days.values())

    @property
    def last_ended_quarter(self) -> datetime.date:
        return previous_quarter(quarter_start(self.today))

    @property
    def in_use_from(self) -> datetime.date:
        """Kezdesu came into use with the first approved schedule: meetings before it were held outside it."""
        return self.approved_periods[0]
