"""A plausible year of activity, entered through the domain functions so the audit trail is real.

- the working calendar: the Government's transfers of days off (none were made for 2026: every
  holiday that fell on a weekend moved by the Labour Code itself, which the `holidays` package
  knows); for 2027 the Government had not decided yet, so two plausible transfers are entered,
  each labelled "Demo entry" in its reason;
- what met the past obligations that Kezdesu's own records do not meet, typed by hand as done outside
  Kezdesu (the exception, shown as such everywhere): letters for the documents; for the first heads'
  meetings, the meetings of the approved schedule that no visit in Kezdesu carries (held outside it, on
  the schedule's day and in its region), and before July 2026, when Kezdesu came into use, a meeting in
  some region. Recorded by the debtor's approver (or, for bodies without a demo approver, by the
  authorized body's coordinator), after the rest of the demo, so that nothing typed stands where a
  record does; a few are deliberately left unmet so that some obligations are overdue;
- the notifications of one run of the reminder job.
Every step skips what already exists, so running it twice changes nothing.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.test.utils import override_settings

from kezdesu.demo.accounts import DEMO_ACCOUNTS, demo_account
from kezdesu.demo.layout import DemoLayout, previous_half_year, previous_quarter
from kezdesu.demo.texts import in_language
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Position, Region, Role, User
from kezdesu.planning.domain.queries.published import published_items
from kezdesu.planning.models import ScheduleItem
from kezdesu.regulations.domain.by_hand import record_fulfilment
from kezdesu.regulations.domain.calendar_exceptions import add_calendar_exception
from kezdesu.regulations.domain.obligations import Obligation, obligations_between
from kezdesu.regulations.domain.reminders import OVERDUE_LOOKBACK_DAYS, send_deadline_reminders
from kezdesu.regulations.domain.roles import ByHand, by_hand
from kezdesu.regulations.models import CalendarException, ObligationRule

ONE_DAY = datetime.timedelta(days=1)

COORDINATOR = "culture-information.coordinator"


def _unmet(layout: DemoLayout) -> frozenset[tuple[str, str, datetime.date]]:
    """(debtor code, requirement, period start): left unmet on purpose, so they show as overdue once due."""
    last = layout.last_ended_quarter
    before = previous_quarter(last)
    # The quarterly information of the ministries whose packs the demo makes in the system
    # (demo/reports_quarterly.py): the packs are the record, submitted or not.
    packs = {(code, "R22", quarter) for code in DEMO_PACKS for quarter in (last, before)}
    return frozenset(
        {
            *packs,
            ("energy", "R22", last),
            ("transport", "R2", before),
            ("akimat-turkistan", "R11", previous_half_year(layout.current_period)),
        }
    )


DEMO_PACKS = ("agriculture", "enlightenment", "healthcare", "finance")
MEETING_AS_SCHEDULED: tuple[str, str, str] = (
    "Кездесу кесте бойынша Kezdesu-дан тыс өтті; {report}",
    "Встреча проведена по графику вне Kezdesu; {report}",
    "Meeting held as scheduled, outside Kezdesu; {report}",
)
MEETING_BEFORE: tuple[str, str, str] = (
    "Кездесу Kezdesu қолданысқа енгенге дейін өтті; {report}",
    "Встреча проведена до начала работы Kezdesu; {report}",
    "Meeting held before Kezdesu was in use; {report}",
)
REPORT: tuple[str, str, str] = ("№ {number} есеп", "отчёт № {number}", "report No. {number}")
LETTER: tuple[str, str, str] = (
    "{day:%d.%m.%Y} № {number} хат",
    "Письмо от {day:%d.%m.%Y} № {number}",
    "Letter No. {number} of {day:%d.%m.%Y}",
)


@dataclass(frozen=True)
class DemoDay:
    day: datetime.date
    kind: str
    reason_kk: str
    reason_ru: str
    reason_en: str


DEMO_CALENDAR = (
    DemoDay(
        datetime.date(2027, 7, 3),
        CalendarException.Kind.WORKING_DAY,
        "Демо жазба: 3 шілде, сенбі — жұмыс күні (демалыс 5 шілдеге ауыстырылды). Үкімет актісі емес.",
        "Демо-запись: суббота 3 июля — рабочий день (выходной перенесён на 5 июля). Не акт Правительства.",
        "Demo entry: Saturday 3 July is a working day (the day off moves to 5 July). Not an act of the Government.",
    ),
    DemoDay(
        datetime.date(2027, 7, 5),
        CalendarException.Kind.DAY_OFF,
        "Демо жазба: 5 шілде, дүйсенбі — 3 шілдеден ауыстырылған демалыс. Үкімет актісі емес.",
        "Демо-запись: понедельник 5 июля — выходной, перенесённый с 3 июля. Не акт Правительства.",
        "Demo entry: Monday 5 July is a day off, moved from 3 July. Not an act of the Government.",
    ),
    DemoDay(
        datetime.date(2027, 12, 17),
        CalendarException.Kind.DAY_OFF,
        "Демо жазба: 17 желтоқсан, жұма — 18 желтоқсаннан ауыстырылған демалыс. Үкімет актісі емес.",
        "Демо-запись: пятница 17 декабря — выходной, перенесённый с 18 декабря. Не акт Правительства.",
        "Demo entry: Friday 17 December is a day off, moved from 18 December. Not an act of the Government.",
    ),
    DemoDay(
        datetime.date(2027, 12, 18),
        CalendarException.Kind.WORKING_DAY,
        "Демо жазба: 18 желтоқсан, сенбі — жұмыс күні (демалыс 17 желтоқсанға ауыстырылды). Үкімет актісі емес.",
        "Демо-запись: суббота 18 декабря — рабочий день (выходной перенесён на 17 декабря). Не акт Правительства.",
        "Demo entry: Saturday 18 December is a working day (the day off moves to 17 December). "
        "Not an act of the Government.",
    ),
)


def enter_demo_calendar() -> int:
    coordinator = demo_account(COORDINATOR)
    entered = 0
    for entry in DEMO_CALENDAR:
        if CalendarException.objects.filter(date=entry.day).exists():
            continue
        add_calendar_exception(
            actor=coordinator,
            day=entry.day,
            kind=entry.kind,
            reason_kk=entry.reason_kk,
            reason_ru=entry.reason_ru,
            reason_en=entry.reason_en,
            act="Demo entry",
        )
        entered += 1
    return entered


def _recorders() -> dict[str, User]:
    """Who records fulfilments for each debtor: its demo approver."""
    return {
        account.organisation: demo_account(account.username)
        for account in DEMO_ACCOUNTS
        if account.role == Role.APPROVER and account.organisation
    }


def _rng(obligation: Obligation) -> random.Random:
    # Seeded by the key: the same obligation always gets the same date and number.
    return random.Random(obligation.key)


def _working_day_before(day: datetime.date, days: int) -> datetime.date:
    result = day - datetime.timedelta(days=days)
    while result.weekday() >= 5:
        result -= datetime.timedelta(days=1)
    return result


def _letter(rng: random.Random, day: datetime.date, *, prefix: str, language: str) -> str:
    return in_language(LETTER, language).format(number=f"{prefix}/{rng.randint(1000, 9999)}", day=day)


def _scheduled_outside(obligation: Obligation, *, today: datetime.date) -> ScheduleItem | None:
    """The debtor's first-head meeting of the approved schedule in the period, past, that no visit carries."""
    items = published_items(start=obligation.period_start, end=min(obligation.period_end, today - ONE_DAY))
    carried = set(Visit.objects.values_list("schedule_uid", flat=True))
    return next(
        (
            item
            for item in items
            if obligation.debtor.organisation is not None
            and item.organisation_id == obligation.debtor.organisation.pk
            and item.position.is_first_head
            and item.start_date >= obligation.period_start
            and item.uid not in carried
        ),
        None,
    )


