"""Planning demo data, entered through the planning domain functions so the audit trail is real.

Laid out around the demo's today (demo/layout.py):
- each approved half-year (today's, and the one before or after where a demo visit falls): a meeting of every
  non-exempt ministry's first head in each quarter, on working days over the regions — the demo ministries' on
  the days of their demo visits — agreed by the parties with demo accounts (the others' answers received on paper
  and recorded with their letters), submitted a week before the Government's act, approved about three weeks
  before the half-year begins ("№ 456"); today's half-year then amended once, halfway between its approval
  and today (a meeting moved by a week at the akimat's request, approved by "№ 611"): versions 1 and 2;
- the next half-year in progress: the ministries' proposals (submitted, one still a draft), the coordinator's
  working draft with several of them included, a few agreements decided (one disagreed with) and the rest
  awaiting an answer, so the draft shows warnings;
- systemic problems of today's half-year sent by three akimats to ministries, some answered;
- a high-level risk flag raised by the Turkestan akimat for healthcare, assigned by the coordinator, with an
  unscheduled meeting of the Minister of Healthcare in Turkistan Region in the draft linked to it, a deputy prime
  minister taking part.
Each part is skipped when its data already exists, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db import transaction
from django.test.utils import override_settings

from kezdesu.demo.accounts import demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import DAY, VISITS, DemoLayout, half_year_start, quarter_end, quarter_start
from kezdesu.demo.texts import T, fill_languages, in_language, texts_for
from kezdesu.organisations.models import Organisation, Position, Region, User
from kezdesu.planning.domain.agreement import decide_agreement, record_paper_answer
from kezdesu.planning.domain.draft import add_item, include_proposal, update_item, working_version
from kezdesu.planning.domain.periods import ensure_period
from kezdesu.planning.domain.problems import answer_systemic_problem, create_systemic_problem, send_systemic_problems
from kezdesu.planning.domain.proposals import create_proposal, submit_proposals
from kezdesu.planning.domain.risks import assign_risk_flag, raise_risk_flag
from kezdesu.planning.domain.versions import approve_schedule, submit_schedule
from kezdesu.planning.domain.warnings import acknowledge_warning, draft_warnings
from kezdesu.planning.models import (
    ItemAgreement,
    PlanningPeriod,
    Proposal,
    RiskFlag,
    ScheduleItem,
    SystemicProblem,
)

COORDINATOR = "culture-information.coordinator"
GOVERNMENT_APPROVER = "government-apparatus.approver"
ACT_NUMBER = "№ 456"
AMENDMENT_ACT_NUMBER = "№ 611"
AMENDMENT_REASON: T = (
    "Кездесу әкімдіктің өтініші бойынша бір аптаға шегеріледі: алғашқы күні облыстық бюджет тыңдаулары өтеді.",
    "Встреча переносится на неделю по просьбе акимата: на первоначальную дату приходятся бюджетные слушания области.",
    "The meeting moves by a week at the akimat's request: the region's budget hearings fall on the first date.",
)
LETTER_NOTE: T = (
    "Уәкілетті орган ескертуді назарға алды: өңірге келесі жарты жылдықта бару жоспарланған.",
    "Уполномоченный орган принял замечание к сведению: поездка в регион запланирована на следующее полугодие.",
    "Noted by the authorized body: a visit to the region is planned for the next half-year.",
)
PAPER_LETTER: T = (
    "{date:%d.%m.%Y} № {number} хат (бұл органның демо-есептік жазбасы жоқ)",
    "Письмо от {date:%d.%m.%Y} № {number} (у этого органа нет демо-учётной записи)",
    "Letter No. {number} of {date:%d.%m.%Y} (this body has no demo account)",
)
TOPICS: T = (
    "Саланың өңірдегі басымдықтары; азаматтардың сұрақтары.",
    "Приоритеты отрасли в регионе; вопросы граждан.",
    "The sector's priorities in the region; the citizens' questions.",
)
# Ministries and akimats with demo accounts: their editors answer in Kezdesu.
DEMO_MINISTRIES = {
    "finance": "finance.editor",
    "healthcare": "healthcare.editor",
    "enlightenment": "enlightenment.editor",
    "agriculture": "agriculture.editor",
}
DEMO_AKIMATS = {
    "akimat-almaty-city": "almaty-city.editor",
    "akimat-turkistan": "turkestan.editor",
    "akimat-abai": "abai.editor",
}
# Where a demo ministry's first head goes in a quarter without a demo visit (KATO codes; quarters alternate).
DEMO_MINISTRY_REGIONS = {
    "finance": ("750000000", "610000000"),
    "healthcare": ("100000000", "610000000"),
    "enlightenment": ("750000000", "100000000"),
    "agriculture": ("610000000", "750000000"),
}
KEY_REGIONS = {"610000000", "750000000", "100000000"}


def _first_head(organisation: Organisation) -> Position:
    return Position.objects.get(organisation=organisation, level=Position.Level.FIRST_HEAD, is_active=True)


def _non_exempt_ministries(period: PlanningPeriod) -> list[Organisation]:
    exempt = set(period.profile.exempt_organisations.values_list("pk", flat=True))
    return [
        ministry
        for ministry in Organisation.objects.filter(kind=Organisation.Kind.MINISTRY, is_active=True).order_by("code")
        if ministry.pk not in exempt and ministry.parent_id not in exempt
    ]


def _answer_agreements(item: ScheduleItem) -> None:
    """The parties with demo accounts agree; the others' agreement stays for acknowledgement."""
    for agreement in item.agreements.select_related("organisation"):
        username = DEMO_MINISTRIES.get(agreement.organisation.code) or DEMO_AKIMATS.get(agreement.organisation.code)
        if username and agreement.decision == ItemAgreement.Decision.PENDING:
            decide_agreement(actor=demo_account(username), agreement=agreement, decision=ItemAgreement.Decision.AGREED)


