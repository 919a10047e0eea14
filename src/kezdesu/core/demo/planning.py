"""Planning demo data, entered through the planning domain functions so the audit trail is real.

- July–December 2026 (REG-2024): a meeting of every non-exempt ministry's first head in each
  quarter, spread over the regions on working days, agreed by the parties that have demo
  accounts (the other parties' answers received on paper and recorded with their letters),
  submitted on 5 June, approved by the Government Apparatus ("№ 456 (demo)" of 12 June 2026), then
  amended once (a meeting moved by a week, agreed again, approved by "№ 611 (demo)" of 23 September
  2026): versions 1 and 2;
- January–June 2027 in progress: the ministries' proposals (submitted, one still a draft), the
  coordinator's working draft with several of them included, a few agreements decided (one
  disagreed with) and the rest awaiting an answer, so the draft shows warnings;
- systemic problems of July–December 2026 sent by three akimats to ministries, some answered;
- a high-level risk flag raised by the Turkestan akimat for healthcare, assigned by the
  coordinator, with an unscheduled meeting of the Minister of Healthcare in Turkistan Region in the
  2027 draft linked to it, a deputy prime minister taking part.
Each part is skipped when its data already exists, so running it twice changes nothing.
"""

import datetime
from collections.abc import Iterator

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kezdesu.core.demo.accounts import demo_account
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
    ScheduleVersion,
    SystemicProblem,
)
from kezdesu.regulations.domain.calendar import WorkingCalendar

COORDINATOR = "culture-information.coordinator"
GOVERNMENT_APPROVER = "government-apparatus.approver"
H2_2026 = datetime.date(2026, 7, 1)
H1_2027 = datetime.date(2027, 1, 1)
ACT_NUMBER = "№ 456 (demo)"
ACT_DATE = datetime.date(2026, 6, 12)
SUBMITTED_ON = datetime.date(2026, 6, 5)
AMENDMENT_ACT_NUMBER = "№ 611 (demo)"
AMENDMENT_ACT_DATE = datetime.date(2026, 9, 23)
AMENDMENT_SUBMITTED_ON = datetime.date(2026, 9, 16)
AMENDMENT_REASON = (
    "Demo entry: the Minister of Finance's meeting in Almaty moves by a week at the akimat's request "
    "(the city's budget hearings fall on the first date)."
)
LETTER_NOTE = "Demo entry: acknowledged by the authorized body."
PAPER_LETTER = "Demo entry: letter No. {number} of {date:%d.%m.%Y} (this body has no demo account)"
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
# Where the demo ministries' first heads go in the third and fourth quarter of 2026 (KATO codes).
DEMO_MINISTRY_REGIONS = {
    "finance": ("610000000", "750000000"),  # Turkistan Region, then Almaty
    "healthcare": ("100000000", "610000000"),  # Abai Region, then Turkistan Region
    "enlightenment": ("750000000", "100000000"),
    "agriculture": ("610000000", "750000000"),
}
MOVED_MINISTRY = "finance"  # its fourth-quarter meeting (in Almaty) is moved by the amendment


def _first_head(organisation: Organisation) -> Position:
    return Position.objects.get(organisation=organisation, level=Position.Level.FIRST_HEAD, is_active=True)


def _working_days(calendar: WorkingCalendar, start: datetime.date, end: datetime.date) -> Iterator[datetime.date]:
    day = start
    while day <= end:
        if calendar.is_working_day(day):
            yield day
        day += datetime.timedelta(days=1)


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
    for number, agreement in enumerate(pending.order_by("pk"), start=101):
        record_paper_answer(
            actor=coordinator,
            agreement=agreement,
            decision=ItemAgreement.Decision.AGREED,
            reference=PAPER_LETTER.format(number=f"04-{number}", date=received),
        )


def _acknowledge_all(coordinator: User, period: PlanningPeriod) -> None:
    """The remaining warnings (a region without a meeting, a crowded day) stand, with the authorized body's note."""
    version = working_version(period)
    for warning in draft_warnings(version):
        if not warning.is_acknowledged and not warning.is_blocking:
            acknowledge_warning(actor=coordinator, version=version, key=warning.key, note=LETTER_NOTE)