def _meeting_outside(
    obligation: Obligation, *, layout: DemoLayout, regions: list[Region], language: str
) -> tuple[datetime.date, Region, Position, str] | None:
    """A first head's meeting held outside Kezdesu: the schedule's, or before Kezdesu was in use, any."""
    rng = _rng(obligation)
    debtor = obligation.debtor.organisation
    head = Position.objects.filter(organisation=debtor, level=Position.Level.FIRST_HEAD, is_active=True).first()
    if head is None:
        return None
    today = layout.today
    report = in_language(REPORT, language).format(number=f"01-{rng.randint(10, 40)}/{rng.randint(100, 999)}")
    item = _scheduled_outside(obligation, today=today)
    if item is not None:
        return item.start_date, item.region, head, in_language(MEETING_AS_SCHEDULED, language).format(report=report)
    if obligation.period_start >= layout.in_use_from:
        return None  # in Kezdesu's time a meeting outside the schedule would be in Kezdesu
    last = min(obligation.period_end, today - ONE_DAY)
    span = (last - obligation.period_start).days
    if span < 7:
        return None
    held = _working_day_before(obligation.period_start + datetime.timedelta(days=rng.randint(7, span)), 0)
    return held, rng.choice(regions), head, in_language(MEETING_BEFORE, language).format(report=report)


