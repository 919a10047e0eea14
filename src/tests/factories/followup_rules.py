"""The follow-up's rules of the regulation profile, as in the real acts' data (R20, R21), for the test profile
that `build_closed_world()` uses (REG-AGENDA, in force since 18 January 2024)."""

import datetime
from decimal import Decimal

from kezdesu.regulations.models import ObligationRule, RegulationProfile
from tests.factories.regulations import ObligationRuleFactory, RegulationProfileFactory


def with_followup_rules() -> RegulationProfile:
    profile = RegulationProfileFactory(
        code="REG-AGENDA", effective_from=datetime.date(2024, 1, 18), presentation_max_share=Decimal("0.25")
    )
    ObligationRuleFactory(
        profile=profile,
        code="visit-results",
        requirement="R20",
        source="G3.2 (P3.7)",
        title_en="Results of the visit, the list of problem issues and the action plan published",
        debtor="ministries",
        recipient="population",
        period=ObligationRule.Period.EVENT,
        event="visit-ended",
        anchor=ObligationRule.Anchor.EVENT,
        months=0,
        day=None,
        days=10,
        roll=ObligationRule.Roll.NEXT_WORKING_DAY,
    )
    ObligationRuleFactory(
        profile=profile,
        code="quarterly-progress",
        requirement="R21",
        source="G3.2 (P3.7)",
        title_en="Progress in solving the problem issues published (every quarter)",
        debtor="ministries",
        recipient="population",
        period=ObligationRule.Period.QUARTER,
        anchor=ObligationRule.Anchor.PERIOD_END,
        months=0,
        day=None,
        days=0,
        roll=ObligationRule.Roll.NONE,
    )
    return profile
