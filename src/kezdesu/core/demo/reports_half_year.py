"""Half-year results demo data (issue 7, R23), entered through the reports' domain functions.

- The first half of 2026: the authorized body's coordinator wrote the narrative and submitted the results on
  12 June 2026 (due 15 June); the Government reviewed them on 26 June 2026 and the Apparatus's approver
  recorded the review with three instructions: to Enlightenment (executed on time), to Agriculture (being
  executed) and to Healthcare (overdue).
- The second half of 2026 (due 15 December) is left for a new user to write and submit; its systemic problems
  section shows the akimats' problems of planning's demo (July–December 2026).
Each step is dated when it would have happened. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from kezdesu.core.demo.accounts import demo_account
from kezdesu.core.models import Notification
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.models import Fulfilment
from kezdesu.reports.domain.half_year import save_half_year_narrative, submit_half_year_report
from kezdesu.reports.domain.instructions import add_instruction, record_government_review, report_on_instruction
from kezdesu.reports.models import GovernmentReview, HalfYearReport, Instruction

COORDINATOR = "culture-information.coordinator"
APPROVER = "government-apparatus.approver"
WRITTEN_ON = datetime.date(2026, 6, 10)
SUBMITTED_ON = datetime.date(2026, 6, 12)
REVIEWED_ON = datetime.date(2026, 6, 26)

NARRATIVE = (
    "2026 жылдың бірінші жартысында министрлер өңірлерге барып, халықпен кездесулер өткізді. Көтерілген "
    "проблемалық мәселелердің басым бөлігі жол, сумен жабдықтау және білім беру салаларына қатысты.\n"
    "Тоқсандық ақпаратты барлық министрліктер бірдей уақытында ұсынған жоқ: кешіккендер туралы ескертілді.",
    "В первом полугодии 2026 года министры провели встречи с населением в регионах. Большая часть поднятых "
    "проблемных вопросов касается дорог, водоснабжения и образования.\n"
    "Не все министерства представили квартальную информацию в срок: опоздавшим направлены замечания.",
    "In the first half of 2026 the ministers met the population in the regions. Most of the problem issues raised "
    "concern roads, water supply and education.\n"
    "Not every ministry submitted its quarterly information on time: those late have been reminded.",
)
CONCLUSIONS = (
    "Үкімет ақпаратты назарға алды. Министрліктерге проблемалық мәселелерді шешу мерзімдерін сақтау тапсырылды.",
    "Правительство приняло информацию к сведению. Министерствам поручено соблюдать сроки решения проблемных вопросов.",
    "The Government took note of the information. The ministries are to keep the deadlines for solving the "
    "problem issues.",
)
# (executor, text kk/ru/en, deadline, executed on or None)
OPEN_DEADLINE = datetime.date(2026, 12, 20)
INSTRUCTIONS: tuple[tuple[str, tuple[str, str, str], datetime.date | None, datetime.date | None], ...] = (
    (
        "enlightenment",
        (
            "Алматы қаласындағы мектептердегі орын тапшылығы бойынша іс-шаралар жоспарын бекіту.",
            "Утвердить план мероприятий по дефициту мест в школах города Алматы.",
            "Approve a plan of measures on the shortage of school places in Almaty.",
        ),
        datetime.date(2026, 9, 30),
        datetime.date(2026, 9, 15),
    ),
    (
        "agriculture",
        (
            "Түркістан облысының ауылдарын суармалы сумен қамтамасыз ету жобаларын қаржыландыруды қарастыру.",
            "Проработать финансирование проектов обеспечения сёл Туркестанской области поливной водой.",
            "Work out the funding of irrigation water projects for the villages of Turkistan Region.",
        ),
        None,  # being executed: 20 December 2026, or a month after a later demo's today
        None,
    ),
    (
        "healthcare",
        (
            "Абай облысындағы кездесу нәтижелерін жариялап, проблемалық мәселелер бойынша жоспар ұсыну.",
            "Опубликовать итоги встречи в области Абай и представить план по проблемным вопросам.",
            "Publish the results of the meeting in Abai Region and present the plan on its problem issues.",
        ),
        datetime.date(2026, 10, 31),
        None,
    ),
)
REPORT_ON_EXECUTION = "План мероприятий утверждён приказом министра от 15 сентября 2026 года № 412."


def _at(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@contextmanager
def _dated(when: datetime.datetime) -> Iterator[None]:
    """Move what the block wrote (notifications, fulfilments) to the moment it would have happened; the audit
    trail is append-only and keeps the real time of loading."""
    last_notice = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_fulfilment = Fulfilment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    yield
    Notification.objects.filter(pk__gt=last_notice).update(created_at=when)
    Fulfilment.objects.filter(pk__gt=last_fulfilment).update(recorded_at=when)


def add_half_year_demo(*, today: datetime.date) -> dict[str, int]:
    if today < REVIEWED_ON or HalfYearReport.objects.filter(year=2026, half=1).exists():
        return {}
    coordinator, approver = demo_account(COORDINATOR), demo_account(APPROVER)
    with _dated(_at(WRITTEN_ON)):
        report = save_half_year_narrative(
            actor=coordinator,
            year=2026,
            half=1,
            narrative_kk=NARRATIVE[0],
            narrative_ru=NARRATIVE[1],
            narrative_en=NARRATIVE[2],
            revision=0,
        )
    HalfYearReport.objects.filter(pk=report.pk).update(created_at=_at(WRITTEN_ON))
    with _dated(_at(SUBMITTED_ON)):
        report = submit_half_year_report(actor=coordinator, year=2026, half=1, now=_at(SUBMITTED_ON))
    with _dated(_at(REVIEWED_ON, 16)):
        review = record_government_review(
            actor=approver,
            report=report,
            reviewed_on=REVIEWED_ON,
            reference="№ 23, 26.06.2026",
            conclusions_kk=CONCLUSIONS[0],
            conclusions_ru=CONCLUSIONS[1],
            conclusions_en=CONCLUSIONS[2],
        )
        GovernmentReview.objects.filter(pk=review.pk).update(recorded_at=_at(REVIEWED_ON, 16))
        given = []
        for code, text, deadline, _done_on in INSTRUCTIONS:
            instruction = add_instruction(
                actor=approver,
                review=review,
                text_kk=text[0],
                text_ru=text[1],
                text_en=text[2],
                assignee=Organisation.objects.get(code=code),
                deadline=deadline or max(OPEN_DEADLINE, today + datetime.timedelta(days=30)),
            )
            given.append(instruction)
        Instruction.objects.filter(review=review).update(created_at=_at(REVIEWED_ON, 16))
    reported = 0
    for instruction, (code, _text, _deadline, done_on) in zip(given, INSTRUCTIONS, strict=True):
        if done_on is None or done_on > today:
            continue
        with _dated(_at(done_on, 15)):
            report_on_instruction(
                actor=demo_account(f"{code}.editor"),
                instruction=instruction,
                report=REPORT_ON_EXECUTION,
                done_on=done_on,
                revision=instruction.revision,
            )
        Instruction.objects.filter(pk=instruction.pk).update(reported_at=_at(done_on, 15))
        reported += 1
    return {"half-year results submitted": 1, "Government instructions": len(given), "executed": reported}
