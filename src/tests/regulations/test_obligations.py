"""The obligations engine on the real ministries and both acts.

Expected dates are worked out by hand from the acts and the 2027 calendar: 10 April and
10 July 2027 are Saturdays, 10 January and 10 October 2027 Sundays.
"""

from collections import Counter
from datetime import date

import pytest

from kezdesu.organisations.domain.reference import load_reference_data
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.events import register_event_source, unregister_event_source
from kezdesu.regulations.domain.obligations import ObligationState, find_obligation, obligations_between
from kezdesu.regulations.domain.profile_loading import load_profiles
from kezdesu.regulations.models import Fulfilment, RegulationProfile

pytestmark = pytest.mark.django_db

EXEMPT_2024 = {"defence", "foreign-affairs", "emergency-situations", "internal-affairs", "justice"}
EXEMPT_2022 = {"defence", "foreign-affairs"}
YEAR_2027 = {"start": date(2027, 1, 1), "end": date(2027, 12, 31)}


@pytest.fixture
def reference():
    load_reference_data()
    load_profiles()


@pytest.fixture
def ministries(reference) -> set[str]:
    return set(Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).values_list("code", flat=True))


def reg(code: str) -> RegulationProfile:
    return RegulationProfile.objects.get(code=code)


def test_under_reg_2024_each_of_the_16_non_exempt_ministries_owes_a_meeting_per_quarter(ministries):
    obligations = obligations_between(**YEAR_2027, profile=reg("REG-2024"), today=date(2027, 1, 1))
    meetings = [obligation for obligation in obligations if obligation.requirement == "R2"]

    assert len(ministries) == 21
    assert len(meetings) == 64
    assert {obligation.debtor.code for obligation in meetings} == ministries - EXEMPT_2024
    assert Counter(obligation.due for obligation in meetings) == {
        date(2027, 3, 31): 16,
        date(2027, 6, 30): 16,
        date(2027, 9, 30): 16,
        date(2027, 12, 31): 16,
    }
    assert {obligation.recipient.code for obligation in meetings} == {"population"}
    assert not EXEMPT_2024 & {obligation.debtor.code for obligation in obligations}


def test_under_reg_2022_only_defence_and_foreign_affairs_are_exempt(ministries):
    obligations = obligations_between(**YEAR_2027, profile=reg("REG-2022"), today=date(2027, 1, 1))
    meetings = [obligation for obligation in obligations if obligation.rule.code == "first-head-meeting"]

    assert {obligation.debtor.code for obligation in meetings} == ministries - EXEMPT_2022
    assert len(meetings) == 19
    assert {(obligation.source, obligation.period_start, obligation.due) for obligation in meetings} == {
        ("P1", date(2027, 1, 1), date(2027, 12, 31))
    }
    assert "internal-affairs" in {obligation.debtor.code for obligation in meetings}


def test_quarterly_information_is_due_on_the_tenth_moved_off_weekends(reference):
    obligations = obligations_between(
        **YEAR_2027,
        profile=reg("REG-2024"),
        organisations=Organisation.objects.filter(code="finance"),
        today=date(2027, 1, 1),
    )
    reports = [
        (obligation.period_start, obligation.nominal_due, obligation.due)
        for obligation in obligations
        if obligation.requirement == "R22"
    ]
    assert reports == [
        (date(2026, 10, 1), date(2027, 1, 10), date(2027, 1, 11)),
        (date(2027, 1, 1), date(2027, 4, 10), date(2027, 4, 12)),
        (date(2027, 4, 1), date(2027, 7, 10), date(2027, 7, 12)),
        (date(2027, 7, 1), date(2027, 10, 10), date(2027, 10, 11)),
    ]
    first = next(obligation for obligation in obligations if obligation.requirement == "R22")
    assert first.key == "REG-2024:quarterly-information:finance:2026-10-01"
    assert (first.source, first.debtor.name_en, first.recipient.code) == (
        "G1.4",
        "Ministry of Finance",
        "culture-information",
    )
    assert first.moved is True


def test_the_schedule_and_the_half_year_results_fall_on_15_june_and_15_december(reference):
    obligations = obligations_between(**YEAR_2027, profile=reg("REG-2024"), today=date(2027, 1, 1))
    by_requirement = {
        requirement: [
            (obligation.debtor.code, obligation.recipient.code, obligation.period_start, obligation.due)
            for obligation in obligations
            if obligation.requirement == requirement
        ]
        for requirement in ("R8", "R23")
    }
    assert by_requirement == {
        "R8": [
            ("culture-information", "government", date(2027, 7, 1), date(2027, 6, 15)),
            ("culture-information", "government", date(2028, 1, 1), date(2027, 12, 15)),
        ],
        "R23": [
            ("culture-information", "government-apparatus", date(2027, 1, 1), date(2027, 6, 15)),
            ("culture-information", "government-apparatus", date(2027, 7, 1), date(2027, 12, 15)),
        ],
    }


