"""Agendas and publicity tasks demo (R15, R12, R13, R18), entered through the meetings domain so the audit
trail is real.

For the demo's visits:
- the meeting's agenda of every visit still ahead with its times set: opening, the minister's report (a
  quarter of the time at most), questions and answers, closing, titled in kk, ru and en;
- every visit's task list; the held visits' tasks all done; of the visits ahead, the first well advanced
  (the akimat's venue and announcements, the authorized body's national media, the ministry's agenda and
  press release), the second just begun, the one being prepared untouched.
Each party's own demo staff change its tasks; for a party without a demo account the administrator records
what it reported (its note says so). Setting the
same agenda or status again changes nothing, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from django.db import transaction
from django.test.utils import override_settings

from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import DAY, HELD, LIVE, VOTE_FIXED, VOTE_OPEN
from kezdesu.demo.texts import T, in_language
from kezdesu.meetings.domain.agenda import AgendaEntry, max_presentation_share, part_minutes, set_agenda
from kezdesu.meetings.domain.tasks import create_visit_tasks, may_update_task, update_task
from kezdesu.meetings.models import AgendaItem, Visit, VisitPart, VisitTask
from kezdesu.organisations.models import Role, User
from kezdesu.planning.domain.queries.schedule import akimat_of_region

ADMIN = "admin"
COORDINATOR = "culture-information.coordinator"
OPENING = {"kk": "Кездесудің ашылуы", "ru": "Открытие встречи", "en": "Opening of the meeting"}
REPORT = {
    "kk": "Сала дамуы туралы баяндама",
    "ru": "Доклад о развитии отрасли",
    "en": "Report on the sector's development",
}
QUESTIONS = {
    "kk": "Тұрғындардың сұрақтары мен ұсыныстары",
    "ru": "Вопросы и предложения жителей",
    "en": "Residents' questions and proposals",
}
CLOSING = {"kk": "Қорытынды", "ru": "Подведение итогов", "en": "Closing remarks"}
# (status per task code) of the visits ahead: today's and the next working day's well advanced, the next one's just
# begun; the one being prepared untouched.
WELL_ADVANCED: dict[str, str] = {
    "venue": VisitTask.Status.DONE,
    "social_accounts": VisitTask.Status.DONE,
    "public_places": VisitTask.Status.IN_PROGRESS,
    "equipment": VisitTask.Status.IN_PROGRESS,
    "national_media": VisitTask.Status.DONE,
    "agenda_approved": VisitTask.Status.DONE,
    "press_release": VisitTask.Status.DONE,
    "video_conference": VisitTask.Status.NOT_NEEDED,
}
PROGRESS: dict[str, dict[str, str]] = {
    LIVE: {**WELL_ADVANCED, "public_places": VisitTask.Status.DONE, "equipment": VisitTask.Status.DONE},
    VOTE_OPEN: WELL_ADVANCED,
    VOTE_FIXED: {"venue": VisitTask.Status.IN_PROGRESS, "agenda_approved": VisitTask.Status.DONE},
}
NOTES: dict[str, T] = {
    "venue": (
        "Зал 400 орынға арналған; бүйір кіреберісте пандус бар.",
        "Зал на 400 мест; у бокового входа есть пандус.",
        "The hall seats 400; a ramp at the side entrance.",
    ),
    "national_media": (
        "«Хабар 24» мен «Қазақпарат» хабарлады.",
        "Анонсировано «Хабар 24» и «Казинформом».",
        "Announced by Khabar 24 and Kazinform.",
    ),
}
BY_ADMIN_NOTE: T = (
    "Тарап хабарлағандай әкімші енгізді (тараптың демо-есептік жазбасы жоқ).",
    "Внесено администратором со слов стороны (у стороны нет демо-учётной записи).",
    "Recorded by the administrator as the party reported it (the party has no demo account).",
)


def _agenda(part: VisitPart, visit: Visit) -> list[AgendaEntry]:
    total = part_minutes(part) or 90
    report = math.floor(max_presentation_share(visit) * total) - 5  # a little under the limit
    closing = opening = 5
    return [
        _entry(AgendaItem.Kind.OPENING, opening, OPENING),
        _entry(AgendaItem.Kind.PRESENTATION, report, REPORT, speaker=visit.position.title),
        _entry(AgendaItem.Kind.QUESTIONS, total - opening - report - closing, QUESTIONS),
        _entry(AgendaItem.Kind.CLOSING, closing, CLOSING),
    ]


def _entry(kind: str, minutes: int, title: dict[str, str], speaker: str = "") -> AgendaEntry:
    return AgendaEntry(
        kind=kind,
        planned_minutes=minutes,
        title_kk=title["kk"],
        title_ru=title["ru"],
        title_en=title["en"],
        speaker=speaker,
    )


def _demo_staff(organisation: Any) -> User | None:
    """The organisation's demo editor (or approver), if it has one."""
    if organisation is None:
        return None
    return (
        User.objects.filter(
            is_demo=True,
            memberships__organisation=organisation,
            memberships__role__in=(Role.EDITOR, Role.APPROVER),
        )
        .order_by("memberships__role", "pk")
        .first()
    )


