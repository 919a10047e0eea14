"""Alphabetical order of names in each interface language (issue 14).

Databases order by code point, which puts Kazakh letters after "я" (SQLite) or wherever the server's locale says
(PostgreSQL): neither gives "Ә" after "А" on both. The lists people choose from are small (20 regions, about 20
ministries), so they are ordered here, in Python, by `sort_key`. Form fields and filters that offer model choices use
`CollatedModelChoiceField` / `CollatedModelMultipleChoiceField`, which order their choices by the label shown.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import translation

T = TypeVar("T")

# The Kazakh alphabet (2018 Cyrillic order): Kazakh letters follow the Russian ones they resemble, "і" after "ы".
KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
# Russian order; the Kazakh letters a Russian page may still show (names) follow the letter they resemble.
RUSSIAN = "аәбвгғдеёжзиійкқлмнңоөпрстуұүфхһцчшщъыьэюя"
LATIN = "abcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"


def _ranks(*alphabets: str) -> dict[str, int]:
    ranks: dict[str, int] = {" ": 1}
    for offset, alphabet in enumerate(alphabets):
        for position, letter in enumerate(alphabet):
            ranks.setdefault(letter, 10 + offset * 100 + position)
    return ranks


# Digits first, then the page's own script, then the other one.
_ORDERS = {
    "kk": _ranks(DIGITS, KAZAKH, LATIN),
    "ru": _ranks(DIGITS, RUSSIAN, LATIN),
    "en": _ranks(DIGITS, LATIN, RUSSIAN),
}
_UNKNOWN = 10_000


def sort_key(text: object, language: str | None = None) -> tuple[int, ...]:
    """A key that orders `text` alphabetically for `language` (default: the active one).

    Case and punctuation (quotes, hyphens) are ignored; accents on Latin letters too ("É" sorts as "E"); ties
    are broken by the exact text, so the order is stable."""
    ranks = _ORDERS.get((language or translation.get_language() or "kk")[:2], _ORDERS["kk"])
    folded = str(text).casefold().strip()
    primary: list[int] = []
    for char in folded:
        rank = ranks.get(char)
        if rank is None:
            if not char.isalnum():
                continue  # «», quotes, hyphens, dots
            base = unicodedata.normalize("NFKD", char)[0]
            rank = ranks.get(base, _UNKNOWN + ord(char))
        primary.append(rank)
    return (*primary, 0, *(ord(char) for char in str(text)))


def collated(items: Iterable[T], key: Callable[[T], object] = str, language: str | None = None) -> list[T]:
    """`items` in alphabetical order of `key(item)` (by default their str(): a model's translated name)."""
    return sorted(items, key=lambda item: sort_key(key(item), language))


class CollatedChoices(ModelChoiceIterator):
    """A model field's choices in the alphabetical order of their labels, in the language being rendered.

    The empty choice stays first; the field's `collation_group` (an instance → value function), if any, keeps
    groups together (e.g. the kind of organisation) and orders names within each."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        # As Django's own iterator: the empty choice before any query, so that a widget asking only for the first
        # choice (Select.use_required_attribute) reads nothing from the database.
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset: Iterable[Any] = self.queryset
        if not self.queryset._prefetch_related_lookups:  # type: ignore[attr-defined]  # as Django's own iterator
            queryset = self.queryset.iterator()
        group: Callable[[Any], Any] | None = getattr(self.field, "collation_group", None)
        language = translation.get_language()

        def key(choice: tuple[Any, Any]) -> tuple[Any, tuple[int, ...]]:
            return (group(choice[0].instance) if group else 0, sort_key(choice[1], language))

        yield from sorted((self.choice(instance) for instance in queryset), key=key)


class CollatedModelChoiceField(forms.ModelChoiceField):  # runtime class; Django's is not subscriptable
    iterator = CollatedChoices

    def __init__(self, *args: Any, collation_group: Callable[[Any], Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.collation_group = collation_group


class CollatedModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # runtime class, as above
    iterator = CollatedChoices

    def __init__(self, *args: Any, collation_group: Callable[[Any], Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.collation_group = collation_group


def collate_choices(field: forms.Field, *, collation_group: Callable[[Any], Any] | None = None) -> None:
    """Order an existing model choice field (a model form's or a filter's) alphabetically, as above."""
    field.iterator = CollatedChoices  # type: ignore[attr-defined]
    field.collation_group = collation_group  # type: ignore[attr-defined]
    field.widget.choices = field.choices  # type: ignore[attr-defined]  # the widget holds its own iterator
