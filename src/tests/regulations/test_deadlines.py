"""Deadline arithmetic: anchor, months, day of month, days, and rolling off a day off."""

from datetime import date

import pytest

from kezdesu.regulations.domain.calendar import WorkingCalendar
from kezdesu.regulations.domain.deadlines import Deadline, compute_due
from kezdesu.regulations.models import ObligationRule

CALENDAR = WorkingCalendar(years=range(2023, 2030), exceptions=[])


def rule(**values: object) -> ObligationRule:
    defaults: dict[str, object] = {
        "code": "test",
        "period": ObligationRule.Period.QUARTER,
        "anchor": ObligationRule.Anchor.PERIOD_END,
        "months": 0,
        "day": None,
        "days": 0,
        "roll": ObligationRule.Roll.NEXT_WORKING_DAY,
    }
    return ObligationRule(**{**defaults, **values})


QUARTERLY_REPORT = rule(months=1, day=10)  # R22: by the 10th of the month after the quarter


@pytest.mark.parametrize(
    ("period_start", "period_end", "expected"),
    [
        # Q4 2026: 10 Jan 2027 is a Sunday.
        (date(2026, 10, 1), date(2026, 12, 31), Deadline(date(2027, 1, 10), date(2027, 1, 11), True)),
        # Q1 2027: 10 Apr 2027 is a Saturday.
        (date(2027, 1, 1), date(2027, 3, 31), Deadline(date(2027, 4, 10), date(2027, 4, 12), True)),
        # Q2 2027: 10 Jul 2027 is a Saturday.
        (date(2027, 4, 1), date(2027, 6, 30), Deadline(date(2027, 7, 10), date(2027, 7, 12), True)),
        # Q3 2027: 10 Oct 2027 is a Sunday.
        (date(2027, 7, 1), date(2027, 9, 30), Deadline(date(2027, 10, 10), date(2027, 10, 11), True)),
        # Q4 2027: 10 Jan 2028 is a Monday.
        (date(2027, 10, 1), date(2027, 12, 31), Deadline(date(2028, 1, 10), date(2028, 1, 10), False)),
    ],
)
def test_quarterly_report_is_due_on_the_tenth_of_the_next_month_or_the_next_working_day(
    period_start, period_end, expected
):
    assert compute_due(QUARTERLY_REPORT, period_start=period_start, period_end=period_end, calendar=CALENDAR) == (
        expected
    )


def test_a_deadline_counted_back_from_the_period_start_falls_in_the_previous_year():
    schedule_draft = rule(
        period=ObligationRule.Period.HALF_YEAR, anchor=ObligationRule.Anchor.PERIOD_START, months=-1, day=15
    )
    deadline = compute_due(
        schedule_draft, period_start=date(2028, 1, 1), period_end=date(2028, 6, 30), calendar=CALENDAR
    )
    assert deadline == Deadline(date(2027, 12, 15), date(2027, 12, 15), False)  # a Wednesday


def test_an_empty_day_at_the_period_end_is_the_last_day_of_the_month():
    meeting = rule(roll=ObligationRule.Roll.NONE)
    assert compute_due(meeting, period_start=date(2027, 1, 1), period_end=date(2027, 3, 31), calendar=CALENDAR) == (
        Deadline(date(2027, 3, 31), date(2027, 3, 31), False)
    )
    two_months_on = rule(months=2)
    assert compute_due(
        two_months_on, period_start=date(2027, 10, 1), period_end=date(2027, 12, 31), calendar=CALENDAR
    ).nominal == date(2028, 2, 29)


def test_a_day_past_the_month_end_is_clamped_to_it():
    end_of_next_month = rule(anchor=ObligationRule.Anchor.PERIOD_START, months=1, day=31, roll=ObligationRule.Roll.NONE)
    assert compute_due(
        end_of_next_month, period_start=date(2027, 1, 1), period_end=date(2027, 3, 31), calendar=CALENDAR
    ).nominal == date(2027, 2, 28)


def test_a_rule_that_is_not_rolled_keeps_a_sunday():
    meeting = rule(roll=ObligationRule.Roll.NONE)
    # 30 June 2024 is a Sunday.
    assert compute_due(meeting, period_start=date(2024, 4, 1), period_end=date(2024, 6, 30), calendar=CALENDAR) == (
        Deadline(date(2024, 6, 30), date(2024, 6, 30), False)
    )


def test_ten_days_after_an_event_rolls_over_nauryz():
    publication = rule(period=ObligationRule.Period.EVENT, anchor=ObligationRule.Anchor.EVENT, days=10)
    # Friday 12 March 2027 + 10 days = Monday 22 March, Nauryz; 23 and 24 are off too.
    deadline = compute_due(
        publication,
        period_start=date(2027, 3, 12),
        period_end=date(2027, 3, 12),
        event_date=date(2027, 3, 12),
        calendar=CALENDAR,
    )
    assert deadline == Deadline(date(2027, 3, 22), date(2027, 3, 25), True)


def test_an_event_rule_needs_the_event_date():
    publication = rule(period=ObligationRule.Period.EVENT, anchor=ObligationRule.Anchor.EVENT, days=10)
    with pytest.raises(ValueError, match="counted from an event"):
        compute_due(publication, period_start=date(2027, 3, 12), period_end=date(2027, 3, 12), calendar=CALENDAR)
