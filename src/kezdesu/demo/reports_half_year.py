"""Half-year results demo data (issue 7, R23), entered through the reports' domain functions.

- The last half-year reviewed before today: the authorized body's coordinator wrote the narrative and submitted
  the results on the 12th of its last month (due the 15th); the Government reviewed them on the 26th and the
  Apparatus's approver recorded the review with three instructions: to Enlightenment (executed on time), to
  Agriculture (being executed) and to Healthcare (overdue, once today is far enough from the review).
- The next half-year's results (due on the 15th of its last month) are left for a new user to write and submit;
  their systemic problems section shows the akimats' problems of planning's demo.
Each step happens on its day (demo/clock.py). Running it twice changes nothing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from kezdesu.demo.accounts import demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import DAY, DemoLayout, half_year_end, half_year_start, previous_half_year
from kezdesu.demo.library import MONTHS
from kezdesu.demo.texts import in_language
from kezdesu.organisations.models import Organisation
from kezdesu.reports.domain.half_year import save_half_year_narrative, submit_half_year_report
from kezdesu.reports.domain.instructions import add_instruction, record_government_review, report_on_instruction
from kezdesu.reports.models import HalfYearReport

COORDINATOR = "culture-information.coordinator"
APPROVER = "government-apparatus.approver"
HALF: dict[int, tuple[str, str, str]] = {1: ("бірінші", "первом", "first"), 2: ("екінші", "втором", "second")}

NARRATIVE = (
    "{year} жылдың {half} жартысында министрлер өңірлерге барып, халықпен кездесулер өткізді. Көтерілген "
    "проблемалық мәселелердің басым бөлігі жол, сумен жабдықтау және білім беру салаларына қатысты.\n"
    "Тоқсандық ақпаратты барлық министрліктер бірдей уақытында ұсынған жоқ: кешіккендер туралы ескертілді.",
    "В {half} полугодии {year} года министры провели встречи с населением в регионах. Большая часть поднятых "
    "проблемных вопросов касается дорог, водоснабжения и образования.\n"
    "Не все министерства представили квартальную информацию в срок: опоздавшим направлены замечания.",
    "In the {half} half of {year} the ministers met the population in the regions. Most of the problem issues raised "
    "concern roads, water supply and education.\n"
    "Not every ministry submitted its quarterly information on time: those late have been reminded.",
)
CONCLUSIONS = (
    "Үкімет ақпаратты назарға алды. Министрліктерге проблемалық мәселелерді шешу мерзімдерін сақтау тапсырылды.",
    "Правительство приняло информацию к сведению. Министерствам поручено соблюдать сроки решения проблемных вопросов.",
    "The Government took note of the information. The ministries are to keep the deadlines for solving the "
    "problem issues.",
)
# (executor, text kk/ru/en, deadline and execution: days after the review, or None)
INSTRUCTIONS: tuple[tuple[str, tuple[str, str, str], int | None, int | None], ...] = (
    (
        "enlightenment",
        (
            "Алматы қаласындағы мектептердегі орын тапшылығы бойынша іс-шаралар жоспарын бекіту.",
            "Утвердить план мероприятий по дефициту мест в школах города Алматы.",
            "Approve a plan of measures on the shortage of school places in Almaty.",
        ),
        96,
        81,
    ),
    (
        "agriculture",
        (
            "Түркістан облысының ауылдарын суармалы сумен қамтамасыз ету жобаларын қаржыландыруды қарастыру.",
            "Проработать финансирование проектов обеспечения сёл Туркестанской области поливной водой.",
            "Work out the funding of irrigation water projects for the villages of Turkistan Region.",
        ),
        None,  # being executed: half a year after the review, a month after today at the earliest
        None,
    ),
    (
        "healthcare",
        (
            "Абай облысындағы кездесу нәтижелерін жариялап, проблемалық мәселелер бойынша жоспар ұсыну.",
            "Опубликовать итоги встречи в области Абай и представить план по проблемным вопросам.",
            "Publish the results of the meeting in Abai Region and present the plan on its problem issues.",
        ),
        127,  # overdue once today has passed it
        None,
    ),
)
REPORT_ON_EXECUTION: tuple[str, str, str] = (
    "Іс-шаралар жоспары министрдің {day} бұйрығымен бекітілді, № 412.",
    "План мероприятий утверждён приказом министра от {day}, № 412.",
    "The plan of measures is approved by the minister's order No. 412 of {day}.",
)


def _at(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _reviewed_half_year(today: datetime.date) -> tuple[int, int, datetime.date]:
    """(year, half, review day): the last half-year whose results the Government has reviewed before today (the
    results are due on the 15th of its last month and reviewed on the 26th)."""
    start = half_year_start(today)
    end = half_year_end(start)
    reviewed = datetime.date(end.year, end.month, 26)
    if reviewed >= today:
        start = previous_half_year(start)
        end = half_year_end(start)
        reviewed = datetime.date(end.year, end.month, 26)
    return start.year, 1 if start.month == 1 else 2, reviewed


def _instruction_deadline(reviewed: datetime.date, today: datetime.date, days: int | None) -> datetime.date:
    if days is None:
        return max(reviewed + datetime.timedelta(days=180), today + datetime.timedelta(days=30))
    if days == 127:  # the overdue one, as soon as there is time for it to be
        return max(
            reviewed + datetime.timedelta(days=14), min(reviewed + datetime.timedelta(days=days), today - 7 * DAY)
        )
    return reviewed + datetime.timedelta(days=days)


def add_half_year_demo(clock: DemoClock, layout: DemoLayout) -> dict[str, int]:
    today = layout.today
    year, half, reviewed_on = _reviewed_half_year(today)
    if HalfYearReport.objects.filter(year=year, half=half).exists():
        return {}
    written_on, submitted_on = reviewed_on.replace(day=10), reviewed_on.replace(day=12)
    coordinator, approver = demo_account(COORDINATOR), demo_account(APPROVER)
    words = HALF[half]
    with clock.at(_at(written_on)):
        report = save_half_year_narrative(
            actor=coordinator,
            year=year,
            half=half,
            narrative_kk=NARRATIVE[0].format(year=year, half=words[0]),
            narrative_ru=NARRATIVE[1].format(year=year, half=words[1]),
            narrative_en=NARRATIVE[2].format(year=year, half=words[2]),
            revision=0,
        )
    with clock.at(_at(submitted_on)):
        report = submit_half_year_report(actor=coordinator, year=year, half=half, now=_at(submitted_on))
    with clock.at(_at(reviewed_on, 16)):
        review = record_government_review(
            actor=approver,
            report=report,
            reviewed_on=reviewed_on,
            reference=f"№ 23, {reviewed_on:%d.%m.%Y}",
            conclusions_kk=CONCLUSIONS[0],
            conclusions_ru=CONCLUSIONS[1],
            conclusions_en=CONCLUSIONS[2],
        )
        given = []
        for code, text, deadline, _done in INSTRUCTIONS:
            instruction = add_instruction(
                actor=approver,
                review=review,
                text_kk=text[0],
                text_ru=text[1],
                text_en=text[2],
                assignee=Organisation.objects.get(code=code),
                deadline=_instruction_deadline(reviewed_on, today, deadline),
            )
            given.append(instruction)
    reported = 0
    for instruction, (code, _text, _deadline, done) in zip(given, INSTRUCTIONS, strict=True):
        done_on = reviewed_on + datetime.timedelta(days=done) if done is not None else None
        if done_on is None or done_on >= today:
            continue
        editor = demo_account(f"{code}.editor")
        order_day = minister_order_day(editor.language, done_on - 2 * DAY)
        with clock.at(_at(done_on, 15)):
            report_on_instruction(
                actor=editor,
                instruction=instruction,
                report=in_language(REPORT_ON_EXECUTION, editor.language).format(day=order_day),
                done_on=done_on,
                revision=instruction.revision,
            )
        reported += 1
    return {"half-year results submitted": 1, "Government instructions": len(given), "executed": reported}


def minister_order_day(language: str, day: datetime.date) -> str:
    if language == "en":
        return f"{day.day} {MONTHS['en'][day.month - 1]} {day.year}"
    if language == "kk":
        return f"{day.year} жылғы {day.day} {MONTHS['kk'][day.month - 1]}"
    return f"{day.day} {MONTHS['ru'][day.month - 1]} {day.year} года"
