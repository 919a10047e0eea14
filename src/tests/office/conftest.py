import datetime

import pytest
from django.utils import translation

from kezdesu.organisations.models import Organisation
from kezdesu.regulations.models import ObligationRule
from tests.factories.regulations import ObligationRuleFactory, RegulationProfileFactory
from tests.factories.roles import build_role_world

# 2027: R22 falls due four times (10 Jan, 10 Apr, 10 Jul, 10 Oct, each moved off a weekend).
YEAR_2027 = {"start": "2027-01-01", "end": "2027-12-31"}


@pytest.fixture(autouse=True)
def _in_english():
    """URLs reversed in the tests carry /en/, so pages and messages read in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def profile():
    """A profile in force since 2020: ministries report quarterly, akimats half-yearly."""
    profile = RegulationProfileFactory(code="REG-T", effective_from=datetime.date(2020, 1, 1))
    ObligationRuleFactory(profile=profile, code="quarterly-information")
    ObligationRuleFactory(
        profile=profile,
        code="systemic-problems",
        requirement="R11",
        source="T4.3",
        title_en="Systemic problems of the region",
        debtor="akimats",
        recipient="competent-bodies",
        period=ObligationRule.Period.HALF_YEAR,
        months=0,
        day=None,
    )
    return profile


@pytest.fixture
def world(profile):
    return build_role_world()


def obligation_key(debtor: Organisation, *, rule: str = "quarterly-information", period: str = "2027-01-01") -> str:
    return f"REG-T:{rule}:{debtor.code}:{period}"
