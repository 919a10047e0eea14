"""Visits demo data, entered through the meetings domain functions so the audit trail is real.

The demo's eight visits (demo/layout.py), each from its meeting of the approved schedule:
- the ministries' official accounts (demo handles, marked as such) where their meetings are broadcast;
- four held in the past weeks: prepared, announced and closed (every part recorded as taking place; Finance's
  with only its meeting recorded, for a new user to close), each with its venue in kk, ru and en;
- today's (the live scenario: its page embeds the player during the meeting's hours, which start later than
  usual when the demo is loaded late in the day), the next working day's and the one a week ahead: announced,
  with a broadcast on YouTube;
- one three weeks ahead being prepared (a draft without its venue yet).
Each step happens on its day (demo/clock.py). Venues are public buildings with plausible addresses; no person is
named. Each visit is skipped when its schedule item already has one, so running it twice changes nothing.
"""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kezdesu.demo.accounts import demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import HELD, HELD_TO_CLOSE, LIVE, PREPARED, VISITS, DemoLayout, half_year_end, half_year_start
from kezdesu.meetings.domain.closing import PartOutcome, record_visit_outcomes
from kezdesu.meetings.domain.parts import add_broadcast, update_part
from kezdesu.meetings.domain.visits import create_visit, publish_visit, update_visit
from kezdesu.meetings.models import OfficialAccount, Platform, Visit, VisitPart
from kezdesu.organisations.models import Organisation
from kezdesu.planning.domain.queries.published import published_items
from kezdesu.planning.domain.queries.schedule import akimat_of_region
from kezdesu.planning.models import ScheduleItem

COORDINATOR = "culture-information.coordinator"
# Ministries with demo accounts: their own editors prepare and approvers announce.
DEMO_MINISTRIES = ("finance", "healthcare", "enlightenment", "agriculture")


@dataclass(frozen=True)
class Venue:
    kk: tuple[str, str]  # (venue, address)
    ru: tuple[str, str]
    en: tuple[str, str]
    latitude: str
    longitude: str


# By region (KATO code). Plausible public venues; addresses on streets not named after people.
VENUES = {
    "750000000": Venue(
        ("Республика сарайы", "Достық даңғылы, 56, Алматы"),
        ("Дворец Республики", "проспект Достык, 56, Алматы"),
        ("Palace of the Republic", "56 Dostyk Avenue, Almaty"),
        "43.233100",
        "76.957000",
    ),
    "610000000": Venue(
        ("Облыстық әкімдіктің мәжіліс залы", "Тәуелсіздік даңғылы, 1, Түркістан"),
        ("Зал заседаний областного акимата", "проспект Тауелсиздик, 1, Туркестан"),
        ("Assembly hall of the regional akimat", "1 Tauelsizdik Avenue, Turkistan"),
        "43.297300",
        "68.251700",
    ),
    "100000000": Venue(
        ("Семей қаласының Мәдениет сарайы", "Бейбітшілік көшесі, 20, Семей"),
        ("Дворец культуры города Семей", "улица Бейбитшилик, 20, Семей"),
        ("Semey Palace of Culture", "20 Beibitshilik Street, Semey"),
        "50.411100",
        "80.227500",
    ),
    "150000000": Venue(
        ("Өңірлік университеттің акт залы", "Бейбітшілік көшесі, 12, Ақтөбе"),
        ("Актовый зал регионального университета", "улица Бейбитшилик, 12, Актобе"),
        ("Assembly hall of the regional university", "12 Beibitshilik Street, Aktobe"),
        "50.283900",
        "57.167000",
    ),
    "190000000": Venue(
        ("Аудандық Мәдениет үйі", "Наурыз көшесі, 7, Қонаев"),
        ("Районный Дом культуры", "улица Наурыз, 7, Конаев"),
        ("District House of Culture", "7 Nauryz Street, Konaev"),
        "43.866700",
        "77.066700",
    ),
}
DEFAULT_VENUE = Venue(
    ("Облыстық Мәдениет сарайы", "Орталық алаң, 1"),
    ("Областной Дворец культуры", "Центральная площадь, 1"),
    ("Regional Palace of Culture", "1 Central Square"),
    "",
    "",
)
HOW_TO_TAKE_PART = {
    "kk": (
        "Кездесуге кез келген тұрғын келе алады, жеке куәлікті алып жүріңіз. Сұрағыңызды осы бетте алдын ала "
        "қоюға немесе кездесуді тікелей эфирден көруге болады."
    ),
    "ru": (
        "Прийти на встречу может любой житель, возьмите с собой удостоверение личности. Задать вопрос можно "
        "заранее на этой странице, а смотреть встречу — в прямом эфире."
    ),
    "en": (
        "Any resident may come to the meeting; bring your identity card. You can ask your question on this "
        "page beforehand, or watch the meeting live."
    ),
}
TITLE = {
    "kk": "{official}: {region} тұрғындарымен кездесу",
    "ru": "{official}: встреча с жителями — {region}",
    "en": "{official} meets the people of {region}",
}


