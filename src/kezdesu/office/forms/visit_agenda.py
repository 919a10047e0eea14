"""The agenda editor's rows: a table of forms that works without JavaScript.

Each row is a small form with the prefix `row-<index>`; `rows` says how many were sent. Adding and
removing a row re-renders the table from what was typed (unbound, so no errors are shown yet); saving
binds and validates every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kezdesu.meetings.domain.agenda import MAX_ITEMS, MAX_MINUTES, TITLE_LENGTH, AgendaEntry
from kezdesu.meetings.models import AgendaItem

FIELDS = ("number", "kind", "title_kk", "title_ru", "title_en", "speaker", "minutes")


class AgendaRowForm(forms.Form):
    number = forms.IntegerField(label=_("No."), min_value=1, max_value=99)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=lambda: [(v, capfirst(label)) for v, label in AgendaItem.Kind.choices]
    )
    title_kk = forms.CharField(label=_("Title in Kazakh"), max_length=TITLE_LENGTH, required=False)
    title_ru = forms.CharField(label=_("Title in Russian"), max_length=TITLE_LENGTH, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=TITLE_LENGTH, required=False)
    speaker = forms.CharField(label=_("Speaker"), max_length=TITLE_LENGTH, required=False)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=MAX_MINUTES)

    def entry(self) -> AgendaEntry:
        data = self.cleaned_data
        return AgendaEntry(
            kind=data["kind"],
            planned_minutes=data["minutes"],
            title_kk=data["title_kk"],
            title_ru=data["title_ru"],
            title_en=data["title_en"],
            speaker=data["speaker"],
        )


def row_count(data: Mapping[str, Any]) -> int:
    try:
        return max(0, min(int(data.get("rows", 0)), MAX_ITEMS + 1))
    except (TypeError, ValueError):
        return 0


def rows_as_sent(data: Mapping[str, Any]) -> list[dict[str, str]]:
    """What was typed in each row, as text, in the order of the form."""
    return [
        {name: str(data.get(f"row-{index}-{name}", "")).strip() for name in FIELDS} for index in range(row_count(data))
    ]


def in_number_order(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows in the order of their numbers; rows without a number last, as they came."""
    return sorted(rows, key=lambda row: (_number(row["number"]) is None, _number(row["number"]) or 0))


def typed_rows(data: Mapping[str, Any]) -> list[dict[str, str]]:
    return in_number_order(rows_as_sent(data))


def _number(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def renumbered(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{**row, "number": str(number)} for number, row in enumerate(rows, start=1)]


def unbound_rows(rows: list[dict[str, str]]) -> list[AgendaRowForm]:
    return [AgendaRowForm(prefix=f"row-{index}", initial=row) for index, row in enumerate(rows)]


def bound_rows(data: Mapping[str, Any]) -> list[AgendaRowForm]:
    return [AgendaRowForm(data, prefix=f"row-{index}") for index in range(row_count(data))]


def lenient_entries(rows: list[dict[str, str]]) -> list[AgendaEntry]:
    """The rows that can be counted yet (a kind and a number of minutes), for the share shown while editing."""
    kinds = set(AgendaItem.Kind.values)
    entries = []
    for row in rows:
        minutes = _number(row["minutes"])
        if row["kind"] in kinds and minutes is not None and minutes > 0:
            entries.append(AgendaEntry(kind=row["kind"], planned_minutes=minutes))
    return entries


def rows_of(items: list[AgendaEntry]) -> list[dict[str, str]]:
    return [
        {
            "number": str(number),
            "kind": item.kind,
            "title_kk": item.title_kk,
            "title_ru": item.title_ru,
            "title_en": item.title_en,
            "speaker": item.speaker,
            "minutes": str(item.planned_minutes),
        }
        for number, item in enumerate(items, start=1)
    ]