def _answers_on_paper(coordinator: User, period: PlanningPeriod, *, received: datetime.date) -> None:
    """The parties without demo accounts answered by letter: the authorized body records their answers."""
    version = working_version(period)
    pending = ItemAgreement.objects.filter(
        item__version=version, decision=ItemAgreement.Decision.PENDING
    ).select_related("item__version", "organisation")
    letter = in_language(PAPER_LETTER, coordinator.language)
    for number, agreement in enumerate(pending.order_by("pk"), start=101):
        record_paper_answer(
            actor=coordinator,
            agreement=agreement,
            decision=ItemAgreement.Decision.AGREED,
            reference=letter.format(number=f"04-{number}", date=received),
        )


def _acknowledge_all(coordinator: User, period: PlanningPeriod) -> None:
    """The remaining warnings (a region without a meeting, a crowded day) stand, with the authorized body's note."""
    version = working_version(period)
    for warning in draft_warnings(version):
        if not warning.is_acknowledged and not warning.is_blocking:
            acknowledge_warning(
                actor=coordinator, version=version, key=warning.key, note=in_language(LETTER_NOTE, coordinator.language)
            )


def _quarters(period: PlanningPeriod) -> Iterator[tuple[datetime.date, datetime.date]]:
    start = period.start
    while start <= period.end:
        yield start, quarter_end(start)
        start = quarter_end(start) + DAY


