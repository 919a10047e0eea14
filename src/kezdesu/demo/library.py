"""Demo library (R25): the procedure of meetings (G3.2) in two versions and the methodological recommendations
(P5.3), approved by the authorized body and circulated. The texts are in files/library/ (kk, ru; en for one),
drawn from the acts' own provisions (decree 863, clauses 3–4; government decree 12). Idempotent by code."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from kezdesu.organisations.models import User
from kezdesu.reports.domain.library import create_document, publish_version, start_version, update_draft
from kezdesu.reports.models import LibraryDocument

FILES = Path(__file__).parent / "files" / "library"
COORDINATOR = "culture-information.coordinator"
# Demo references: plausible orders of the Minister of Culture and Information, not real acts. Each language
# writes the date its own way: the Kazakh month in the locative, the Russian one in the genitive.
MINISTER_ORDER = {
    "kk": "Қазақстан Республикасы Мәдениет және ақпарат министрінің {year} жылғы {day} {month} № {number} бұйрығы",
    "ru": "Приказ Министра культуры и информации Республики Казахстан от {day} {month} {year} года № {number}",
    "en": "Order of the Minister of Culture and Information of the Republic of Kazakhstan No. {number} "
    "of {day} {month} {year}",
}
MONTHS = {
    "kk": (
        "қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы",
        "шілдедегі", "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы",
    ),
    "ru": (
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class DemoVersion:
    approved_on: datetime.date
    order_number: str
    changes: bool  # a changes file exists (otherwise "first edition")


@dataclass(frozen=True)
class DemoDocument:
    code: str
    kind: str
    titles: tuple[str, str, str]  # kk, ru, en
    versions: tuple[DemoVersion, ...]


DOCUMENTS = (
    DemoDocument(
        code="meetings-procedure",
        kind=LibraryDocument.Kind.PROCEDURE,
        titles=(
            "Орталық атқарушы органдар басшыларының халықпен кездесулерін өткізу тәртібі",
            "Порядок проведения встреч руководителей центральных исполнительных органов с населением",
            "The procedure for meetings of the heads of central executive bodies with the population",
        ),
        versions=(
            DemoVersion(datetime.date(2024, 3, 12), "105", changes=False),
            DemoVersion(datetime.date(2025, 2, 20), "58", changes=True),
        ),
    ),
    DemoDocument(
        code="meeting-methodology",
        kind=LibraryDocument.Kind.METHODOLOGY,
        titles=(
            "Халықпен кездесулер өткізу жөніндегі әдістемелік ұсынымдар",
            "Методические рекомендации по проведению встреч с населением",
            "Methodological recommendations on holding meetings",
        ),
        versions=(DemoVersion(datetime.date(2024, 5, 15), "187", changes=False),),
    ),
)
FIRST_EDITION = {"kk": "Алғашқы редакция.", "ru": "Первая редакция.", "en": "First edition."}


def minister_order(language: str, *, number: str, day: datetime.date) -> str:
    month = MONTHS[language][day.month - 1]
    return MINISTER_ORDER[language].format(number=number, day=day.day, month=month, year=day.year)


def _text(name: str) -> str:
    path = FILES / name
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


def add_library_demo(*, today: datetime.date) -> dict[str, int]:
    coordinator = User.objects.get(username=COORDINATOR)
    documents = versions = 0
    for demo in DOCUMENTS:
        if LibraryDocument.objects.filter(code=demo.code).exists():
            continue
        kk, ru, en = demo.titles
        document = create_document(
            actor=coordinator, code=demo.code, kind=demo.kind, title_kk=kk, title_ru=ru, title_en=en
        )
        documents += 1
        for number, demo_version in enumerate(demo.versions, start=1):
            if demo_version.approved_on > today:
                break
            version = start_version(actor=coordinator, document=document)
            stem = f"{demo.code}-v{number}"
            changes = {
                code: _text(f"{stem}.changes.{code}.txt") if demo_version.changes else FIRST_EDITION[code]
                for code in ("kk", "ru", "en")
            }
            order = {
                code: minister_order(code, number=demo_version.order_number, day=demo_version.approved_on)
                for code in ("kk", "ru", "en")
            }
            version = update_draft(
                actor=coordinator,
                version=version,
                body_kk=_text(f"{stem}.kk.txt"),
                body_ru=_text(f"{stem}.ru.txt"),
                body_en=_text(f"{stem}.en.txt"),
                changes_kk=changes["kk"],
                changes_ru=changes["ru"],
                changes_en=changes["en"] if (demo_version.changes is False or _text(f"{stem}.en.txt")) else "",
                approved_on=demo_version.approved_on,
                approval_reference_kk=order["kk"],
                approval_reference_ru=order["ru"],
                approval_reference_en=order["en"],
                revision=version.revision,
            )
            published_at = timezone.make_aware(
                datetime.datetime.combine(demo_version.approved_on + datetime.timedelta(days=1), datetime.time(10))
            )
            publish_version(actor=coordinator, version=version, now=min(published_at, timezone.now()))
            versions += 1
    return {"library documents": documents, "library versions": versions}