def official_account_url(code: str, platform: Platform) -> str:
    """A demo handle, marked as such, on the platform's real host."""
    handle = f"kezdesu-demo-{code}"
    return {
        Platform.YOUTUBE: f"https://www.youtube.com/@{handle}",
        Platform.TELEGRAM: f"https://t.me/{handle.replace('-', '_')}",
        Platform.FACEBOOK: f"https://www.facebook.com/{handle}",
    }[platform]


def add_official_accounts(ministries: list[Organisation]) -> int:
    added = 0
    for ministry in ministries:
        for platform in (Platform.YOUTUBE, Platform.TELEGRAM, Platform.FACEBOOK):
            _account, created = OfficialAccount.objects.get_or_create(
                organisation=ministry, platform=platform, url=official_account_url(ministry.code, platform)
            )
            added += created
    return added


def _preparers(ministry: Organisation) -> tuple[Any, Any]:
    """(who prepares, who announces): the ministry's demo accounts, or the coordinator."""
    if ministry.code in DEMO_MINISTRIES:
        return demo_account(f"{ministry.code}.editor"), demo_account(f"{ministry.code}.approver")
    coordinator = demo_account(COORDINATOR)
    return coordinator, coordinator


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# The parts' hours on the visit's day: the meeting in the morning, the rest after it.
HOURS = {
    VisitPart.Kind.MEETING: ((10, 0), (12, 0)),
    VisitPart.Kind.RECEPTION: ((14, 0), (16, 0)),
    VisitPart.Kind.NGO_MEETING: ((16, 30), (17, 30)),
    VisitPart.Kind.MEDIA_BRIEFING: ((17, 45), (18, 15)),
}


def _prepare(item: ScheduleItem, *, with_venue: bool, shift: datetime.timedelta, clock: DemoClock) -> Visit:
    editor, _approver = _preparers(item.organisation)
    visit = create_visit(actor=editor, item=item)
    official = {code: getattr(item.position, f"title_{code}") or item.position.title for code in TITLE}
    region = {code: getattr(item.region, f"name_{code}") or item.region.name for code in TITLE}
    update_visit(
        actor=editor,
        visit=visit,
        **{f"title_{code}": TITLE[code].format(official=official[code], region=region[code]) for code in TITLE},
        **{f"how_to_take_part_{code}": text for code, text in HOW_TO_TAKE_PART.items()},
        questions_close_at=_questions_close(
            clock, item.start_date, _at(item.start_date, *HOURS[VisitPart.Kind.MEETING][0]) + shift
        ),
    )
    if not with_venue:
        return visit
    venue = VENUES.get(item.region.kato, DEFAULT_VENUE)
    akimat = akimat_of_region(item.region)
    akim = akimat.positions.filter(is_active=True).order_by("order", "pk").first() if akimat else None
    for part in visit.parts.all():
        (start_hour, start_minute), (end_hour, end_minute) = HOURS[VisitPart.Kind(part.kind)]
        values: dict[str, Any] = {
            "starts_at": _at(item.start_date, start_hour, start_minute) + shift,
            "ends_at": _at(item.start_date, end_hour, end_minute) + shift,
            "format": VisitPart.Format.HYBRID if part.kind == VisitPart.Kind.MEETING else VisitPart.Format.IN_PERSON,
        }
        for code in ("kk", "ru", "en"):
            values[f"venue_{code}"], values[f"address_{code}"] = getattr(venue, code)
        if venue.latitude:
            values["latitude"], values["longitude"] = Decimal(venue.latitude), Decimal(venue.longitude)
        if part.kind == VisitPart.Kind.MEETING and akim is not None:
            values["akim_positions"] = [akim]
        update_part(actor=editor, part=part, **values)
    return visit