def _workers(visit: Visit) -> dict[str, User | None]:
    """Each party's demo staff member; the administrator where a party has none."""
    admin = User.objects.filter(username=ADMIN, is_demo=True).first()
    workers = {
        VisitTask.Responsible.AKIMAT: _demo_staff(akimat_of_region(visit.region)),
        VisitTask.Responsible.AUTHORIZED_BODY: User.objects.filter(username=COORDINATOR, is_demo=True).first(),
        VisitTask.Responsible.MINISTRY: _demo_staff(visit.organisation),
    }
    return {party: worker or admin for party, worker in workers.items()}


def _advance(visit: Visit, statuses: dict[str, str] | None) -> int:
    """Set the tasks' statuses (all done when `statuses` is None); returns how many changed."""
    workers = _workers(visit)
    changed = 0
    for task in VisitTask.objects.filter(visit=visit).select_related("visit"):
        status = VisitTask.Status.DONE if statuses is None else statuses.get(task.code)
        worker = workers[task.responsible]
        if status is None or worker is None or task.status == status or not may_update_task(worker, task):
            continue
        if worker.is_superuser:
            note = in_language(BY_ADMIN_NOTE, worker.language)
        else:
            note = in_language(NOTES[task.code], worker.language) if task.code in NOTES else task.note
        update_task(actor=worker, task=task, status=status, note=note)
        changed += 1
    return changed


@transaction.atomic
def add_agenda_demo(clock: DemoClock, visits: dict[str, Visit]) -> dict[str, int]:
    """Enter the agendas and tasks of the demo's visits; returns counts of what was done."""
    counts = {"agendas": 0, "task_lists": 0, "tasks_changed": 0}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for key, visit in visits.items():
            meeting = visit.parts.filter(kind=VisitPart.Kind.MEETING).first()
            open_visit = visit.status in (Visit.Status.DRAFT, Visit.Status.PUBLISHED) and key not in HELD
            # The visits ahead were worked on in the past days; the held ones' tasks were done the day before.
            moment = clock.now - datetime.timedelta(days=3) if open_visit else clock.on(visit.start_date - DAY, 17)
            with clock.at(moment):
                if open_visit and meeting is not None and meeting.starts_at is not None:
                    editor = _demo_staff(visit.organisation) or User.objects.get(username=ADMIN, is_demo=True)
                    if not meeting.agenda.exists():
                        set_agenda(actor=editor, part=meeting, items=_agenda(meeting, visit))
                        counts["agendas"] += 1
                had_tasks = VisitTask.objects.filter(visit=visit).exists()
                create_visit_tasks(visit=visit)
                counts["task_lists"] += 0 if had_tasks else 1
                if key in HELD:
                    counts["tasks_changed"] += _advance(visit, None)
                elif key in PROGRESS:
                    counts["tasks_changed"] += _advance(visit, PROGRESS[key])
    return counts
