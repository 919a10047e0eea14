"""The wording of the official schedule documents in the two languages the Government issues them in.

The form's title, column headings and notes are the act's own words, fixed per language rather than
interface strings, so they live here as data instead of in the gettext catalogues (which may lag).
"""

import datetime
from dataclasses import dataclass

from kezdesu.planning.models import PlanningPeriod, ScheduleItem

DOCUMENT_LANGUAGES = ("kk", "ru")


@dataclass(frozen=True)
class DocumentWording:
    title: str
    columns: tuple[str, str, str, str, str, str]
    approved: str  # "{number}", "{date}"
    unscheduled: str
    deputy_prime_minister: str
    first_half: str  # "{year}"
    second_half: str
    year: str
    sheet: str
    start: str
    end: str
    region: str
    district: str


WORDING = {
    "ru": DocumentWording(
        title="График встреч руководителей центральных исполнительных органов с населением на {period}",
        columns=(
            "№ п/п",
            "Центральный исполнительный орган",
            "Должностное лицо",
            "Регион (район, город)",
            "Сроки проведения",
            "Примечание",
        ),
        approved="Утверждён актом № {number} от {date}",
        unscheduled="внеплановая встреча",
        deputy_prime_minister="с участием Заместителя Премьер-Министра",
        first_half="первое полугодие {year} года",
        second_half="второе полугодие {year} года",
        year="{year} год",
        sheet="График",
        start="Начало",
        end="Окончание",
        region="Регион",
        district="Район, город",
    ),
    "kk": DocumentWording(
        title="Орталық атқарушы органдар басшыларының халықпен кездесулер кестесі ({period})",
        columns=(
            "№ р/с",
            "Орталық атқарушы орган",
            "Лауазымды тұлға",
            "Өңір (аудан, қала)",
            "Өткізу мерзімі",
            "Ескертпе",
        ),
        approved="{date} № {number} актімен бекітілген",
        unscheduled="жоспардан тыс кездесу",
        deputy_prime_minister="Премьер-Министрдің орынбасарының қатысуымен",
        first_half="{year} жылдың бірінші жартыжылдығы",
        second_half="{year} жылдың екінші жартыжылдығы",
        year="{year} жыл",
        sheet="Кесте",
        start="Басталуы",
        end="Аяқталуы",
        region="Өңір",
        district="Аудан, қала",
    ),
}


def wording_for(language: str) -> DocumentWording:
    return WORDING.get(language, WORDING["ru"])


def period_label(period: PlanningPeriod, wording: DocumentWording) -> str:
    if period.start.month == 1 and period.end.month == 12:
        return wording.year.format(year=period.start.year)
    half = wording.first_half if period.start.month <= 6 else wording.second_half
    return half.format(year=period.start.year)


def dates_label(start: datetime.date, end: datetime.date) -> str:
    if start == end:
        return f"{start:%d.%m.%Y}"
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"


def item_notes(item: ScheduleItem, wording: DocumentWording) -> list[str]:
    notes = []
    if item.is_unscheduled:
        notes.append(wording.unscheduled)
    if item.deputy_prime_minister_required:
        notes.append(wording.deputy_prime_minister)
    return notes
