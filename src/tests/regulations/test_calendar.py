"""The working-day calendar: the package's holidays, their observed days, entered transfers."""

from datetime import date

import pytest

from kezdesu.regulations.domain.calendar import WorkingCalendar
from kezdesu.regulations.models import CalendarException
from tests.factories.regulations import CalendarExceptionFactory


def package_only(*years: int) -> WorkingCalendar:
    return WorkingCalendar(years=years, exceptions=[])


def test_nauryz_2027_starting_on_a_sunday_gives_wednesday_off_too():
    calendar = package_only(2027)
    # 21 March 2027 is a Sunday: 21-23 March are holidays and the Sunday moves to Wednesday 24.
    assert [calendar.is_working_day(date(2027, 3, day)) for day in range(19, 27)] == [
        True,  # Fri 19
        False,  # Sat 20
        False,  # Sun 21 Nauryz
        False,  # Mon 22 Nauryz
        False,  # Tue 23 Nauryz
        False,  # Wed 24 observed
        True,  # Thu 25
        True,  # Fri 26
    ]
    assert calendar.next_working_day_on_or_after(date(2027, 3, 20)) == date(2027, 3, 25)


def test_nauryz_2026_starting_on_a_saturday_gives_tuesday_and_wednesday_off():
    calendar = package_only(2026)
    # 21 March 2026 is a Saturday and 22 a Sunday: both move, to Tuesday 24 and Wednesday 25.
    assert [day for day in range(20, 28) if not calendar.is_working_day(date(2026, 3, day))] == [21, 22, 23, 24, 25]
    assert calendar.next_working_day_on_or_after(date(2026, 3, 21)) == date(2026, 3, 26)


def test_new_year_2027_on_friday_and_saturday_moves_saturday_to_monday():
    calendar = package_only(2027)
    assert list(calendar.days_off(date(2027, 1, 1), date(2027, 1, 10))) == [
        date(2027, 1, 1),  # Fri, New Year
        date(2027, 1, 2),  # Sat, New Year
        date(2027, 1, 3),  # Sun
        date(2027, 1, 4),  # Mon, observed
        date(2027, 1, 7),  # Thu, Orthodox Christmas
        date(2027, 1, 9),  # Sat
        date(2027, 1, 10),  # Sun
    ]


def test_holiday_names_come_in_kazakh_and_english():
    calendar = package_only(2027)
    assert calendar.holiday_name(date(2027, 3, 22), "kk") == "Наурыз мейрамы"
    assert calendar.holiday_name(date(2027, 3, 22), "en") == "Nowruz Holiday"
    assert calendar.holiday_name(date(2027, 3, 24), "en") == "Nowruz Holiday (observed)"
    assert calendar.holiday_name(date(2027, 3, 25), "en") is None
    assert calendar.holiday_name(date(2027, 3, 27), "en") is None  # a plain Saturday has no name


def test_a_weekend_working_day_known_to_the_package_is_a_working_day():
    # Sunday 5 January 2025 was worked in exchange for Friday 3 January.
    calendar = package_only(2025)
    assert calendar.is_working_day(date(2025, 1, 5)) is True
    assert calendar.is_working_day(date(2025, 1, 3)) is False


@pytest.mark.django_db
def test_an_entered_transfer_makes_a_monday_a_day_off_and_a_saturday_a_working_day():
    CalendarExceptionFactory(date=date(2027, 7, 5), kind=CalendarException.Kind.DAY_OFF, reason_en="Moved from 3 July")
    CalendarExceptionFactory(date=date(2027, 7, 3), kind=CalendarException.Kind.WORKING_DAY, reason_en="Worked")
    calendar = WorkingCalendar.for_range(date(2027, 1, 1), date(2027, 12, 31))

    assert calendar.is_working_day(date(2027, 7, 3)) is True  # Saturday
    assert calendar.is_working_day(date(2027, 7, 5)) is False  # Monday
    # Tuesday 6 July is Capital Day, so the next working day after the bridge is Wednesday.
    assert calendar.next_working_day_on_or_after(date(2027, 7, 4)) == date(2027, 7, 7)
    assert calendar.holiday_name(date(2027, 7, 5), "en") == "Moved from 3 July"
    assert calendar.holiday_name(date(2027, 7, 3), "en") is None


@pytest.mark.django_db
def test_a_calendar_reads_the_exceptions_of_a_year_it_was_not_built_for(django_assert_num_queries):
    CalendarExceptionFactory(date=date(2031, 5, 5), kind=CalendarException.Kind.DAY_OFF)
    with django_assert_num_queries(1):
        calendar = WorkingCalendar.for_range(date(2027, 1, 1), date(2027, 12, 31))
    with django_assert_num_queries(1):
        assert calendar.is_working_day(date(2031, 5, 5)) is False
    with django_assert_num_queries(0):
        assert calendar.is_working_day(date(2031, 5, 6)) is True
