"""Follow-up demo data (issue 6), entered through the follow-up's domain functions so the audit trail is real.

Of the four held demo visits (demo/layout.py):
- the Minister of Enlightenment's visit to Almaty about two and a half months ago: problem issues, the action
  plan, the results published five days late, progress reported late in its quarter (some measures done, one
  issue solved, one measure overdue) and in the next, and the ministry's progress report for the quarter
  published once the quarter is over;
- the Minister of Agriculture's visit to Turkistan Region about five weeks ago: the same, published on time
  (progress and the quarter's report as far as today allows);
- the Minister of Healthcare's visit to Abai Region four weeks ago: issues and plan drawn up but the results
  never published, so its ten-day obligation is overdue;
- the Minister of Finance's visit to Turkistan Region three weeks ago: left as the meeting left it, for a new
  user to take from the record to a published package (README).
Each step happens on its day (demo/clock.py). Running it twice changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from kezdesu.demo.accounts import demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import HELD_LATE, HELD_PUBLISHED, HELD_UNPUBLISHED, DemoLayout, quarter_end, quarter_start
from kezdesu.demo.texts import in_language
from kezdesu.followup.domain.issues import create_issue, set_issue_status
from kezdesu.followup.domain.plans import add_measure
from kezdesu.followup.domain.progress import report_progress
from kezdesu.followup.domain.progress_reports import publish_progress_report, save_narrative
from kezdesu.followup.domain.publication import publish_results, save_results
from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation, Role, User
from kezdesu.questions.models import Question

T = tuple[str, str, str]  # kk, ru, en

# Executors: "akimat" is the visited region's akimat, "ministry" the visiting ministry, else an organisation
# code, or a company's name prefixed with "company:".
AKIMAT, MINISTRY = "akimat", "ministry"


@dataclass(frozen=True)
class DemoMeasure:
    text: T
    executor: str
    position: T
    days: int  # deadline, days after the visit


@dataclass(frozen=True)
class DemoIssue:
    topic: str
    title: T
    description: T
    competent: str
    measures: tuple[DemoMeasure, ...]


DEPUTY_AKIM: T = ("Облыс әкімінің орынбасары", "Заместитель акима области", "Deputy akim of the region")
VICE_MINISTER: T = ("Вице-министр", "Вице-министр", "Vice minister")

ISSUES: dict[str, DemoIssue] = {
    "roads-transport": DemoIssue(
        "roads-transport",
        (
            "Аудан орталығынан ауылдарға баратын жолдардың нашар жағдайы",
            "Плохое состояние дорог от районного центра до сёл",
            "Poor state of the roads from the district centre to the villages",
        ),
        (
            "Тұрғындар аудан орталығы мен ауылдар арасындағы жолдың жөнделмегенін, көктемде өтуге келмейтінін айтты.",
            "Жители сообщили, что дорога между районным центром и сёлами не ремонтировалась и весной непроезжая.",
            "Residents said the road between the district centre and the villages has not been repaired and is "
            "impassable in spring.",
        ),
        AKIMAT,
        (
            DemoMeasure(
                (
                    "Жолды орташа жөндеуге жобалау-сметалық құжаттаманы әзірлеу",
                    "Разработать проектно-сметную документацию на средний ремонт дороги",
                    "Prepare the design and cost estimate for a medium repair of the road",
                ),
                AKIMAT,
                DEPUTY_AKIM,
                60,
            ),
            DemoMeasure(
                (
                    "Жөндеуді 2027 жылғы республикалық бюджеттен қаржыландыруға енгізу",
                    "Включить ремонт в финансирование из республиканского бюджета на 2027 год",
                    "Include the repair in the 2027 republican budget",
                ),
                "transport",
                VICE_MINISTER,
                115,
            ),
        ),
    ),
    "healthcare": DemoIssue(
        "healthcare",
        (
            "Емханаларда дәрігерлердің жетіспеуі және ұзақ кезек",
            "Нехватка врачей и длинные очереди в поликлиниках",
            "Shortage of doctors and long queues at the clinics",
        ),
        (
            "Азаматтар маман дәрігерге жазылу екі аптаға дейін созылатынын айтты.",
            "Граждане сообщили, что запись к профильному врачу занимает до двух недель.",
            "Citizens said an appointment with a specialist takes up to two weeks.",
        ),
        "healthcare",
        (
            DemoMeasure(
                (
                    "Ауылдық жерге келетін жас мамандарға көтерме жәрдемақы төлеу",
                    "Выплатить подъёмные молодым специалистам, прибывающим в сельскую местность",
                    "Pay relocation grants to young doctors coming to rural areas",
                ),
                AKIMAT,
                DEPUTY_AKIM,
                90,
            ),
            DemoMeasure(
                (
                    "Дәрігерге онлайн жазылуды барлық емханаларға енгізу",
                    "Внедрить онлайн-запись к врачу во всех поликлиниках",
                    "Introduce online appointments at every clinic",
                ),
                MINISTRY,
                VICE_MINISTER,
                150,
            ),
        ),
    ),
    "water": DemoIssue(
        "water",
        (
            "Ауылдарда ауыз судың болмауы",
            "Отсутствие питьевой воды в сёлах",
            "No drinking water in the villages",
        ),
        (
            "Бірнеше ауылда су құбыры жоқ, су бөшкемен тасылады.",
            "В нескольких сёлах нет водопровода, воду возят в бочках.",
            "Several villages have no water supply; water is brought in barrels.",
        ),
        AKIMAT,
        (
            DemoMeasure(
                (
                    "Ауылдарға су құбырын тарту жобасын 2027 жылғы бағдарламаға енгізу",
                    "Включить проект водопровода в сёла в программу 2027 года",
                    "Include the villages' water supply project in the 2027 programme",
                ),
                "water-resources-irrigation",
                VICE_MINISTER,
                100,
            ),
            DemoMeasure(
                (
                    "Су құбыры салынғанға дейін ауыз суды тегін жеткізуді ұйымдастыру",
                    "Организовать бесплатный подвоз питьевой воды до строительства водопровода",
                    "Deliver drinking water free of charge until the water supply is built",
                ),
                AKIMAT,
                DEPUTY_AKIM,
                30,
            ),
        ),
    ),
    "schools-preschool": DemoIssue(
        "schools-preschool",
        (
            "Мектептерде орын тапшылығы және үш ауысымды оқыту",
            "Дефицит мест в школах и обучение в три смены",
            "Shortage of school places and teaching in three shifts",
        ),
        (
            "Ата-аналар балалардың үш ауысыммен оқитынын және жаңа мектеп қажет екенін айтты.",
            "Родители сообщили, что дети учатся в три смены и нужна новая школа.",
            "Parents said children study in three shifts and a new school is needed.",
        ),
        "enlightenment",
        (
            DemoMeasure(
                (
                    "Жеке инвестор есебінен 600 орындық мектеп салу",
                    "Построить школу на 600 мест за счёт частного инвестора",
                    "Build a 600-place school with a private investor",
                ),
                AKIMAT,
                DEPUTY_AKIM,
                120,
            ),
        ),
    ),
    "energy": DemoIssue(
        "energy",
        (
            "Қыста электр жарығының жиі сөнуі",
            "Частые отключения электроэнергии зимой",
            "Frequent power cuts in winter",
        ),
        (
            "Тұрғындар ескі желілерге байланысты жарықтың жиі сөнетінін айтты.",
            "Жители сообщили о частых отключениях света из-за изношенных сетей.",
            "Residents reported frequent power cuts because of worn-out lines.",
        ),
        "company:KEGOC",
        (
            DemoMeasure(
                (
                    "Ауылдардағы 10 кВ электр желілерін ауыстыру",
                    "Заменить электросети 10 кВ в сёлах",
                    "Replace the 10 kV power lines in the villages",
                ),
                "company:KEGOC",
                ("Өңірлік филиал директоры", "Директор регионального филиала", "Director of the regional branch"),
                110,
            ),
        ),
    ),
}

RESULTS: dict[str, T] = {
    "agriculture": (
        "Министр облыс тұрғындарымен кездесіп, азаматтарды жеке қабылдады, ҮЕҰ өкілдерімен және БАҚ-пен кездесті. "
        "Кездесуге 420 адам қатысты, трансляцияны 3 100 адам көрді. Көтерілген мәселелер жүйеленіп, "
        "іс-қимыл жоспарына енгізілді.",
        "Министр встретился с жителями области, провёл личный приём граждан, встречи с НПО и брифинг для СМИ. "
        "Во встрече участвовали 420 человек, трансляцию посмотрели 3 100. Поднятые проблемы систематизированы "
        "и включены в план действий.",
        "The minister met the region's residents, received citizens in person, met NGOs and briefed the media. "
        "420 people took part and 3,100 watched the broadcast. The problems raised are systematised in the "
        "action plan.",
    ),
    "enlightenment": (
        "Министр қала тұрғындарымен кездесті, 35 азаматты жеке қабылдады. Мектептердегі орын тапшылығы мен "
        "жолдар туралы мәселелер іс-қимыл жоспарына енгізілді.",
        "Министр встретился с жителями города и принял 35 граждан. Проблемы дефицита мест в школах и дорог "
        "включены в план действий.",
        "The minister met the city's residents and received 35 citizens. The shortage of school places and the "
        "roads are in the action plan.",
    ),
    "healthcare": (
        "Министр облыс тұрғындарымен кездесті, емханалар мен ауыз су мәселелері көтерілді.",
        "Министр встретился с жителями области; подняты проблемы поликлиник и питьевой воды.",
        "The minister met the region's residents; the clinics and drinking water were raised.",
    ),
}

# Which issues each held visit's ministry systematised, and what happened after.
PLANS: dict[str, tuple[str, ...]] = {
    "agriculture": ("roads-transport", "water", "healthcare", "energy"),
    "enlightenment": ("schools-preschool", "roads-transport", "water"),
    "healthcare": ("healthcare", "water"),
}
PUBLISHED_AFTER_DAYS = {"agriculture": 8, "enlightenment": 15}  # enlightenment's is late (due after 10)


def _at(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _akimat(visit: Visit) -> Organisation:
    return Organisation.objects.get(kind=Organisation.Kind.AKIMAT, region=visit.region, is_active=True)


def _executor(code: str, visit: Visit) -> tuple[Organisation | None, str]:
    if code.startswith("company:"):
        return None, code.removeprefix("company:")
    if code == AKIMAT:
        return _akimat(visit), ""
    if code == MINISTRY:
        return visit.organisation, ""
    return Organisation.objects.get(code=code), ""


def _systematise(clock: DemoClock, visit: Visit, topics: Iterable[str], when: datetime.datetime) -> list[ProblemIssue]:
    editor = demo_account(f"{visit.organisation.code}.editor")
    issues = []
    for topic_code in topics:
        spec = ISSUES[topic_code]
        questions = list(
            Question.objects.filter(visit=visit, topic__code=topic_code, issue_link__isnull=True).exclude(
                status=Question.Status.HIDDEN
            )
        )
        if not questions:
            continue
        competent, company = _executor(spec.competent, visit)
        with clock.at(when):
            issue = create_issue(
                actor=editor,
                visit=visit,
                questions=questions,
                title_kk=spec.title[0],
                title_ru=spec.title[1],
                title_en=spec.title[2],
                description_kk=spec.description[0],
                description_ru=spec.description[1],
                description_en=spec.description[2],
                sector=questions[0].topic,
                competent_body=competent,
                competent_company=company,
            )
            for measure in spec.measures:
                executor, executor_company = _executor(measure.executor, visit)
                add_measure(
                    actor=editor,
                    issue=issue,
                    text_kk=measure.text[0],
                    text_ru=measure.text[1],
                    text_en=measure.text[2],
                    deadline=visit.end_date + datetime.timedelta(days=measure.days),
                    executor=executor,
                    executor_company=executor_company,
                    executor_position_kk=measure.position[0],
                    executor_position_ru=measure.position[1],
                    executor_position_en=measure.position[2],
                )
        issues.append(issue)
    return issues


def _reporter(measure: Measure) -> User:
    """Who reports on the measure: the executor body's demo editor, else the visiting ministry's."""
    if measure.executor is not None:
        account = _demo_editor(measure.executor)
        if account is not None:
            return account
    return demo_account(f"{measure.issue.visit.organisation.code}.editor")


def _demo_editor(organisation: Organisation | None) -> User | None:
    return (
        User.objects.filter(is_demo=True, memberships__organisation=organisation, memberships__role=Role.EDITOR)
        .order_by("pk")
        .first()
    )


DONE_COMMENT: T = (
    "Орындалды, қабылдау актісіне қол қойылды.",
    "Выполнено, акт приёмки подписан.",
    "Done; the acceptance certificate is signed.",
)
ON_SCHEDULE_COMMENT: T = ("Жұмыс кестеге сай жүріп жатыр.", "Работа идёт по графику.", "The work is on schedule.")
CONTRACTOR_COMMENT: T = (
    "Мердігер анықталды, шарт жасалды.",
    "Подрядчик определён, договор заключён.",
    "The contractor is chosen and the contract signed.",
)
NARRATIVE: T = (
    "Тоқсан ішінде іс-қимыл жоспарының шаралары кестеге сай орындалды.",
    "В квартале меры плана действий выполнялись по графику.",
    "During the quarter the action plan's measures were carried out on schedule.",
)


def _report(
    clock: DemoClock, measure: Measure, *, day: datetime.date, status: str, percent: int, comment: T, links: list[str]
) -> None:
    reporter = _reporter(measure)
    with clock.at(_at(day, 16)):
        report_progress(
            actor=reporter,
            measure=measure,
            status=status,
            percent=percent,
            comment=in_language(comment, reporter.language),
            evidence_links=links,
            today=day,
        )


def _report_days(visit: Visit, published: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The days progress is reported: late in the visit's quarter and in each quarter since, after the results
    were published and before today."""
    days: list[datetime.date] = []
    quarter = quarter_start(visit.end_date)
    while quarter <= today:
        day = min(quarter_end(quarter) - datetime.timedelta(days=4), today - datetime.timedelta(days=2))
        day = max(day, published + datetime.timedelta(days=1))
        if quarter <= day <= quarter_end(quarter) and day < today and (not days or day > days[-1]):
            days.append(day)
        quarter = quarter_end(quarter) + datetime.timedelta(days=1)
    return days[:2]


