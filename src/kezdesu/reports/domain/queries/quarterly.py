"""Reads for the quarterly information (R22): every ministry's pack for a quarter (the authorized body's
overview) and a ministry's quarters, each with its obligation and state. A fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kezdesu.followup.domain.queries.progress_reports import quarter_bounds, quarter_of
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.obligations import Basis, Obligation, ObligationState, obligations_between
from kezdesu.regulations.models import ObligationRule
from kezdesu.reports.models import QuarterlyInformation

QUARTERS_SHOWN = 8
# The due date lies after the quarter (the 10th of the next month, moved off days off): how far to look.
_DUE_REACH = datetime.timedelta(days=75)

# A pack's state, for the lists and the API.
SUBMITTED_ON_TIME = "submitted_on_time"
SUBMITTED_LATE = "submitted_late"
SUBMITTED = "submitted"  # under an act that does not require it
RETURNED = "returned"  # returned for correction after a submission that met the obligation
MET_OTHERWISE = "met_otherwise"  # sent outside Kezdesu (e.g. a letter) and recorded by hand
OVERDUE = "overdue"
OPEN = "open"
NOT_REQUIRED = "not_required"

STATE_LABELS = {
    SUBMITTED_ON_TIME: _("submitted on time"),
    SUBMITTED_LATE: _("submitted late"),
    SUBMITTED: _("submitted"),
    RETURNED: _("returned for correction"),
    MET_OTHERWISE: _("sent outside Kezdesu: recorded by hand"),
    OVERDUE: _("overdue"),
    OPEN: _("open"),
    NOT_REQUIRED: _("not required by the act in force"),
}
STATE_CSS = {
    SUBMITTED_ON_TIME: "met",
    SUBMITTED_LATE: "overdue",
    SUBMITTED: "met",
    RETURNED: "open",
    MET_OTHERWISE: "met",
    OVERDUE: "overdue",
    OPEN: "open",
    NOT_REQUIRED: "open",
}


@dataclass(frozen=True)
class QuarterRow:
    organisation: Organisation
    year: int
    quarter: int
    start: datetime.date
    end: datetime.date
    information: QuarterlyInformation | None
    obligation: Obligation | None
    state: str

    @property
    def status(self) -> str:
        return self.information.status if self.information is not None else QuarterlyInformation.Status.DRAFT

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def state_css(self) -> str:
        return STATE_CSS[self.state]

    @property
    def due(self) -> datetime.date | None:
        return self.obligation.due if self.obligation is not None else None


def pack_state(information: QuarterlyInformation | None, obligation: Obligation | None) -> str:
    """The pack's state as the obligation derives it from the records: submitted (on time or late), sent
    outside Kezdesu and recorded by hand, returned for correction, or open/overdue."""
    submitted = information is not None and information.status == QuarterlyInformation.Status.SUBMITTED
    if obligation is None:
        return SUBMITTED if submitted else NOT_REQUIRED
    if submitted and obligation.basis == Basis.RECORDS and obligation.met_on is not None:
        return SUBMITTED_ON_TIME if obligation.met_on <= obligation.due else SUBMITTED_LATE
    if submitted:
        return SUBMITTED
    if information is not None and information.returned_at is not None:
        return RETURNED
    if obligation.by_hand:
        return MET_OTHERWISE
    return OVERDUE if obligation.state == ObligationState.OVERDUE else OPEN


def ministries() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("name")


def _obligations(
    quarters: list[tuple[int, int]], organisations: list[Organisation], today: datetime.date
) -> dict[tuple[int, datetime.date], Obligation]:
    """The `quarterly-information` obligations of the quarters, by (debtor pk, period start)."""
    first = min(quarters)
    last = max(quarters)
    start = quarter_bounds(*first)[1]
    end = quarter_bounds(*last)[1] + _DUE_REACH
    found = {}
    for obligation in obligations_between(start=start, end=end, organisations=organisations, today=today):
        debtor = obligation.debtor.organisation
        if obligation.rule.role == ObligationRule.Role.QUARTERLY_INFORMATION and debtor is not None:
            found[(debtor.pk, obligation.period_start)] = obligation
    return found


def quarterly_overview(year: int, quarter: int, *, today: datetime.date) -> list[QuarterRow]:
    """One row per ministry (by name) with its pack, due date and state for the quarter."""
    start, end = quarter_bounds(year, quarter)
    bodies = list(ministries())
    obligations = _obligations([(year, quarter)], bodies, today)
    packs = {
        information.organisation_id: information
        for information in QuarterlyInformation.objects.filter(year=year, quarter=quarter)
    }
    rows = []
    for body in bodies:
        information = packs.get(body.pk)
        obligation = obligations.get((body.pk, start))
        rows.append(
            QuarterRow(body, year, quarter, start, end, information, obligation, pack_state(information, obligation))
        )
    return rows


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def last_ended_quarter(today: datetime.date) -> tuple[int, int]:
    return previous_quarter(*quarter_of(today))


def ministry_quarters(organisation: Organisation, *, today: datetime.date) -> list[QuarterRow]:
    """The ministry's last quarters (the one under way first), each with its pack, obligation and state."""
    quarters = [quarter_of(today)]
    while len(quarters) < QUARTERS_SHOWN:
        quarters.append(previous_quarter(*quarters[-1]))
    obligations = _obligations(quarters, [organisation], today)
    packs = {
        (information.year, information.quarter): information
        for information in QuarterlyInformation.objects.filter(organisation=organisation)
    }
    rows = []
    for year, quarter in quarters:
        start, end = quarter_bounds(year, quarter)
        information = packs.get((year, quarter))
        obligation = obligations.get((organisation.pk, start))
        rows.append(
            QuarterRow(
                organisation, year, quarter, start, end, information, obligation, pack_state(information, obligation)
            )
        )
    return rows
