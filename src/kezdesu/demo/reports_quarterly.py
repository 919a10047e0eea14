"""Quarterly information demo data (issue 7, R22), entered through the reports' domain functions.

The last quarter ended before today (due on the 10th of the month after it, or the next working day), as far
as today has come:
- Agriculture: narrative written, approved 6 days after the quarter and submitted 8 days after: on time;
- Enlightenment: approved 13 days after and submitted 15 days after: late;
- Healthcare: approved 9 days after, not yet submitted;
- Finance: left untouched for a new user to prepare, approve and submit (overdue once due).
The quarter before it: the same four ministries approved and submitted theirs in the first ten days after it.
Each step happens on its day (demo/clock.py). Running it twice changes nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from kezdesu.demo.accounts import demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import DemoLayout, previous_quarter, quarter_end
from kezdesu.organisations.models import Organisation
from kezdesu.reports.domain.quarterly import (
    approve_quarterly_information,
    information_of,
    save_quarterly_narrative,
    submit_quarterly_information,
)
from kezdesu.reports.models import QuarterlyInformation

NARRATIVE = (
    "Тоқсан ішінде министр өңір халқымен кездесу өткізді; азаматтардың сұрақтары жинақталып, проблемалық "
    "мәселелер бойынша іс-қимыл жоспары бекітілді. Сапар қорытындылары белгіленген мерзімде жарияланды.",
    "В квартале министр провёл встречу с населением региона; вопросы граждан обобщены, по проблемным вопросам "
    "утверждён план действий. Итоги поездки опубликованы в установленный срок.",
    "In the quarter the minister met the population of a region; the citizens' questions were summarised and an "
    "action plan adopted for the problem issues raised. The visit's results were published on time.",
)

# (ministry, days after the quarter's end it was approved, and submitted or None): the last quarter ended, then the
# one before it.
LAST_QUARTER = (
    ("agriculture", 6, 8),
    ("enlightenment", 13, 15),
    ("healthcare", 9, None),
)
QUARTER_BEFORE = (
    ("agriculture", 6, 8),
    ("enlightenment", 6, 9),
    ("healthcare", 7, 9),
    ("finance", 7, 10),
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _packs(layout: DemoLayout) -> list[tuple[str, int, int, datetime.date, datetime.date | None]]:
    packs = []
    for start, entries in (
        (previous_quarter(layout.last_ended_quarter), QUARTER_BEFORE),
        (layout.last_ended_quarter, LAST_QUARTER),
    ):
        end = quarter_end(start)
        quarter = (start.month - 1) // 3 + 1
        for code, approved, submitted in entries:
            submitted_on = end + datetime.timedelta(days=submitted) if submitted is not None else None
            packs.append((code, start.year, quarter, end + datetime.timedelta(days=approved), submitted_on))
    return packs


def add_quarterly_demo(clock: DemoClock, layout: DemoLayout) -> dict[str, int]:
    prepared = submitted = 0
    for code, year, quarter, approved_on, submitted_on in _packs(layout):
        if approved_on >= layout.today:
            continue  # not yet
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            continue
        existing = information_of(organisation, year, quarter)
        if existing is not None and existing.status != QuarterlyInformation.Status.DRAFT:
            continue  # loaded before
        editor = demo_account(f"{code}.editor")
        approver = demo_account(f"{code}.approver")
        common: dict[str, Any] = {"organisation": organisation, "year": year, "quarter": quarter}
        with clock.at(_at(approved_on - datetime.timedelta(days=1), 15)):
            information = save_quarterly_narrative(
                actor=editor,
                **common,
                narrative_kk=NARRATIVE[0],
                narrative_ru=NARRATIVE[1],
                narrative_en=NARRATIVE[2],
                revision=existing.revision if existing is not None else 0,
            )
        approved_at = _at(approved_on, 11)
        with clock.at(approved_at):
            approve_quarterly_information(actor=approver, **common, revision=information.revision, now=approved_at)
        prepared += 1
        if submitted_on is not None and submitted_on < layout.today:
            submitted_at = _at(submitted_on, 10)
            with clock.at(submitted_at):
                submit_quarterly_information(actor=approver, **common, now=submitted_at)
            submitted += 1
    return {"quarterly information packs approved": prepared, "submitted": submitted}