def _progress(clock: DemoClock, issues: list[ProblemIssue], *, visit: Visit, published: datetime.date) -> None:
    """Reports on every measure whose body has a demo account in the visit's quarter: those due within about a
    month done, but the first (left overdue); a second report in the next quarter from the ministry and companies,
    leaving the akimats' for a new user (README); an issue with every measure done is solved."""
    days = _report_days(visit, published, clock.today)
    if not days:
        return
    first = days[0]
    measures = [measure for issue in issues for measure in issue.measures.order_by("order", "pk")]
    for index, measure in enumerate(measures):
        own = measure.executor is None or measure.executor == visit.organisation
        if not own and _demo_editor(measure.executor) is None:
            continue  # bodies without demo accounts report outside the demo
        done = index > 0 and measure.deadline <= first + datetime.timedelta(days=35)
        _report(
            clock,
            measure,
            day=first,
            status=MeasureStatus.DONE if done else MeasureStatus.IN_PROGRESS,
            percent=100 if done else 40,
            comment=DONE_COMMENT if done else ON_SCHEDULE_COMMENT,
            links=["https://www.gov.kz/memleket/entities/documents/demo-act"] if done else [],
        )
        if not done and own and len(days) > 1:
            _report(
                clock,
                measure,
                day=days[1],
                status=MeasureStatus.IN_PROGRESS,
                percent=70,
                comment=CONTRACTOR_COMMENT,
                links=[],
            )
    for issue in issues:
        issue.refresh_from_db()
        if issue.measures.exclude(status=MeasureStatus.DONE).exists():
            continue
        with clock.at(_at(first, 17)):
            set_issue_status(
                actor=demo_account(f"{visit.organisation.code}.editor"),
                issue=issue,
                status=ProblemIssue.Status.SOLVED,
                revision=issue.revision,
            )