def test_the_yearly_cycle_of_reg_2022_ends_on_10_january_moved_to_monday(reference):
    obligations = obligations_between(**YEAR_2027, profile=reg("REG-2022"), today=date(2027, 1, 1))
    schedule = [
        (obligation.rule.code, obligation.debtor.code, obligation.period_start, obligation.nominal_due, obligation.due)
        for obligation in obligations
        if obligation.requirement == "R7" and obligation.rule.code != "schedule-proposals"
    ]
    assert schedule == [
        ("schedule-approval", "government", date(2027, 1, 1), date(2027, 1, 10), date(2027, 1, 11)),
        ("schedule-draft", "culture-information", date(2028, 1, 1), date(2027, 12, 15), date(2027, 12, 15)),
    ]
    proposals = [obligation for obligation in obligations if obligation.rule.code == "schedule-proposals"]
    assert {(obligation.period_start, obligation.due) for obligation in proposals} == {
        (date(2028, 1, 1), date(2027, 12, 1))
    }
    assert len(proposals) == 19
    assert [obligation.recipient.code for obligation in obligations if obligation.requirement == "R7"][-1] == (
        "government-apparatus"
    )


def test_akimats_owe_their_systemic_problems_every_half_year(reference):
    astana = Organisation.objects.get(code="akimat-astana")
    obligations = obligations_between(**YEAR_2027, profile=reg("REG-2024"), organisations=[astana])
    assert [(obligation.requirement, obligation.source, obligation.due) for obligation in obligations] == [
        ("R11", "G3.2 (P4.3)", date(2027, 6, 30)),
        ("R11", "G3.2 (P4.3)", date(2027, 12, 31)),
    ]
    everyone = obligations_between(**YEAR_2027, profile=reg("REG-2024"))
    assert len([obligation for obligation in everyone if obligation.requirement == "R11"]) == 2 * 20


def test_the_organisation_filter_keeps_what_it_owes_and_what_it_receives(reference):
    authorized_body = Organisation.objects.get(code="culture-information")
    obligations = obligations_between(**YEAR_2027, profile=reg("REG-2024"), organisations=[authorized_body])
    assert Counter(obligation.requirement for obligation in obligations) == {
        "R2": 4,  # its own meetings
        "R21": 4,  # its own quarterly progress publications
        "R22": 64,  # 16 ministries' reports (its own included) received
        "R8": 2,
        "R23": 2,
    }


def test_obligations_are_sorted_by_due_date_then_debtor(reference):
    obligations = obligations_between(**YEAR_2027, profile=reg("REG-2024"))
    assert obligations == sorted(obligations, key=lambda obligation: (obligation.due, obligation.debtor.name_en))
    assert obligations[0].due == date(2027, 1, 11)
    assert obligations[0].debtor.name_en == "Ministry of Agriculture"


def test_state_is_met_with_a_fulfilment_overdue_after_the_due_date_and_open_until_then(reference):
    finance = Organisation.objects.get(code="finance")
    Fulfilment.objects.create(
        obligation_key="REG-2024:first-head-meeting:finance:2027-01-01",
        organisation=finance,
        met_on=date(2027, 2, 20),
        reference="Meeting in Taraz",
    )
    obligations = obligations_between(
        start=date(2027, 3, 1),
        end=date(2027, 7, 31),
        profile=reg("REG-2024"),
        organisations=[finance],
        today=date(2027, 4, 12),
    )
    assert [(obligation.requirement, obligation.due, obligation.state) for obligation in obligations] == [
        ("R2", date(2027, 3, 31), ObligationState.MET),
        ("R21", date(2027, 3, 31), ObligationState.OVERDUE),
        ("R22", date(2027, 4, 12), ObligationState.OPEN),  # due today: not yet overdue
        ("R2", date(2027, 6, 30), ObligationState.OPEN),
        ("R21", date(2027, 6, 30), ObligationState.OPEN),
        ("R22", date(2027, 7, 12), ObligationState.OPEN),
    ]
    assert obligations[0].fulfilment.reference == "Meeting in Taraz"

    later = obligations_between(
        start=date(2027, 4, 1),
        end=date(2027, 4, 30),
        profile=reg("REG-2024"),
        organisations=[finance],
        today=date(2027, 4, 13),
    )
    assert [(obligation.requirement, obligation.state) for obligation in later] == [("R22", ObligationState.OVERDUE)]


