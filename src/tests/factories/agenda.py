"""Agendas and task lists for the visit world (R15, R12, R13, R18).

`with_profile()` puts the regulation profile with its quarter for the presentation in force on the
visit's day; `entries(...)` writes an agenda as (kind, minutes) pairs.
"""

import datetime
from decimal import Decimal

from kezdesu.meetings.domain.agenda import AgendaEntry
from kezdesu.regulations.models import RegulationProfile
from tests.factories.regulations import RegulationProfileFactory


def with_profile(share: str = "0.25") -> RegulationProfile:
    return RegulationProfileFactory(
        code="REG-AGENDA", effective_from=datetime.date(2024, 1, 18), presentation_max_share=Decimal(share)
    )


def entries(*pairs: tuple[str, int]) -> list[AgendaEntry]:
    return [
        AgendaEntry(kind=kind, planned_minutes=minutes, title_en=f"{kind} {number}")
        for number, (kind, minutes) in enumerate(pairs, start=1)
    ]