def _letter_for(obligation: Obligation, *, today: datetime.date, language: str) -> tuple[datetime.date, str] | None:
    if obligation.due >= today:
        return None
    rng = _rng(obligation)
    met_on = _working_day_before(obligation.due, rng.randint(0, 6))
    prefixes = {
        "R22": f"03-2-{rng.randint(10, 20)}",
        "R8": "05-1-12",
        "R23": "05-2-17",
        "R11": f"01-{rng.randint(10, 19)}",
    }
    return met_on, _letter(rng, met_on, prefix=prefixes.get(obligation.requirement, "02-1-11"), language=language)


@transaction.atomic  # one commit, not one per fulfilment
def record_demo_fulfilments(layout: DemoLayout) -> int:
    """Type by hand what met the past obligations of the last year outside Kezdesu, where no record of the demo
    meets them (run after the rest of the demo), except those left unmet on purpose."""
    today = layout.today
    recorders = _recorders()
    coordinator = demo_account(COORDINATOR)
    regions = list(Region.objects.order_by("kato"))
    unmet = _unmet(layout)
    start = today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    recorded = 0
    for obligation in obligations_between(start=start, end=today + datetime.timedelta(days=45), today=today):
        debtor = obligation.debtor.organisation
        if debtor is None or obligation.is_met or obligation.fulfilment is not None:
            continue
        if (debtor.code, obligation.requirement, obligation.period_start) in unmet:
            continue
        kind = by_hand(obligation.rule)
        actor = recorders.get(debtor.code, coordinator)
        if kind == ByHand.MEETING and obligation.rule.role == ObligationRule.Role.FIRST_HEAD_MEETINGS:
            meeting = _meeting_outside(obligation, layout=layout, regions=regions, language=actor.language)
            if meeting is None:
                continue
            held, region, head, reference = meeting
            record_fulfilment(
                actor=actor, obligation=obligation, met_on=held, reference=reference, region=region, position=head
            )
        elif kind == ByHand.DOCUMENT:
            letter = _letter_for(obligation, today=today, language=actor.language)
            if letter is None:
                continue
            met_on, reference = letter
            record_fulfilment(actor=actor, obligation=obligation, met_on=met_on, reference=reference)
        else:
            continue
        recorded += 1
    return recorded


def send_demo_reminders(*, today: datetime.date) -> int:
    # The demo's addresses are not real: its e-mails stay in memory (each row still shows e-mailed).
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        return send_deadline_reminders(today=today)
