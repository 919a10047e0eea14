"""What meets an obligation: the records Kezdesu holds, found by the rule's role, never by its code.

The apps that own the records register one source per role when they load (in their AppConfig.ready):

    register_evidence_source(ObligationRule.Role.VISIT_RESULTS, published_results)

The engine hands a source every obligation of its role it is computing at once (`Asked`), and the source
answers, by obligation key, the records that bear on each: those that count toward it and, so that the
obligation's page can say why, those that do not (a deputy's meeting, a visit not held yet). A source
reads its records in a fixed number of queries, whatever the number of obligations.

Labels and reasons are lazy strings: they read in whichever language is active when shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.utils.functional import Promise, lazy

from kezdesu.organisations.models import Organisation
from kezdesu.regulations.models import ObligationRule


@dataclass(frozen=True)
class Asked:
    """An obligation whose records a source is asked for."""

    key: str
    rule: ObligationRule
    debtor: Organisation
    period_start: date
    period_end: date
    due: date
    today: date  # the day the states are judged on: a meeting after it has not taken place yet
    event_id: str = ""  # for a rule counted from an event: the event's id (e.g. a visit's or a risk flag's)

    @property
    def year_quarter(self) -> tuple[int, int]:
        """The year and the quarter (1-4) its period starts in: the key of a quarterly report."""
        return self.period_start.year, (self.period_start.month - 1) // 3 + 1


@dataclass(frozen=True)
class Evidence:
    """One record that bears on an obligation, and whether (and why) it counts toward meeting it."""

    counts: bool
    on: date  # the day it happened: a meeting held, a pack submitted
    label: str | Promise  # what the record is, e.g. "Meeting with the population of Turkistan Region, 31.07.2026"
    why: str | Promise  # why it counts, or why it does not
    url: str | Promise = ""  # the record's page in the active language
    record: str = ""  # "app_label.model:pk"

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            "on": self.on.isoformat(),
            "label": str(self.label),
            "why": str(self.why),
            "url": str(self.url),
            "record": self.record,
        }


EvidenceSource = Callable[[list[Asked]], Mapping[str, list[Evidence]]]

_SOURCES: dict[str, list[EvidenceSource]] = defaultdict(list)


def register_evidence_source(role: str, source: EvidenceSource) -> None:
    if role not in ObligationRule.Role.values:
        raise ValueError(f"Unknown role {role!r}: add it to ObligationRule.Role first.")
    if source not in _SOURCES[role]:
        _SOURCES[role].append(source)


def unregister_evidence_source(role: str, source: EvidenceSource) -> None:
    if source in _SOURCES.get(role, []):
        _SOURCES[role].remove(source)


def has_evidence_source(role: str) -> bool:
    return bool(_SOURCES.get(role))


def evidence_for(asked: Iterable[Asked]) -> dict[str, list[Evidence]]:
    """The records bearing on each obligation, by key: each role's sources asked once."""
    by_role: dict[str, list[Asked]] = defaultdict(list)
    for item in asked:
        if item.rule.role:
            by_role[item.rule.role].append(item)
    found: dict[str, list[Evidence]] = defaultdict(list)
    for role, items in by_role.items():
        for source in _SOURCES.get(role, []):
            for key, records in source(items).items():
                found[key].extend(records)
    for records in found.values():
        records.sort(key=lambda record: (not record.counts, record.on, record.record))
    return found


def lazy_text(template: str | Promise, **values: Any) -> Promise:
    """`template % values`, rendered when shown (in the language active then). Values may be callables of no
    argument, for model fields translated per language: `region=lambda: region.name`."""

    def render() -> str:
        resolved = {name: value() if callable(value) else value for name, value in values.items()}
        plain = {name: str(value) if isinstance(value, Promise) else value for name, value in resolved.items()}
        # `template % values`, not `str(template) % values`: a lazy plural picks its form from the values.
        return str(template % plain)

    return cast(Promise, lazy(render, str)())