def _broadcast(visit: Visit, video_id: str) -> None:
    editor, _approver = _preparers(visit.organisation)
    meeting = visit.parts.get(kind=VisitPart.Kind.MEETING)
    youtube = OfficialAccount.objects.get(organisation=visit.organisation, platform=Platform.YOUTUBE)
    telegram = OfficialAccount.objects.get(organisation=visit.organisation, platform=Platform.TELEGRAM)
    add_broadcast(actor=editor, part=meeting, account=youtube, url=f"https://www.youtube.com/watch?v={video_id}")
    add_broadcast(actor=editor, part=meeting, account=telegram, url=f"{telegram.url}/1")


def _live_shift(clock: DemoClock) -> datetime.timedelta:
    """How much later than usual today's parts are, so that the meeting is still ahead when the demo is loaded
    (at most five and a half hours: loaded in the evening, the meeting is due and waits to be opened)."""
    usual = clock.on(clock.today, *HOURS[VisitPart.Kind.MEETING][0])
    earliest = clock.now + datetime.timedelta(minutes=45)
    if earliest <= usual:
        return datetime.timedelta()
    minutes = math.ceil((earliest - usual).total_seconds() / 60 / 15) * 15
    return datetime.timedelta(minutes=min(minutes, 330))


def _questions_close(clock: DemoClock, day: datetime.date, meeting_starts: datetime.datetime) -> datetime.datetime:
    """The evening before the visit; for a visit the next day, late enough that questions can still be asked."""
    evening = _at(day - datetime.timedelta(days=1), 18)
    if evening > clock.now + datetime.timedelta(hours=6):
        return evening
    return meeting_starts - datetime.timedelta(minutes=30)


def _item(layout: DemoLayout, key: str, code: str, kato: str) -> ScheduleItem:
    day = layout.visit_day(key)
    return (
        published_items(start=day, end=day)
        .filter(organisation__code=code, region__kato=kato, start_date=day)
        .select_related("organisation", "position", "region")
        .get()
    )


@transaction.atomic
def add_visits_demo(clock: DemoClock, layout: DemoLayout) -> dict[str, Visit]:
    """Enter the demo's visits (demo/layout.py); returns them by their part in the story, existing ones too."""
    items = {key: _item(layout, key, code, kato) for key, code, kato, _offset in VISITS}
    first, last = layout.approved_periods[0], half_year_end(layout.approved_periods[-1])
    ministries = sorted(
        {item.organisation for item in published_items(start=first, end=last).select_related("organisation")},
        key=lambda organisation: organisation.code,
    )
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        with clock.at(clock.on(layout.approval_date(first) + datetime.timedelta(days=1), 9)):
            add_official_accounts(ministries)
        done = set(
            Visit.objects.filter(schedule_uid__in=[item.uid for item in items.values()]).values_list(
                "schedule_uid", flat=True
            )
        )
        for key, item in items.items():
            if item.uid in done:
                continue
            approved = layout.approval_date(half_year_start(item.start_date))
            if key == PREPARED:
                created = clock.now - datetime.timedelta(days=2)
            else:
                created = max(
                    clock.on(approved + datetime.timedelta(days=2), 10),
                    _at(item.start_date, 10) - datetime.timedelta(days=30),
                )
                created = min(created, clock.now - datetime.timedelta(days=6))
            shift = _live_shift(clock) if key == LIVE else datetime.timedelta()
            with clock.at(created):
                visit = _prepare(item, with_venue=key != PREPARED, shift=shift, clock=clock)
                if key == PREPARED:
                    continue
                _broadcast(visit, "M7lc1UVf-VE")
            _editor, approver = _preparers(item.organisation)
            with clock.at(created + datetime.timedelta(days=2)):
                publish_visit(actor=approver, visit=visit)
            if key not in HELD:
                continue
            # Every part took place: the visit is closed (R16). Finance's is left with only its meeting recorded, for
            # a new user to close (README): its ministry and the authorized body see it among the visits to close.
            kinds = [VisitPart.Kind.MEETING] if key == HELD_TO_CLOSE else VisitPart.Kind.values
            with clock.at(_at(item.end_date, 18, 30)):
                record_visit_outcomes(
                    actor=approver,
                    visit=visit,
                    outcomes={kind: PartOutcome(VisitPart.Outcome.TOOK_PLACE) for kind in kinds},
                )
    visits = Visit.objects.in_bulk([item.uid for item in items.values()], field_name="schedule_uid")
    return {key: visits[item.uid] for key, item in items.items()}
