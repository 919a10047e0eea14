"""A Kazakhstan phone number as a citizen types it, brought to one form: +7 and ten digits."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError

# What people put between digits: spaces, dashes, dots, brackets.
SEPARATORS = re.compile(r"[\s\-().]")


def normalise_phone(value: str) -> str:
    """`+7 (701) 123-45-67`, `8 701 123 4567`, `77011234567` and `7011234567` all give `+77011234567`."""
    compact = SEPARATORS.sub("", value.strip())
    digits = compact.removeprefix("+")
    if digits.isascii() and digits.isdigit():
        if compact.startswith("+") and len(digits) == 11 and digits.startswith("7"):
            return f"+{digits}"
        if not compact.startswith("+"):
            if len(digits) == 11 and digits[0] in "78":
                return f"+7{digits[1:]}"
            if len(digits) == 10:
                return f"+7{digits}"
    raise DomainError(
        _("Give a Kazakhstan phone number: +7 and ten digits, for example +7 701 123 45 67."), code="phone"
    )
