"""The individual identification number (IIN) of a citizen of Kazakhstan, checked before a booking (R16).

Twelve digits: the birth date as YYMMDD, a digit for the century and sex (1/2 born in the 1800s,
3/4 in the 1900s, 5/6 in the 2000s; odd for men, even for women), four registration digits and a
check digit. The check digit is the weighted sum of the first eleven digits modulo 11, with weights
1…11; when that gives 10, the sum is taken again with weights 3…11, 1, 2; when that too gives 10,
no IIN is issued with these digits.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError

FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
CENTURY_OF_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def check_digit(first_eleven: str) -> int | None:
    """The check digit of the first eleven digits, or None when no IIN can end them."""
    digits = [int(char) for char in first_eleven]
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        remainder = sum(digit * weight for digit, weight in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def birth_date(iin: str) -> datetime.date:
    """The birth date the IIN encodes; ValueError when its digits name no real date or century."""
    century = CENTURY_OF_DIGIT.get(int(iin[6]))
    if century is None:
        raise ValueError("century digit")
    return datetime.date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))


def validate_iin(value: str, *, today: datetime.date | None = None) -> str:
    """The IIN as twelve digits (spaces around it dropped), or a DomainError saying what is wrong."""
    iin = value.strip()
    if len(iin) != 12 or not iin.isascii() or not iin.isdigit():
        raise DomainError(_("The IIN must be exactly 12 digits."), code="iin_format")
    if int(iin[6]) not in CENTURY_OF_DIGIT:
        raise DomainError(
            _("The 7th digit of the IIN (century and sex) must be from 1 to 6. Check the number."),
            code="iin_century",
        )
    try:
        born = birth_date(iin)
    except ValueError:
        raise DomainError(
            _("The first six digits of the IIN must be a date of birth (year, month, day). Check the number."),
            code="iin_date",
        ) from None
    if born > (today or timezone.localdate()):
        raise DomainError(_("The date of birth in the IIN is in the future. Check the number."), code="iin_future")
    if check_digit(iin[:11]) != int(iin[11]):
        raise DomainError(
            _("The IIN's last digit does not match the others: there is a mistake in the number."),
            code="iin_checksum",
        )
    return iin
