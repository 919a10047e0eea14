import datetime

import pytest

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.iin import birth_date, check_digit, validate_iin
from tests.factories.reception import iins, make_iin

TODAY = datetime.date(2026, 11, 21)


def error_code(value: str) -> str:
    with pytest.raises(DomainError) as refused:
        validate_iin(value, today=TODAY)
    return refused.value.code


@pytest.mark.parametrize(
    ("born", "female", "century_digit"),
    [
        (datetime.date(1899, 12, 31), False, "1"),
        (datetime.date(1880, 2, 29), True, "2"),
        (datetime.date(1990, 5, 17), False, "3"),
        (datetime.date(1975, 1, 1), True, "4"),
        (datetime.date(2004, 2, 29), False, "5"),
        (datetime.date(2026, 11, 21), True, "6"),
    ],
)
def test_generated_iins_of_every_century_and_sex_are_valid(born, female, century_digit):
    iin = make_iin(born, female=female)

    assert validate_iin(iin, today=TODAY) == iin
    assert iin[6] == century_digit
    assert birth_date(iin) == born


def test_many_generated_iins_are_valid_and_different():
    numbers = list(iins(300))

    assert len(set(numbers)) == 300
    assert all(validate_iin(number, today=TODAY) == number for number in numbers)


def test_a_published_example_iin_is_valid():
    # The check digit of 900517 3 0000 by weights 1..11: 9+0+0+20+5+42+21+0+0+0+0 = 97, 97 mod 11 = 9.
    assert check_digit("90051730000") == 9
    assert validate_iin("900517300009", today=TODAY) == "900517300009"


def test_spaces_around_the_iin_are_dropped():
    iin = make_iin()

    assert validate_iin(f"  {iin} ", today=TODAY) == iin


def weighted(first_eleven: str, weights: tuple[int, ...]) -> int:
    return sum(int(digit) * weight for digit, weight in zip(first_eleven, weights, strict=True)) % 11


FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def test_the_second_weights_give_the_check_digit_when_the_first_give_ten():
    first_eleven = next(
        candidate
        for candidate in (f"9005173{n:04d}" for n in range(10000))
        if weighted(candidate, FIRST) == 10 and weighted(candidate, SECOND) != 10
    )
    second = weighted(first_eleven, SECOND)

    assert check_digit(first_eleven) == second
    assert validate_iin(f"{first_eleven}{second}", today=TODAY) == f"{first_eleven}{second}"


def test_digits_for_which_both_weightings_give_ten_make_no_iin():
    first_eleven = next(f"9005173{n:04d}" for n in range(10000) if check_digit(f"9005173{n:04d}") is None)

    for last in "0123456789":
        assert error_code(f"{first_eleven}{last}") == "iin_checksum"


@pytest.mark.parametrize(
    "value", ["", "12345678901", "1234567890123", "90051730000a", "９００５１７３００００９", "9005 1730 0009"]
)
def test_an_iin_not_of_twelve_digits_is_refused(value):
    assert error_code(value) == "iin_format"


def test_a_wrong_check_digit_is_refused():
    iin = make_iin()
    wrong = f"{iin[:11]}{(int(iin[11]) + 1) % 10}"

    assert error_code(wrong) == "iin_checksum"


@pytest.mark.parametrize("century_digit", ["0", "7", "8", "9"])
def test_a_century_digit_outside_one_to_six_is_refused(century_digit):
    assert error_code(f"900517{century_digit}00009") == "iin_century"


@pytest.mark.parametrize("date_digits", ["901317", "900230", "000229", "900500", "900532"])
def test_digits_that_are_no_real_date_are_refused(date_digits):
    # 000229 with 3 (the 1900s): 1900 was no leap year.
    assert error_code(f"{date_digits}300009") == "iin_date"


def test_29_february_2000_is_a_real_date():
    iin = make_iin(datetime.date(2000, 2, 29))

    assert validate_iin(iin, today=TODAY) == iin


def test_a_birth_date_in_the_future_is_refused():
    assert error_code(make_iin(datetime.date(2026, 11, 22))) == "iin_future"
