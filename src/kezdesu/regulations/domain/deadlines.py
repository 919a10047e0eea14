"""Deadline arithmetic: from a rule and its period (or event) to the nominal and the effective due date."""

from __future__ import annotations

import calendar as gregorian
from dataclasses import dataclass
from datetime import date, timedelta

from kezdesu.regulations.domain.calendar import WorkingCalendar
from kezdesu.regulations.models import ObligationRule


@dataclass(frozen=True)
class Deadline:
    nominal: date  # what the act says
    due: date  # the nominal date moved off a day off, where the rule says so
    moved: bool


def add_months(day: date, months: int) -> tuple[int, int]:
    """The (year, month) `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def last_day_of_month(year: int, month: int) -> int:
    return gregorian.monthrange(year, month)[1]


def nominal_due(rule: ObligationRule, *, period_start: date, period_end: date, event_date: date | None = None) -> date:
    """anchor -> +months -> day of month -> +days: the date the act names, before any rolling.

    An empty `day` keeps the anchor's own day; for a period's end that is the month's last day
    (so the end of a quarter stays the end of a month whatever its length). A day past the
    month's end is clamped to it.
    """
    if rule.anchor == ObligationRule.Anchor.EVENT:
        if event_date is None:
            raise ValueError(f"Rule {rule.code} is counted from an event; no event date was given.")
        anchor = event_date
    elif rule.anchor == ObligationRule.Anchor.PERIOD_START:
        anchor = period_start
    else:
        anchor = period_end

    year, month = add_months(anchor, rule.months)
    month_length = last_day_of_month(year, month)
    if rule.day is not None:
        day = rule.day
    elif rule.anchor == ObligationRule.Anchor.PERIOD_END:
        day = month_length
    else:
        day = anchor.day
    # Working days are counted on the calendar (compute_due); as calendar days they give the earliest date.
    return date(year, month, min(day, month_length)) + timedelta(days=rule.days)


def compute_due(
    rule: ObligationRule,
    *,
    period_start: date,
    period_end: date,
    event_date: date | None = None,
    calendar: WorkingCalendar,
) -> Deadline:
    """The nominal due date, moved to the next working day when the rule says so.

    A rule that counts working days ("within 5 working days") counts them on the calendar: its date is the
    act's own, never moved.
    """
    nominal = nominal_due(rule, period_start=period_start, period_end=period_end, event_date=event_date)
    if rule.day_unit == ObligationRule.DayUnit.WORKING:
        nominal = calendar.add_working_days(nominal - timedelta(days=rule.days), rule.days)
        return Deadline(nominal=nominal, due=nominal, moved=False)
    due = nominal
    if rule.roll == ObligationRule.Roll.NEXT_WORKING_DAY:
        due = calendar.next_working_day_on_or_after(nominal)
    return Deadline(nominal=nominal, due=due, moved=due != nominal)