def _askers_want_updates(visit: Visit) -> None:
    """The demo citizens who left an e-mail ticked "tell me what becomes of my question" on the form."""
    Question.objects.filter(visit=visit, consent=True, contact__contains="@").update(wants_updates=True)


@transaction.atomic
def add_followup_demo(clock: DemoClock, layout: DemoLayout, visits: dict[str, Visit]) -> dict[str, int]:
    """Enter the follow-up demo for the held demo visits; returns what was added."""
    added = {"issues": 0, "published": 0, "reports": 0}
    for key in (HELD_LATE, HELD_PUBLISHED, HELD_UNPUBLISHED):
        visit = visits[key]
        code = visit.organisation.code
        if visit.status != Visit.Status.HELD or code not in PLANS or visit.problem_issues.exists():
            continue
        ended = _at(visit.end_date, 17)
        _askers_want_updates(visit)
        issues = _systematise(clock, visit, PLANS[code], min(ended + datetime.timedelta(days=2), clock.now))
        added["issues"] += len(issues)
        if key == HELD_UNPUBLISHED:
            continue
        published = _at(visit.end_date + datetime.timedelta(days=PUBLISHED_AFTER_DAYS[code]), 10)
        if published > clock.now:
            continue  # not yet: nothing is dated after the demo's today (its ten days are still running)
        editor, approver = demo_account(f"{code}.editor"), demo_account(f"{code}.approver")
        with clock.at(published - datetime.timedelta(hours=20)):
            save_results(
                actor=editor,
                visit=visit,
                results_kk=RESULTS[code][0],
                results_ru=RESULTS[code][1],
                results_en=RESULTS[code][2],
                revision=0,
            )
        with clock.at(published):
            publish_results(actor=approver, visit=visit, now=published)
        added["published"] += 1
        _progress(clock, issues, visit=visit, published=published.date())
        quarter = quarter_start(visit.end_date)
        closes = _at(quarter_end(quarter), 12)
        if closes > clock.now:
            continue  # the quarter's progress report tells of visits held in it, once the quarter is over
        common: dict[str, Any] = {
            "organisation": visit.organisation,
            "year": quarter.year,
            "quarter": (quarter.month - 1) // 3 + 1,
        }
        with clock.at(closes):
            save_narrative(
                actor=editor,
                **common,
                narrative_kk=NARRATIVE[0],
                narrative_ru=NARRATIVE[1],
                narrative_en=NARRATIVE[2],
                revision=0,
            )
            publish_progress_report(actor=approver, **common, now=closes)
        added["reports"] += 1
    return added
