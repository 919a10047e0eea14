"""What every way of hearing from Kezdesu by e-mail without an account shares (following a problem issue,
subscribing to a region, a ministry or a visit): a normalised address, an unguessable link token and a
language the site writes in."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def valid_email(value: str) -> str | None:
    """`value` as a lowercased e-mail address, or None when it is not one."""
    value = (value or "").strip().lower()
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value


def mail_language(value: str | None) -> str:
    """`value` when the site writes in it, else the default language."""
    return value if value in LANGUAGES else settings.LANGUAGE_CODE


def new_link_token() -> str:
    """The secret in confirmation and unsubscribe links (43 URL-safe characters)."""
    return secrets.token_urlsafe(32)
