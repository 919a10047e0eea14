import datetime

import pytest

from kezdesu.core.errors import DomainError
from kezdesu.core.models import AuditLog
from kezdesu.planning.domain.periods import current_and_next_periods, ensure_period, period_deadlines
from kezdesu.planning.models import PlanningPeriod
from kezdesu.regulations.domain.profile_loading import load_profiles
from tests.factories.organisations import OrganisationFactory
from tests.factories.planning import EXEMPT_CODES, build_schedule_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles():
    for code in EXEMPT_CODES:
        OrganisationFactory(code=code)
    load_profiles()


def test_ensure_period_makes_a_half_year_under_reg_2024(profiles):
    period = ensure_period(actor=None, start=datetime.date(2027, 7, 1))

    assert (period.start, period.end, period.profile.code) == (
        datetime.date(2027, 7, 1),
        datetime.date(2027, 12, 31),
        "REG-2024",
    )
    assert AuditLog.objects.filter(action="planning.period.create").count() == 1


def test_ensure_period_makes_a_calendar_year_under_reg_2022(profiles):
    period = ensure_period(actor=None, start=datetime.date(2023, 1, 1))

    assert (period.end, period.profile.code) == (datetime.date(2023, 12, 31), "REG-2022")


def test_ensure_period_returns_the_existing_period(profiles):
    first = ensure_period(actor=None, start=datetime.date(2027, 1, 1))

    assert ensure_period(actor=None, start=datetime.date(2027, 1, 1)) == first
    assert PlanningPeriod.objects.count() == 1
    assert AuditLog.objects.filter(action="planning.period.create").count() == 1


def test_ensure_period_refuses_a_day_that_does_not_begin_a_period(profiles):
    with pytest.raises(DomainError) as error:
        ensure_period(actor=None, start=datetime.date(2027, 3, 1))

    assert error.value.code == "not_a_period_start"


def test_current_and_next_periods_skip_the_past(profiles):
    ensure_period(actor=None, start=datetime.date(2026, 1, 1))
    current = ensure_period(actor=None, start=datetime.date(2026, 7, 1))
    following = ensure_period(actor=None, start=datetime.date(2027, 1, 1))

    assert current_and_next_periods(datetime.date(2026, 11, 21)) == [current, following]


def test_period_deadlines_under_reg_2024_is_the_draft_due_on_15_december():
    world = build_schedule_world()

    deadlines = period_deadlines(world.period)

    assert [(d.rule.code, d.requirement, d.due) for d in deadlines] == [
        ("schedule-draft", "R8", datetime.date(2026, 12, 15))
    ]


def test_period_deadlines_under_reg_2022_are_proposals_draft_and_approval(profiles):
    ministry = OrganisationFactory(code="energy")
    period = ensure_period(actor=None, start=datetime.date(2023, 1, 1))

    deadlines = {(d.rule.code, d.debtor.code, d.due) for d in period_deadlines(period)}

    assert ("schedule-proposals", ministry.code, datetime.date(2022, 12, 1)) in deadlines
    assert {code for code, _debtor, _due in deadlines} == {"schedule-proposals", "schedule-draft", "schedule-approval"}
