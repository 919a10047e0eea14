"""Quarterly information demo data (issue 7, R22), entered through the reports' domain functions.

The third quarter of 2026 (due 12 October, the 10th being a Saturday):
- Agriculture: narrative written, approved on 6 October and submitted on 8 October: on time;
- Enlightenment: approved on 13 October and submitted on 15 October: late;
- Healthcare: approved on 9 October, not yet submitted;
- Finance: left untouched for a new user to prepare, approve and submit (overdue).
The second quarter of 2026: the same four ministries approved and submitted theirs in early July.
Each step is dated when it would have happened (the domain functions take `now`); the notifications they
send are moved to that moment afterwards (the audit trail is append-only). Running it twice changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone

from kezdesu.core.demo.accounts import demo_account
from kezdesu.core.models import Notification
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

# (ministry, year, quarter, approved on, submitted on or None)
PACKS = (
    ("agriculture", 2026, 2, datetime.date(2026, 7, 6), datetime.date(2026, 7, 8)),
    ("enlightenment", 2026, 2, datetime.date(2026, 7, 6), datetime.date(2026, 7, 9)),
    ("healthcare", 2026, 2, datetime.date(2026, 7, 7), datetime.date(2026, 7, 9)),
    ("finance", 2026, 2, datetime.date(2026, 7, 7), datetime.date(2026, 7, 10)),
    ("agriculture", 2026, 3, datetime.date(2026, 10, 6), datetime.date(2026, 10, 8)),
    ("enlightenment", 2026, 3, datetime.date(2026, 10, 13), datetime.date(2026, 10, 15)),
    ("healthcare", 2026, 3, datetime.date(2026, 10, 9), None),
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@contextmanager
def _dated(when: datetime.datetime) -> Iterator[None]:
    """Move the notifications the block sends to `when` (the audit trail is append-only: it keeps the load's time)."""
    last_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    yield
    Notification.objects.filter(pk__gt=last_notification).update(created_at=when)


def add_quarterly_demo(*, today: datetime.date) -> dict[str, int]:
    prepared = submitted = 0
    for code, year, quarter, approved_on, submitted_on in PACKS:
        if approved_on >= today or (submitted_on is not None and submitted_on >= today):
            continue
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            continue
        existing = information_of(organisation, year, quarter)
        if existing is not None and existing.status != QuarterlyInformation.Status.DRAFT:
            continue  # loaded before
        editor = demo_account(f"{code}.editor")
        approver = demo_account(f"{code}.approver")
        common: dict[str, Any] = {"organisation": organisation, "year": year, "quarter": quarter}
        written = _at(approved_on - datetime.timedelta(days=1), 15)
        with _dated(written):
            information = save_quarterly_narrative(
                actor=editor,
                **common,
                narrative_kk=NARRATIVE[0],
                narrative_ru=NARRATIVE[1],
                narrative_en=NARRATIVE[2],
                revision=existing.revision if existing is not None else 0,
            )
        approved_at = _at(approved_on, 11)
        with _dated(approved_at):
            approve_quarterly_information(actor=approver, **common, revision=information.revision, now=approved_at)
        prepared += 1
        if submitted_on is not None:
            submitted_at = _at(submitted_on, 10)
            with _dated(submitted_at):
                submit_quarterly_information(actor=approver, **common, now=submitted_at)
            submitted += 1
        QuarterlyInformation.objects.filter(pk=information.pk).update(created_at=written)
    return {"quarterly information packs approved": prepared, "submitted": submitted}