def test_without_a_profile_each_obligation_follows_the_act_in_force_on_its_nominal_due_date(reference):
    finance = Organisation.objects.get(code="finance")
    obligations = obligations_between(
        start=date(2023, 12, 1), end=date(2024, 4, 30), organisations=[finance], today=date(2024, 5, 1)
    )
    assert [(obligation.key, obligation.due) for obligation in obligations] == [
        ("REG-2022:schedule-proposals:finance:2024-01-01", date(2023, 12, 1)),
        ("REG-2022:first-head-meeting:finance:2023-01-01", date(2023, 12, 31)),
        ("REG-2022:quarterly-progress:finance:2023-10-01", date(2023, 12, 31)),
        # Q4 2023's report (10 January 2024) falls in the gap between the acts: nobody owes it.
        ("REG-2024:first-head-meeting:finance:2024-01-01", date(2024, 3, 31)),
        ("REG-2024:quarterly-progress:finance:2024-01-01", date(2024, 3, 31)),
        ("REG-2024:quarterly-information:finance:2024-01-01", date(2024, 4, 10)),
    ]


def test_the_gap_between_the_acts_yields_nothing(reference):
    assert obligations_between(start=date(2024, 1, 9), end=date(2024, 1, 17)) == []


def test_the_engine_reads_everything_in_a_few_queries(reference, django_assert_max_num_queries):
    # profiles, rules, exemptions, organisations and their former names, calendar, fulfilments typed by hand;
    # the registered event sources, one query per profile's event rule (risk flags and visits ended: REG-2022
    # and REG-2024); and one read per role's evidence source (meetings, packs, reports, problems, drafts), the
    # same whatever the number of obligations.
    with django_assert_max_num_queries(17):
        obligations = obligations_between(**YEAR_2027)
    # R2 16 x 4, R21 16 x 4, R22 16 x 4, R8 2, R23 2, R11 20 akimats x 2.
    assert len(obligations) == 64 + 64 + 64 + 2 + 2 + 40


def test_find_obligation_returns_the_same_obligation_by_key(reference):
    key = "REG-2024:quarterly-information:finance:2027-01-01"
    obligation = find_obligation(key, today=date(2027, 4, 13))

    assert obligation is not None
    assert (obligation.key, obligation.nominal_due, obligation.due, obligation.state) == (
        key,
        date(2027, 4, 10),
        date(2027, 4, 12),
        ObligationState.OVERDUE,
    )
    assert find_obligation("REG-2024:quarterly-information:defence:2027-01-01") is None  # exempt
    assert find_obligation("REG-2024:quarterly-information:finance:2027-02-01") is None  # not a quarter
    assert find_obligation("REG-2099:quarterly-information:finance:2027-01-01") is None
    assert find_obligation("nonsense") is None


@pytest.fixture
def visits():
    """A stand-in for the meetings app: visits that ended, by id."""
    ended: dict[str, tuple[str, Organisation, date]] = {}

    def source(start: date, end: date):
        return [visit for visit in ended.values() if start <= visit[2] <= end]

    def lookup(event_id: str):
        return ended.get(event_id)

    register_event_source("visit-ended", source, lookup=lookup)
    yield ended
    unregister_event_source("visit-ended", source, lookup=lookup)


def test_a_visit_that_ended_owes_its_results_ten_days_later(reference, visits):
    finance = Organisation.objects.get(code="finance")
    visits["visit-1"] = ("visit-1", finance, date(2027, 3, 12))  # + 10 days = Monday 22 March, Nauryz
    visits["visit-2"] = ("visit-2", Organisation.objects.get(code="defence"), date(2027, 3, 12))  # exempt
    visits["visit-3"] = ("visit-3", Organisation.objects.get(code="akimat-astana"), date(2027, 3, 12))  # no ministry

    obligations = obligations_between(
        start=date(2027, 3, 1), end=date(2027, 3, 31), profile=reg("REG-2024"), organisations=[finance]
    )
    publications = [obligation for obligation in obligations if obligation.requirement == "R20"]
    assert [
        (obligation.key, obligation.period_start, obligation.nominal_due, obligation.due, obligation.recipient.code)
        for obligation in publications
    ] == [
        (
            "REG-2024:visit-results:finance:visit-1",
            date(2027, 3, 12),
            date(2027, 3, 22),
            date(2027, 3, 25),
            "population",
        )
    ]
    everyone = obligations_between(start=date(2027, 3, 1), end=date(2027, 3, 31), profile=reg("REG-2024"))
    assert [obligation.key for obligation in everyone if obligation.requirement == "R20"] == [
        "REG-2024:visit-results:finance:visit-1"
    ]

    found = find_obligation("REG-2024:visit-results:finance:visit-1")
    assert found is not None
    assert found.due == date(2027, 3, 25)


def test_without_an_event_source_event_rules_yield_nothing(reference):
    obligations = obligations_between(**YEAR_2027, profile=reg("REG-2024"))
    assert not [obligation for obligation in obligations if obligation.requirement == "R20"]
