"""Planning periods: the profile in force sets their length (half-year or calendar year, R7/R8)."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError
from kezdesu.planning.models import PlanningPeriod
from kezdesu.regulations.domain.obligations import Obligation, obligations_between
from kezdesu.regulations.domain.periods import period_containing
from kezdesu.regulations.domain.queries.profiles import profile_in_force
from kezdesu.regulations.models import RegulationProfile

# Requirements whose obligations prepare a period's schedule: proposals, draft, approval.
PLANNING_REQUIREMENTS = ("R7", "R8")
# How far before a period its planning deadlines can fall (1 December of the year before).
PLANNING_LEAD = timedelta(days=400)


def period_bounds(profile: RegulationProfile, day: date) -> tuple[date, date]:
    """The planning period of `profile` that `day` falls in: its planning cycle decides the length."""
    return period_containing(profile.planning_cycle, day)


def ensure_period(*, actor: Any, start: date) -> PlanningPeriod:
    """The planning period beginning on `start`, created under the profile in force on that day.

    A period is bookkeeping that whoever plans in it creates on first need, so no role is asked.
    """
    profile = profile_in_force(start)
    if profile is None:
        raise DomainError(
            _("No regulation is in force on %(date)s.") % {"date": f"{start:%d.%m.%Y}"}, code="no_profile"
        )
    period_start, period_end = period_bounds(profile, start)
    if period_start != start:
        raise DomainError(
            _("Under %(profile)s a planning period begins on %(date)s, not on the given day.")
            % {"profile": profile.code, "date": f"{period_start:%d.%m.%Y}"},
            code="not_a_period_start",
        )
    with transaction.atomic():
        period, created = PlanningPeriod.objects.get_or_create(
            start=period_start, defaults={"end": period_end, "profile": profile}
        )
        if created:
            record_audit(
                actor=actor,
                action="planning.period.create",
                target=period,
                new={"start": period.start.isoformat(), "end": period.end.isoformat(), "profile": profile.code},
            )
    return period


def next_period_start(today: date | None = None) -> date | None:
    """The first day of the period after the one containing `today`, under the profile then in force."""
    today = today or timezone.localdate()
    profile = profile_in_force(today)
    if profile is None:
        return None
    _start, end = period_bounds(profile, today)
    return end + timedelta(days=1)


def current_and_next_periods(today: date | None = None) -> list[PlanningPeriod]:
    """The periods already opened that are under way or still to come, earliest first."""
    today = today or timezone.localdate()
    return list(PlanningPeriod.objects.filter(end__gte=today).select_related("profile").order_by("start")[:2])


def period_deadlines(period: PlanningPeriod) -> list[Obligation]:
    """The obligations that prepare this period's schedule (proposals, draft, approval), by due date."""
    obligations = obligations_between(start=period.start - PLANNING_LEAD, end=period.end, profile=period.profile)
    return [
        obligation
        for obligation in obligations
        if obligation.requirement in PLANNING_REQUIREMENTS and obligation.period_start == period.start
    ]
