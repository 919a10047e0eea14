"""Where event rules (e.g. R20: 10 days after a visit ends) find their events.

Apps that own the events register a source when they load (in their AppConfig.ready):

    register_event_source("visit-ended", visits_ended, lookup=visit_ended)

`source(start, end)` yields `EventOccurrence`s (or `(event_id, debtor, event_date)` tuples) for
events dated from `start` to `end` inclusive; `lookup(event_id)` finds one, for
`find_obligation`. Without a lookup, finding an event obligation by key returns None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from kezdesu.organisations.models import Organisation


class EventOccurrence(NamedTuple):
    event_id: str
    debtor: Organisation
    event_date: date


EventSource = Callable[[date, date], Iterable[tuple[str, Organisation, date]]]
EventLookup = Callable[[str], tuple[str, Organisation, date] | None]


@dataclass
class _Registration:
    sources: list[EventSource] = field(default_factory=list)
    lookups: list[EventLookup] = field(default_factory=list)


_REGISTRY: dict[str, _Registration] = {}


def register_event_source(event: str, source: EventSource, *, lookup: EventLookup | None = None) -> None:
    registration = _REGISTRY.setdefault(event, _Registration())
    if source not in registration.sources:
        registration.sources.append(source)
    if lookup is not None and lookup not in registration.lookups:
        registration.lookups.append(lookup)


def unregister_event_source(event: str, source: EventSource, *, lookup: EventLookup | None = None) -> None:
    registration = _REGISTRY.get(event)
    if registration is None:
        return
    if source in registration.sources:
        registration.sources.remove(source)
    if lookup in registration.lookups:
        registration.lookups.remove(lookup)
    if not registration.sources:
        del _REGISTRY[event]


def known_events() -> list[str]:
    """The events some app registered a source for: the ones a profile's rule may be counted from."""
    return sorted(_REGISTRY)


def events_between(event: str, start: date, end: date) -> list[EventOccurrence]:
    registration = _REGISTRY.get(event)
    if registration is None:
        return []
    return [EventOccurrence(*occurrence) for source in registration.sources for occurrence in source(start, end)]


def find_event(event: str, event_id: str) -> EventOccurrence | None:
    registration = _REGISTRY.get(event)
    if registration is None:
        return None
    for lookup in registration.lookups:
        found = lookup(event_id)
        if found is not None:
            return EventOccurrence(*found)
    return None