def _submitted_on(period: PlanningPeriod, day: datetime.date) -> None:
    """Date the demo's submission when it would have happened (the audit trail keeps the real time of loading)."""
    ScheduleVersion.objects.filter(period=period, number__isnull=True).update(
        submitted_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(16, 0)))
    )


@transaction.atomic
def _approved_half_year(coordinator: User) -> int:
    """H2 2026: compiled, agreed, submitted, approved and amended once. Returns the items added."""
    period = ensure_period(actor=coordinator, start=H2_2026)
    if period.versions.filter(number__isnull=False).exists():
        return 0
    version = working_version(period)
    calendar = WorkingCalendar.for_range(period.start, period.end)
    regions = {region.kato: region for region in Region.objects.order_by("kato")}
    others = [kato for kato in regions if kato not in {"610000000", "750000000", "100000000"}]
    quarters = ((datetime.date(2026, 7, 6), datetime.date(2026, 9, 30)), (datetime.date(2026, 10, 5), period.end))
    ministries = _non_exempt_ministries(period)
    added = 0
    moved: ScheduleItem | None = None
    for quarter, (first, last) in enumerate(quarters):
        days = list(_working_days(calendar, first, last))
        # Every third working day, so no region receives two ministers on one day.
        step = max(1, len(days) // (len(ministries) + 1))
        for index, ministry in enumerate(ministries):
            if ministry.code in DEMO_MINISTRY_REGIONS:
                kato = DEMO_MINISTRY_REGIONS[ministry.code][quarter]
            else:
                kato = others[(index + quarter * 7) % len(others)]
            day = days[(index * step + quarter) % len(days)]
            if quarter == 1 and ministry.code in DEMO_MINISTRY_REGIONS:
                # The demo ministries' fourth-quarter meetings fall in December, still ahead in late November,
                # so their demo accounts can prepare the visits (announce, vote on the date, reception, agenda).
                december = [working_day for working_day in days if working_day.month == 12]
                day = december[2 + 3 * sorted(DEMO_MINISTRY_REGIONS).index(ministry.code)]
            item = add_item(
                actor=coordinator,
                version=version,
                organisation=ministry,
                position=_first_head(ministry),
                region=regions[kato],
                start_date=day,
                end_date=day,
                topics="Demo entry: the sector's priorities in the region; citizens' questions.",
            )
            _answer_agreements(item)
            added += 1
            if ministry.code == MOVED_MINISTRY and quarter == 1:
                moved = item
    _answers_on_paper(coordinator, period, received=SUBMITTED_ON - datetime.timedelta(days=10))
    _acknowledge_all(coordinator, period)
    submit_schedule(actor=coordinator, period=period)
    _submitted_on(period, SUBMITTED_ON)
    approve_schedule(actor=demo_account(GOVERNMENT_APPROVER), period=period, act_number=ACT_NUMBER, act_date=ACT_DATE)
    assert moved is not None
    later = moved.start_date + datetime.timedelta(days=7)
    while not calendar.is_working_day(later):
        later += datetime.timedelta(days=1)
    moved = update_item(actor=coordinator, item=moved, start_date=later, end_date=later)
    _answer_agreements(moved)  # moving the meeting asked its ministry and akimat again
    submit_schedule(actor=coordinator, period=period, reason=AMENDMENT_REASON)
    _submitted_on(period, AMENDMENT_SUBMITTED_ON)
    approve_schedule(
        actor=demo_account(GOVERNMENT_APPROVER),
        period=period,
        act_number=AMENDMENT_ACT_NUMBER,
        act_date=AMENDMENT_ACT_DATE,
    )
    return added


# (ministry, region KATO, preferred from, preferred until, topics, included in the draft on)
PROPOSALS_2027 = (
    ("finance", "750000000", "2027-02-01", "2027-02-12", "Budget execution in the city; tax administration.", True),
    ("finance", "610000000", "2027-04-05", "2027-04-16", "Subsidies to small business; public procurement.", False),
    ("healthcare", "100000000", "2027-02-15", "2027-02-26", "Rural clinics' staffing; medicines supply.", True),
    ("healthcare", "350000000", "2027-05-10", "2027-05-21", "Occupational health in mining towns.", False),
    ("enlightenment", "610000000", "2027-03-01", "2027-03-12", "New schools in fast-growing districts.", True),
    ("agriculture", "630000000", "2027-04-19", "2027-04-30", "Spring sowing; pasture lands.", True),
)
DRAFT_PROPOSAL = ("enlightenment", "710000000", "2027-05-17", "2027-05-28", "Teachers' workload; school meals.")


def _propose(
    period: PlanningPeriod, code: str, kato: str, start: str, end: str, topics: str, *, akimat_request: str = ""
) -> Proposal:
    ministry = Organisation.objects.get(code=code)
    return create_proposal(
        actor=demo_account(f"{code}.editor"),
        period=period,
        organisation=ministry,
        position=_first_head(ministry),
        region=Region.objects.get(kato=kato),
        preferred_from=datetime.date.fromisoformat(start),
        preferred_to=datetime.date.fromisoformat(end),
        topics=f"Demo entry: {topics}",
        sector_problems="Demo entry: indicators below the national average.",
        akimat_request=akimat_request,
    )


@transaction.atomic
def _half_year_in_progress(coordinator: User) -> int:
    """H1 2027: proposals, a working draft with some of them, agreements partly answered."""
    period = ensure_period(actor=coordinator, start=H1_2027)
    if Proposal.objects.filter(period=period).exists():
        return 0
    calendar = WorkingCalendar.for_range(period.start, period.end)
    included = []
    for code, kato, start, end, topics, include in PROPOSALS_2027:
        proposal = _propose(period, code, kato, start, end, topics)
        if include:
            included.append(proposal)
    for code in dict.fromkeys(entry[0] for entry in PROPOSALS_2027):
        submit_proposals(
            actor=demo_account(f"{code}.approver"), period=period, organisation=Organisation.objects.get(code=code)
        )
    _propose(period, *DRAFT_PROPOSAL)
    items = []
    for proposal in included:
        proposal.refresh_from_db()  # submitted since it was created
        day = calendar.next_working_day_on_or_after(proposal.preferred_from + datetime.timedelta(days=2))
        items.append(include_proposal(actor=coordinator, proposal=proposal, start_date=day, end_date=day))
    finance_item, healthcare_item, enlightenment_item, _agriculture_item = items
    # Finance in Almaty: both parties agree. Healthcare in Abai: the ministry agrees with comments.
    for agreement in finance_item.agreements.select_related("organisation"):
        editor = DEMO_MINISTRIES.get(agreement.organisation.code) or DEMO_AKIMATS[agreement.organisation.code]
        decide_agreement(actor=demo_account(editor), agreement=agreement, decision=ItemAgreement.Decision.AGREED)
    decide_agreement(
        actor=demo_account("healthcare.editor"),
        agreement=healthcare_item.agreements.get(organisation__code="healthcare"),
        decision=ItemAgreement.Decision.COMMENTED,
        comment="Demo entry: please add a visit to the regional perinatal centre.",
    )
    # Enlightenment in Turkistan Region: the akimat disagrees with the date.
    decide_agreement(
        actor=demo_account("turkestan.editor"),
        agreement=enlightenment_item.agreements.get(organisation__code="akimat-turkistan"),
        decision=ItemAgreement.Decision.DISAGREED,
        comment="Demo entry: the akim is at the Nauryz preparations session that week; propose mid-March.",
    )
    return len(items)


# (akimat code, editor, competent ministry code, title, description, answered by)
PROBLEMS = (
    (
        "akimat-almaty-city",
        "almaty-city.editor",
        "finance",
        "Demo entry: transfers for the metro's second line",
        "The republican budget's transfer for the second line covers 60% of this year's works.",
        "Demo entry: the transfer is raised in the clarified budget for 2027.",
    ),
    (
        "akimat-almaty-city",
        "almaty-city.editor",
        "healthcare",
        "Demo entry: emergency care waiting times in new districts",
        "Ambulances take over 20 minutes to reach Alatau district's new neighbourhoods.",
        "",
    ),
    (
        "akimat-turkistan",
        "turkestan.editor",
        "enlightenment",
        "Demo entry: three-shift schools",
        "Eleven schools in the region still teach in three shifts.",
        "Demo entry: four schools are in the 2027 construction programme; the rest from 2028.",
    ),
    (
        "akimat-turkistan",
        "turkestan.editor",
        "agriculture",
        "Demo entry: irrigation water for cotton growers",
        "The water limit for the Maktaaral district is a third below the farmers' needs.",
        "",
    ),
    (
        "akimat-abai",
        "abai.editor",
        "healthcare",
        "Demo entry: doctors in rural clinics",
        "A quarter of rural clinics in the region have no general practitioner.",
        "Demo entry: 40 graduates are sent to the region under the 'With a diploma to the village' programme.",
    ),
)


@transaction.atomic
def _systemic_problems() -> int:
    akimats = dict.fromkeys(entry[0] for entry in PROBLEMS)
    if SystemicProblem.objects.filter(akimat__code__in=akimats, half_year_start=H2_2026).exists():
        return 0
    created = []
    for akimat_code, editor, ministry_code, title, description, answer in PROBLEMS:
        problem = create_systemic_problem(
            actor=demo_account(editor),
            akimat=Organisation.objects.get(code=akimat_code),
            half_year_start=H2_2026,
            title=title,
            description=description,
            competent_body=Organisation.objects.get(code=ministry_code),
        )
        created.append((problem, ministry_code, answer))
    for akimat_code, editor in DEMO_AKIMATS.items():
        approver = editor.replace(".editor", ".approver")
        send_systemic_problems(
            actor=demo_account(approver), akimat=Organisation.objects.get(code=akimat_code), half_year_start=H2_2026
        )
    for problem, ministry_code, answer in created:
        if answer:
            problem.refresh_from_db()
            answer_systemic_problem(actor=demo_account(f"{ministry_code}.editor"), problem=problem, answer=answer)
    return len(created)


RISK_DESCRIPTION = (
    "Demo entry: a measles outbreak in three districts of Turkistan Region; "
    "vaccination coverage below 80% and the infectious diseases hospital full."
)


@transaction.atomic
def _risk_flag(coordinator: User, *, today: datetime.date) -> int:
    turkestan = demo_account("turkestan.editor")
    if RiskFlag.objects.filter(raised_by=turkestan).exists():
        return 0
    healthcare = Organisation.objects.get(code="healthcare")
    region = Region.objects.get(kato="610000000")
    flag = raise_risk_flag(
        actor=turkestan,
        region=region,
        competent_ministry=healthcare,
        level=RiskFlag.Level.HIGH,
        description=RISK_DESCRIPTION,
        evidence="Demo entry: the regional sanitary service's weekly report.",
    )
    period = PlanningPeriod.objects.get(start=H1_2027)
    calendar = WorkingCalendar.for_range(period.start, period.end)
    # About two months from today, well within the half-year's third week or later.
    meeting = calendar.next_working_day_on_or_after(
        max(today + datetime.timedelta(days=60), period.start + datetime.timedelta(days=18))
    )
    deadline = meeting + datetime.timedelta(days=7)
    assign_risk_flag(
        actor=coordinator,
        flag=flag,
        deadline=deadline,
        note="Demo entry: the Minister of Healthcare meets the population with the Deputy Prime Minister.",
    )
    add_item(
        actor=coordinator,
        version=working_version(period),
        organisation=healthcare,
        position=_first_head(healthcare),
        region=region,
        start_date=meeting,
        end_date=meeting,
        topics="Demo entry: the measles outbreak; vaccination.",
        is_unscheduled=True,
        risk_flag=flag,
        deputy_prime_minister=Position.objects.get(organisation__code="government", code="deputy-prime-minister"),
    )
    return 1


def create_demo_planning(*, today: datetime.date) -> dict[str, int]:
    """Enter the planning demo data; returns how many of each were created (all 0 on a second run)."""
    coordinator = demo_account(COORDINATOR)
    # The demo's addresses are not real: its e-mails stay in memory.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        approved = _approved_half_year(coordinator)
        draft = _half_year_in_progress(coordinator)
        problems = _systemic_problems()
        risks = _risk_flag(coordinator, today=today)
    return {"approved_items": approved, "draft_items": draft, "problems": problems, "risk_flags": risks}
