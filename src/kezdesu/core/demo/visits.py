"""Visits demo data, entered through the meetings domain functions so the audit trail is real.

From the approved schedule of July–December 2026, relative to the demo's today:
- the ministries' official accounts (demo handles, marked as such) where their meetings are broadcast;
- the four demo ministries' latest past meetings: prepared, announced and closed (every part recorded as
  taking place), each with its venue in kk, ru and en;
- the two next meetings after today: announced, with a broadcast on YouTube — the first is the "live"
  scenario: its page embeds the player during the meeting's hours;
- the meeting after those: a visit being prepared (a draft without its venue yet).
Venues are public buildings with plausible addresses; no person is named. Each visit is skipped when
its schedule item already has one, so running it twice changes nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kezdesu.core.demo.accounts import demo_account
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
H2_2026 = (datetime.date(2026, 7, 1), datetime.date(2026, 12, 31))
LEFT_TO_CLOSE = "finance"  # its latest past visit: the meeting took place, the other parts are not recorded


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


def _prepare(item: ScheduleItem, *, with_venue: bool) -> Visit:
    editor, _approver = _preparers(item.organisation)
    visit = create_visit(actor=editor, item=item)
    official = {code: getattr(item.position, f"title_{code}") or item.position.title for code in TITLE}
    region = {code: getattr(item.region, f"name_{code}") or item.region.name for code in TITLE}
    update_visit(
        actor=editor,
        visit=visit,
        **{f"title_{code}": TITLE[code].format(official=official[code], region=region[code]) for code in TITLE},
        **{f"how_to_take_part_{code}": text for code, text in HOW_TO_TAKE_PART.items()},
        questions_close_at=_at(item.start_date - datetime.timedelta(days=1), 18),
    )
    if not with_venue:
        return visit
    venue = VENUES.get(item.region.kato, DEFAULT_VENUE)
    akimat = akimat_of_region(item.region)
    akim = akimat.positions.filter(is_active=True).order_by("order", "pk").first() if akimat else None
    for part in visit.parts.all():
        (start_hour, start_minute), (end_hour, end_minute) = HOURS[VisitPart.Kind(part.kind)]
        values: dict[str, Any] = {
            "starts_at": _at(item.start_date, start_hour, start_minute),
            "ends_at": _at(item.start_date, end_hour, end_minute),
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


@transaction.atomic
def add_visits_demo(*, today: datetime.date) -> list[Visit]:
    """Enter the visits demo; returns the demo's visits (existing ones too), for the other concerns' demos."""
    items = list(published_items(start=H2_2026[0], end=H2_2026[1]))
    ministries = sorted({item.organisation for item in items}, key=lambda organisation: organisation.code)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        add_official_accounts(ministries)
        done = set(
            Visit.objects.filter(schedule_uid__in=[item.uid for item in items]).values_list("schedule_uid", flat=True)
        )
        past = [item for item in items if item.organisation.code in DEMO_MINISTRIES and item.end_date < today]
        # The demo ministries' latest past meeting each: announced, then held.
        latest = {item.organisation.code: item for item in past}
        ahead = [item for item in items if item.start_date >= today]
        # The next three meetings, and every meeting ahead of a demo ministry (its accounts prepare it).
        coming = [item for item in ahead if item in ahead[:3] or item.organisation.code in DEMO_MINISTRIES]
        for item in latest.values():
            if item.uid in done:
                continue
            visit = _prepare(item, with_venue=True)
            _broadcast(visit, "M7lc1UVf-VE")
            _editor, approver = _preparers(item.organisation)
            publish_visit(actor=approver, visit=visit)
            # Every part took place: the visit is closed (R16). Finance's is left with only its meeting recorded, for
            # a new user to close (README): its ministry and the authorized body see it among the visits to close.
            kinds = [VisitPart.Kind.MEETING] if item.organisation.code == LEFT_TO_CLOSE else VisitPart.Kind.values
            record_visit_outcomes(
                actor=approver,
                visit=visit,
                outcomes={kind: PartOutcome(VisitPart.Outcome.TOOK_PLACE) for kind in kinds},
            )
        for index, item in enumerate(coming):
            if item.uid in done:
                continue
            announced = index < 2 or item.organisation.code in DEMO_MINISTRIES
            visit = _prepare(item, with_venue=announced)
            if announced:
                _broadcast(visit, "M7lc1UVf-VE")
                _editor, approver = _preparers(item.organisation)
                publish_visit(actor=approver, visit=visit)
        uids = [item.uid for item in (*latest.values(), *coming)]
    return list(Visit.objects.filter(schedule_uid__in=uids).order_by("start_date", "pk"))
