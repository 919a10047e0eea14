"""Planning's translated texts (planning/translation.py): the domain takes each language as its own argument,
`topics_kk`, `topics_ru`, `topics_en`, as the office forms and the API give them (issue 14)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGUAGES = ("kk", "ru", "en")


def per_language(field: str) -> tuple[str, ...]:
    """("topics_kk", "topics_ru", "topics_en")."""
    return tuple(f"{field}_{code}" for code in LANGUAGES)


def stripped(values: Mapping[str, str | None]) -> dict[str, str]:
    """The texts without surrounding blanks; a language not given is empty (modeltranslation falls back)."""
    return {name: (value or "").strip() for name, value in values.items()}


def is_written(instance: Any, field: str) -> bool:
    """Whether `field` has a text in at least one language."""
    return any((getattr(instance, name) or "").strip() for name in per_language(field))


def texts_of(instance: Any, field: str) -> dict[str, str]:
    """{"topics_kk": …, "topics_ru": …, "topics_en": …} of an instance, empty where a language has none."""
    return {name: getattr(instance, name) or "" for name in per_language(field)}
