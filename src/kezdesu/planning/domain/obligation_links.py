"""Linking planning's acts to the obligations they meet (R7, R11, R4).

The rule codes below name rules in the regulation profiles' data files; which profile applies
and whether the rule exists there is data, so an act without such a rule simply meets nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone

from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.obligations import Obligation, find_obligation, record_fulfilment
from kezdesu.regulations.domain.queries.profiles import profile_in_force
from kezdesu.regulations.models import Fulfilment, RegulationProfile

PROPOSALS_RULE = "schedule-proposals"  # R7 under REG-2022: the ministries' proposals
SYSTEMIC_PROBLEMS_RULE = "systemic-problems"  # R11: the akimats' systemic problems, every half-year
RISK_FLAG_EVENT = "risk-flag-assigned"  # R4: the unscheduled meeting a risk flag requires


def obligation_of(
    *,
    debtor: Organisation,
    suffix: str,
    profile: RegulationProfile | None = None,
    on: date | None = None,
    rule_code: str | None = None,
    event: str | None = None,
) -> Obligation | None:
    """The obligation of `debtor` under `profile` (or the profile in force `on`) and the rule named."""
    if profile is None:
        profile = profile_in_force(on) if on is not None else None
    if profile is None:
        return None
    rules = profile.rules.all()
    rules = rules.filter(code=rule_code) if rule_code is not None else rules.filter(event=event or "")
    for rule in rules:
        obligation = find_obligation(f"{profile.code}:{rule.code}:{debtor.code}:{suffix}")
        if obligation is not None:
            return obligation
    return None


def record_met(
    *, actor: Any, obligation: Obligation | None, reference: str, record: models.Model | None = None
) -> Fulfilment | None:
    """Record the obligation met, unless there is none or it already is."""
    if obligation is None or obligation.fulfilment is not None:
        return None
    return record_fulfilment(
        actor=actor, obligation=obligation, met_on=timezone.localdate(), reference=reference, record=record
    )
