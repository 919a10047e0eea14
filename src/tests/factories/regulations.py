"""Factories for regulation profiles, their rules and calendar exceptions.

Tests of the real acts load the profiles from their data files (`load_profiles`); these
factories are for rules made up to test the arithmetic.
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from kezdesu.regulations.models import CalendarException, ObligationRule, RegulationProfile


class RegulationProfileFactory(DjangoModelFactory):
    class Meta:
        model = RegulationProfile
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TEST-{n}")
    title_kk = "Сынақ актісі"
    title_ru = "Тестовый акт"
    title_en = "Test act"
    act_kk = "№ 1 қаулы"
    act_ru = "Постановление № 1"
    act_en = "Decree No. 1"
    act_date = datetime.date(2030, 1, 1)
    effective_from = datetime.date(2030, 1, 1)
    effective_to = None
    planning_cycle = RegulationProfile.Cycle.HALF_YEAR
    planning_source = "T1"
    exempt_source = "T1"
    presentation_source = "T2"


# The role of a rule named as the shipped profiles name theirs (the code links records to rules by role).
ROLE_OF_CODE = {
    **{role: role for role in ObligationRule.Role.values},
    "first-head-meeting": ObligationRule.Role.FIRST_HEAD_MEETINGS,
}


class ObligationRuleFactory(DjangoModelFactory):
    """A quarterly report due on the 10th of the month after the quarter, by default; a rule with a shipped
    profile's code gets that rule's role."""

    class Meta:
        model = ObligationRule

    profile = factory.SubFactory(RegulationProfileFactory)
    code = factory.Sequence(lambda n: f"rule-{n}")
    requirement = "R22"
    source = "T1.4"
    title_kk = "Ақпарат"
    title_ru = "Информация"
    title_en = "Information"
    debtor = "ministries"
    recipient = "authorized-body"
    period = ObligationRule.Period.QUARTER
    anchor = ObligationRule.Anchor.PERIOD_END
    months = 1
    day = 10
    days = 0
    roll = ObligationRule.Roll.NEXT_WORKING_DAY
    role = factory.LazyAttribute(lambda rule: ROLE_OF_CODE.get(rule.code, ""))


class CalendarExceptionFactory(DjangoModelFactory):
    class Meta:
        model = CalendarException
        django_get_or_create = ("date",)

    date = datetime.date(2027, 7, 5)
    kind = CalendarException.Kind.DAY_OFF
    reason_kk = "Демалыс күнін ауыстыру"
    reason_ru = "Перенос выходного дня"
    reason_en = "Transfer of a day off"
    act = "Government decree"
