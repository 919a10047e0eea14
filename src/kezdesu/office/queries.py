"""The back office's reads, scoped to the signed-in user (S2).

Coordinators, oversight and superusers see every obligation; everyone else sees those where
an organisation in their scope (their own, or a committee of their ministry) owes or receives.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from kezdesu.meetings.models import Visit
from kezdesu.organisations.domain.queries.scope import organisations_in_scope, sees_everything
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.calendar import WorkingCalendar
from kezdesu.regulations.domain.obligations import (
    Obligation,
    ObligationState,
    event_obligation,
    find_obligation,
    obligations_between,
)
from kezdesu.regulations.domain.roles import Role
from kezdesu.regulations.models import CalendarException, RegulationProfile

# The window the home page counts over.
HORIZON_DAYS = 90
OVERDUE_LOOKBACK_DAYS = 365
SOON_DAYS = 7
# Filters finer than the state: met by the deadline, or after it; met by a reference typed by hand.
MET_ON_TIME, MET_LATE, MET_BY_HAND = "met_on_time", "met_late", "met_by_hand"


def in_state(obligation: Obligation, state: str) -> bool:
    """Whether the obligation is in the state asked for (an ObligationState, MET_ON_TIME or MET_LATE)."""
    if state == MET_ON_TIME:
        return obligation.met_on_time
    if state == MET_LATE:
        return obligation.state == ObligationState.MET and not obligation.met_on_time
    if state == MET_BY_HAND:
        return obligation.by_hand
    return not state or obligation.state == state


def visible_obligations(
    *,
    user: object,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    profile: RegulationProfile | None = None,
    organisation: Organisation | None = None,
    requirement: str = "",
    state: str = "",
) -> list[Obligation]:
    """Obligations due between `start` and `end` that `user` may read, filtered as asked."""
    organisations: Iterable[Organisation] | None
    if organisation is not None:
        organisations = [organisation]
    elif sees_everything(user):
        organisations = None
    else:
        organisations = list(organisations_in_scope(user))
        if not organisations:
            return []
    obligations = obligations_between(start=start, end=end, profile=profile, organisations=organisations, today=today)
    return [
        obligation
        for obligation in obligations
        if (not requirement or obligation.requirement == requirement) and in_state(obligation, state)
    ]


def visible_obligation(*, user: object, key: str, today: datetime.date) -> Obligation | None:
    """The obligation with `key` if `user` may read it; None when it does not exist for them."""
    return _if_visible(user, find_obligation(key, today=today))


def visit_results_obligation(*, user: object, visit: Visit, today: datetime.date) -> Obligation | None:
    """The obligation to publish the visit's results (R20) if the user may read it, so that the visit's page
    says by when, from the records; None for a visit that owes none (a draft, a cancelled one)."""
    obligation = event_obligation(
        Role.VISIT_RESULTS, visit.organisation, event_id=str(visit.pk), on=visit.start_date, today=today
    )
    return _if_visible(user, obligation)


def _if_visible(user: object, obligation: Obligation | None) -> Obligation | None:
    if obligation is None or sees_everything(user):
        return obligation
    parties = (obligation.debtor.organisation, obligation.recipient.organisation)
    scope = set(organisations_in_scope(user).values_list("pk", flat=True))
    return obligation if any(party is not None and party.pk in scope for party in parties) else None


@dataclass(frozen=True)
class ObligationSummary:
    due_soon: int
    open_ahead: int
    overdue: int


def obligation_summary(*, user: object, today: datetime.date) -> ObligationSummary:
    """What the home page counts: open in the next 90 days, of them due within 7, and overdue."""
    obligations = visible_obligations(
        user=user,
        start=today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS),
        end=today + datetime.timedelta(days=HORIZON_DAYS),
        today=today,
    )
    ahead = [o for o in obligations if o.state == ObligationState.OPEN and o.due >= today]
    return ObligationSummary(
        due_soon=sum(1 for o in ahead if (o.due - today).days <= SOON_DAYS),
        open_ahead=len(ahead),
        overdue=sum(1 for o in obligations if o.state == ObligationState.OVERDUE),
    )


def obligation_tone(obligation: Obligation, *, today: datetime.date) -> str:
    """How an obligation's state is shown: overdue, soon (open, due within 7 days), met, or open."""
    if obligation.state == ObligationState.OPEN and (obligation.due - today).days <= SOON_DAYS:
        return "soon"
    return str(obligation.state)


@dataclass(frozen=True)
class DayOff:
    day: datetime.date
    name: str
    entered: bool


def holidays_of_year(year: int) -> list[DayOff]:
    """The year's public holidays and entered days off, each with its name in the active language."""
    calendar = WorkingCalendar(years=[year])
    days = []
    for day in calendar.days_off(datetime.date(year, 1, 1), datetime.date(year, 12, 31)):
        name = calendar.holiday_name(day)
        if name:
            days.append(DayOff(day=day, name=name, entered=calendar.exception_on(day) is not None))
    return days


def calendar_exceptions_of(year: int) -> QuerySet[CalendarException]:
    return CalendarException.objects.filter(date__year=year).order_by("date")