def _meetings(layout: DemoLayout, period: PlanningPeriod) -> list[tuple[Organisation, str, datetime.date]]:
    """(ministry, region KATO, day) of the half-year: the demo visits' meetings, then one in each quarter for every
    ministry without one, spread over the working days left so that no two ministers come on one day."""
    ministries = _non_exempt_ministries(period)
    by_code = {ministry.code: ministry for ministry in ministries}
    regions = sorted(Region.objects.values_list("kato", flat=True))
    others = [kato for kato in regions if kato not in KEY_REGIONS]
    meetings = [
        (by_code[code], kato, layout.visit_day(key))
        for key, code, kato, _offset in VISITS
        if code in by_code and half_year_start(layout.visit_day(key)) == period.start
    ]
    for quarter, (first, last) in enumerate(_quarters(period)):
        covered = {ministry.code for ministry, _kato, day in meetings if quarter_start(day) == first}
        days = [
            day
            for day in (first + datetime.timedelta(days=offset) for offset in range((last - first).days + 1))
            if layout.calendar.is_working_day(day) and day not in layout.reserved_days and day.day >= 4
        ]
        step = max(1, len(days) // (len(ministries) + 1))
        for index, ministry in enumerate(ministries):
            if ministry.code in covered:
                continue
            if ministry.code in DEMO_MINISTRY_REGIONS:
                kato = DEMO_MINISTRY_REGIONS[ministry.code][(first.month // 3) % 2]
            else:
                kato = others[(index + quarter * 7 + first.year) % len(others)]
            meetings.append((ministry, kato, days[(index * step + quarter) % len(days)]))
    return meetings


@transaction.atomic
def _approved_half_year(clock: DemoClock, layout: DemoLayout, coordinator: User, start: datetime.date) -> int:
    """A half-year compiled, agreed, submitted and approved (today's also amended once). Returns the items added."""
    submitted_on, approved_on = layout.submission_date(start), layout.approval_date(start)
    compiled_on = submitted_on - datetime.timedelta(days=12)
    with clock.at(clock.on(compiled_on, 10)):
        period = ensure_period(actor=coordinator, start=start)
        if period.versions.filter(number__isnull=False).exists():
            return 0
        version = working_version(period)
        regions = {region.kato: region for region in Region.objects.all()}
        items = []
        for ministry, kato, day in _meetings(layout, period):
            item = add_item(
                actor=coordinator,
                version=version,
                organisation=ministry,
                position=_first_head(ministry),
                region=regions[kato],
                start_date=day,
                end_date=day,
                **texts_for(add_item, ScheduleItem, "topics", TOPICS, author=coordinator),
            )
            fill_languages(item, "topics", TOPICS)
            items.append(item)
    with clock.at(clock.on(compiled_on + 2 * DAY, 15)):
        for item in items:
            _answer_agreements(item)
    received = submitted_on - datetime.timedelta(days=3)
    with clock.at(clock.on(received, 12)):
        _answers_on_paper(coordinator, period, received=received)
        _acknowledge_all(coordinator, period)
    with clock.at(clock.on(submitted_on, 16)):
        submit_schedule(actor=coordinator, period=period)
    with clock.at(clock.on(approved_on, 15)):
        approve_schedule(
            actor=demo_account(GOVERNMENT_APPROVER), period=period, act_number=ACT_NUMBER, act_date=approved_on
        )
    if start == layout.current_period:
        _amend(clock, layout, coordinator, period, items)
    return len(items)


def _amend(
    clock: DemoClock, layout: DemoLayout, coordinator: User, period: PlanningPeriod, items: list[ScheduleItem]
) -> None:
    """Move one meeting of a ministry without demo accounts by a week, agreed again and approved by a new act."""
    act_on = layout.amendment_date
    changed_on = act_on - datetime.timedelta(days=7)
    demo_days = layout.reserved_days
    moved = None
    for item in sorted(items, key=lambda item: item.start_date):
        if item.organisation.code in DEMO_MINISTRIES or item.start_date <= act_on + 2 * DAY:
            continue
        later = layout.calendar.next_working_day_on_or_after(item.start_date + datetime.timedelta(days=7))
        while later in demo_days:
            later = layout.calendar.next_working_day_on_or_after(later + DAY)
        if later <= period.end:
            moved = (item, later)
            break
    if moved is None:
        return
    item, later = moved
    with clock.at(clock.on(changed_on, 10)):
        item = update_item(
            actor=coordinator, item=ScheduleItem.objects.get(pk=item.pk), start_date=later, end_date=later
        )
    with clock.at(clock.on(changed_on + 2 * DAY, 12)):
        _answer_agreements(item)  # moving the meeting asked its ministry and akimat again
        _answers_on_paper(coordinator, period, received=changed_on + 2 * DAY)
    with clock.at(clock.on(act_on - datetime.timedelta(days=4), 16)):
        submit_schedule(actor=coordinator, period=period, reason=in_language(AMENDMENT_REASON, coordinator.language))
    with clock.at(clock.on(act_on, 15)):
        approve_schedule(
            actor=demo_account(GOVERNMENT_APPROVER), period=period, act_number=AMENDMENT_ACT_NUMBER, act_date=act_on
        )


# (ministry, region KATO, preferred from and until (month of the half-year, day), topics, included in the draft)
PROPOSALS: tuple[tuple[str, str, tuple[int, int], tuple[int, int], T, bool], ...] = (
    (
        "finance",
        "750000000",
        (1, 1),
        (1, 12),
        (
            "Қаладағы бюджеттің атқарылуы; салық әкімшілендіру.",
            "Исполнение бюджета в городе; налоговое администрирование.",
            "Budget execution in the city; tax administration.",
        ),
        True,
    ),
    (
        "finance",
        "610000000",
        (3, 5),
        (3, 16),
        (
            "Шағын бизнеске субсидиялар; мемлекеттік сатып алу.",
            "Субсидии малому бизнесу; государственные закупки.",
            "Subsidies to small business; public procurement.",
        ),
        False,
    ),
    (
        "healthcare",
        "100000000",
        (1, 15),
        (1, 26),
        (
            "Ауылдық емханаларды кадрмен қамту; дәрі-дәрмекпен жабдықтау.",
            "Кадровое обеспечение сельских поликлиник; лекарственное обеспечение.",
            "Rural clinics' staffing; medicines supply.",
        ),
        True,
    ),
    (
        "healthcare",
        "350000000",
        (4, 10),
        (4, 21),
        (
            "Кен қалаларындағы еңбекті қорғау және кәсіптік денсаулық.",
            "Охрана труда и профессиональное здоровье в шахтёрских городах.",
            "Occupational health in mining towns.",
        ),
        False,
    ),
    (
        "enlightenment",
        "610000000",
        (2, 1),
        (2, 12),
        (
            "Тез өсіп жатқан аудандардағы жаңа мектептер.",
            "Новые школы в быстрорастущих районах.",
            "New schools in fast-growing districts.",
        ),
        True,
    ),
    (
        "agriculture",
        "630000000",
        (3, 19),
        (3, 30),
        ("Көктемгі егіс; жайылымдық жерлер.", "Весенний сев; пастбищные угодья.", "Spring sowing; pasture lands."),
        True,
    ),
)
DRAFT_PROPOSAL: tuple[str, str, tuple[int, int], tuple[int, int], T] = (
    "enlightenment",
    "710000000",
    (4, 17),
    (4, 28),
    (
        "Мұғалімдердің жүктемесі; мектептегі тамақтану.",
        "Нагрузка учителей; школьное питание.",
        "Teachers' workload; school meals.",
    ),
)
SECTOR_PROBLEMS: T = (
    "Өңірдің көрсеткіштері республикалық орташа деңгейден төмен.",
    "Показатели региона ниже среднереспубликанских.",
    "The region's indicators are below the national average.",
)
COMMENTED: T = (
    "Облыстық перинаталдық орталыққа баруды қосуды сұраймыз.",
    "Просим добавить посещение областного перинатального центра.",
    "Please add a visit to the regional perinatal centre.",
)
DISAGREED: T = (
    "Сол аптада әкім республикалық кеңеске қатысады; кездесуді екі аптаға кейін шегеруді ұсынамыз.",
    "На этой неделе аким участвует в республиканском совещании; предлагаем перенести встречу на две недели.",
    "The akim attends a national meeting that week; we propose moving the meeting by two weeks.",
)


def _month_day(period: PlanningPeriod, month_day: tuple[int, int]) -> datetime.date:
    month, day = month_day
    return datetime.date(period.start.year, period.start.month + month - 1, day)


def _propose(
    period: PlanningPeriod, code: str, kato: str, start: tuple[int, int], end: tuple[int, int], topics: T
) -> Proposal:
    ministry = Organisation.objects.get(code=code)
    editor = demo_account(f"{code}.editor")
    proposal = create_proposal(
        actor=editor,
        period=period,
        organisation=ministry,
        position=_first_head(ministry),
        region=Region.objects.get(kato=kato),
        preferred_from=_month_day(period, start),
        preferred_to=_month_day(period, end),
        **texts_for(create_proposal, Proposal, "topics", topics, author=editor),
        **texts_for(create_proposal, Proposal, "sector_problems", SECTOR_PROBLEMS, author=editor),
    )
    fill_languages(proposal, "topics", topics)
    return proposal


@transaction.atomic
def _half_year_in_progress(clock: DemoClock, layout: DemoLayout, coordinator: User) -> int:
    """The next half-year: proposals, a working draft with some of them, agreements partly answered."""
    proposed = clock.now - datetime.timedelta(days=12)
    with clock.at(proposed):
        period = ensure_period(actor=coordinator, start=layout.draft_period)
        if Proposal.objects.filter(period=period).exists():
            return 0
        included = []
        for code, kato, start, end, topics, include in PROPOSALS:
            proposal = _propose(period, code, kato, start, end, topics)
            if include:
                included.append(proposal)
    with clock.at(proposed + 2 * DAY):
        for code in dict.fromkeys(entry[0] for entry in PROPOSALS):
            submit_proposals(
                actor=demo_account(f"{code}.approver"), period=period, organisation=Organisation.objects.get(code=code)
            )
        _propose(period, *DRAFT_PROPOSAL)
    items = []
    with clock.at(proposed + 5 * DAY):
        for proposal in included:
            proposal.refresh_from_db()  # submitted since it was created
            day = layout.calendar.next_working_day_on_or_after(proposal.preferred_from + 2 * DAY)
            items.append(include_proposal(actor=coordinator, proposal=proposal, start_date=day, end_date=day))
    finance_item, healthcare_item, enlightenment_item, _agriculture_item = items
    with clock.at(proposed + 8 * DAY):
        # Finance in Almaty: both parties agree. Healthcare in Abai: the ministry agrees with comments.
        for agreement in finance_item.agreements.select_related("organisation"):
            editor = DEMO_MINISTRIES.get(agreement.organisation.code) or DEMO_AKIMATS[agreement.organisation.code]
            decide_agreement(actor=demo_account(editor), agreement=agreement, decision=ItemAgreement.Decision.AGREED)
        healthcare = demo_account("healthcare.editor")
        decide_agreement(
            actor=healthcare,
            agreement=healthcare_item.agreements.get(organisation__code="healthcare"),
            decision=ItemAgreement.Decision.COMMENTED,
            comment=in_language(COMMENTED, healthcare.language),
        )
        # Enlightenment in Turkistan Region: the akimat disagrees with the date.
        turkestan = demo_account("turkestan.editor")
        decide_agreement(
            actor=turkestan,
            agreement=enlightenment_item.agreements.get(organisation__code="akimat-turkistan"),
            decision=ItemAgreement.Decision.DISAGREED,
            comment=in_language(DISAGREED, turkestan.language),
        )
    return len(items)


# (akimat code, editor, competent ministry code, title, description, answer or None)
PROBLEMS: tuple[tuple[str, str, str, T, T, T | None], ...] = (
    (
        "akimat-almaty-city",
        "almaty-city.editor",
        "finance",
        (
            "Метроның екінші желісіне трансферттер",
            "Трансферты на вторую линию метро",
            "Transfers for the metro's second line",
        ),
        (
            "Республикалық бюджеттен берілетін трансферт биылғы жұмыстардың 60%-ын ғана жабады.",
            "Трансферт из республиканского бюджета покрывает лишь 60% работ этого года.",
            "The republican budget's transfer covers only 60% of this year's works.",
        ),
        (
            "Трансферт нақтыланған бюджетте ұлғайтылады.",
            "Трансферт увеличивается в уточнённом бюджете.",
            "The transfer is raised in the clarified budget.",
        ),
    ),
    (
        "akimat-almaty-city",
        "almaty-city.editor",
        "healthcare",
        (
            "Жаңа аудандардағы жедел жәрдемді күту уақыты",
            "Время ожидания скорой помощи в новых районах",
            "Emergency care waiting times in new districts",
        ),
        (
            "Жедел жәрдем Алатау ауданының жаңа шағын аудандарына 20 минуттан астам уақытта жетеді.",
            "Скорая помощь добирается до новых микрорайонов Алатауского района более 20 минут.",
            "Ambulances take over 20 minutes to reach Alatau district's new neighbourhoods.",
        ),
        None,
    ),
    (
        "akimat-turkistan",
        "turkestan.editor",
        "enlightenment",
        ("Үш ауысымды мектептер", "Трёхсменные школы", "Three-shift schools"),
        (
            "Облыстағы он бір мектеп әлі де үш ауысыммен оқытады.",
            "Одиннадцать школ области всё ещё учат в три смены.",
            "Eleven schools in the region still teach in three shifts.",
        ),
        (
            "Төрт мектеп келесі жылғы құрылыс бағдарламасына енгізілді, қалғандары кейінгі жылдары салынады.",
            "Четыре школы включены в программу строительства следующего года, остальные — в последующие годы.",
            "Four schools are in next year's construction programme; the rest in the years after.",
        ),
    ),
    (
        "akimat-turkistan",
        "turkestan.editor",
        "agriculture",
        (
            "Мақта өсірушілерге суармалы су",
            "Поливная вода для хлопкоробов",
            "Irrigation water for cotton growers",
        ),
        (
            "Мақтаарал ауданына берілетін су лимиті фермерлердің қажеттілігінен үштен бір бөлікке аз.",
            "Лимит воды для Мактааральского района на треть ниже потребностей фермеров.",
            "The water limit for the Maktaaral district is a third below the farmers' needs.",
        ),
        None,
    ),
    (
        "akimat-abai",
        "abai.editor",
        "healthcare",
        (
            "Ауылдық емханалардағы дәрігерлер",
            "Врачи в сельских поликлиниках",
            "Doctors in rural clinics",
        ),
        (
            "Облыстағы ауылдық емханалардың төрттен бірінде жалпы тәжірибелік дәрігер жоқ.",
            "В четверти сельских поликлиник области нет врача общей практики.",
            "A quarter of rural clinics in the region have no general practitioner.",
        ),
        (
            "«Дипломмен — ауылға» бағдарламасы бойынша облысқа 40 түлек жіберіледі.",
            "По программе «С дипломом — в село» в область направляются 40 выпускников.",
            "40 graduates are sent to the region under the 'With a diploma to the village' programme.",
        ),
    ),
)


@transaction.atomic
def _systemic_problems(clock: DemoClock, layout: DemoLayout) -> int:
    half_year = layout.current_period
    akimats = dict.fromkeys(entry[0] for entry in PROBLEMS)
    if SystemicProblem.objects.filter(akimat__code__in=akimats, half_year_start=half_year).exists():
        return 0
    written = max(clock.on(half_year + DAY, 10), clock.now - datetime.timedelta(days=30))
    created = []
    with clock.at(written):
        for akimat_code, editor, ministry_code, title, description, answer in PROBLEMS:
            author = demo_account(editor)
            problem = create_systemic_problem(
                actor=author,
                akimat=Organisation.objects.get(code=akimat_code),
                half_year_start=half_year,
                **texts_for(create_systemic_problem, SystemicProblem, "title", title, author=author),
                **texts_for(create_systemic_problem, SystemicProblem, "description", description, author=author),
                competent_body=Organisation.objects.get(code=ministry_code),
            )
            created.append((problem, ministry_code, answer))
    with clock.at(written + datetime.timedelta(hours=5)):
        for akimat_code, editor in DEMO_AKIMATS.items():
            approver = editor.replace(".editor", ".approver")
            send_systemic_problems(
                actor=demo_account(approver),
                akimat=Organisation.objects.get(code=akimat_code),
                half_year_start=half_year,
            )
    with clock.at(written + (clock.now - written) / 2):
        for problem, ministry_code, answer in created:
            if answer:
                problem.refresh_from_db()
                author = demo_account(f"{ministry_code}.editor")
                answer_systemic_problem(actor=author, problem=problem, answer=in_language(answer, author.language))
    return len(created)


RISK_DESCRIPTION: T = (
    "Түркістан облысының үш ауданында қызылша өршуі; екпемен қамту 80%-дан төмен, жұқпалы аурулар ауруханасы толы.",
    "Вспышка кори в трёх районах Туркестанской области; охват вакцинацией ниже 80%, инфекционная больница переполнена.",
    "A measles outbreak in three districts of Turkistan Region; vaccination coverage below 80% and the infectious "
    "diseases hospital full.",
)
RISK_EVIDENCE: T = (
    "Облыстық санитариялық қызметтің апталық есебі.",
    "Еженедельный отчёт областной санитарной службы.",
    "The regional sanitary service's weekly report.",
)
RISK_NOTE: T = (
    "Денсаулық сақтау министрі Премьер-Министрдің орынбасарымен бірге тұрғындармен кездеседі.",
    "Министр здравоохранения встречается с жителями вместе с заместителем Премьер-Министра.",
    "The Minister of Healthcare meets the population with the Deputy Prime Minister.",
)
RISK_TOPICS: T = (
    "Қызылшаның өршуі; екпе жұмысы.",
    "Вспышка кори; вакцинация.",
    "The measles outbreak; vaccination.",
)


@transaction.atomic
def _risk_flag(clock: DemoClock, layout: DemoLayout, coordinator: User) -> int:
    turkestan = demo_account("turkestan.editor")
    if RiskFlag.objects.filter(raised_by=turkestan).exists():
        return 0
    healthcare = Organisation.objects.get(code="healthcare")
    region = Region.objects.get(kato="610000000")
    with clock.at(clock.now - datetime.timedelta(days=6)):
        flag = raise_risk_flag(
            actor=turkestan,
            region=region,
            competent_ministry=healthcare,
            level=RiskFlag.Level.HIGH,
            **texts_for(raise_risk_flag, RiskFlag, "description", RISK_DESCRIPTION, author=turkestan),
            **texts_for(raise_risk_flag, RiskFlag, "evidence", RISK_EVIDENCE, author=turkestan),
        )
        fill_languages(flag, "description", RISK_DESCRIPTION)
        fill_languages(flag, "evidence", RISK_EVIDENCE)
    period = PlanningPeriod.objects.get(start=layout.draft_period)
    # About two months from today, in the half-year's third week or later.
    meeting = layout.calendar.next_working_day_on_or_after(
        max(layout.today + datetime.timedelta(days=60), period.start + datetime.timedelta(days=18))
    )
    with clock.at(clock.now - datetime.timedelta(days=5)):
        assign_risk_flag(
            actor=coordinator,
            flag=flag,
            deadline=meeting + datetime.timedelta(days=7),
            note=in_language(RISK_NOTE, coordinator.language),
        )
        linked = add_item(
            actor=coordinator,
            version=working_version(period),
            organisation=healthcare,
            position=_first_head(healthcare),
            region=region,
            start_date=meeting,
            end_date=meeting,
            **texts_for(add_item, ScheduleItem, "topics", RISK_TOPICS, author=coordinator),
            is_unscheduled=True,
            risk_flag=flag,
            deputy_prime_minister=Position.objects.get(organisation__code="government", code="deputy-prime-minister"),
        )
        fill_languages(linked, "topics", RISK_TOPICS)
    return 1


def create_demo_planning(clock: DemoClock, layout: DemoLayout) -> dict[str, int]:
    """Enter the planning demo data; returns how many of each were created (all 0 on a second run)."""
    coordinator = demo_account(COORDINATOR)
    # The demo's addresses are not real: its e-mails stay in memory.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        approved = sum(_approved_half_year(clock, layout, coordinator, start) for start in layout.approved_periods)
        draft = _half_year_in_progress(clock, layout, coordinator)
        problems = _systemic_problems(clock, layout)
        risks = _risk_flag(clock, layout, coordinator)
    return {"approved_items": approved, "draft_items": draft, "problems": problems, "risk_flags": risks}
