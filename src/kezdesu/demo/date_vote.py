"""The vote on the date demo (R9), entered through the meetings domain so the audit trail is real.

- the visit a week ahead: the residents were asked, the vote closed yesterday, most chose the announced day, and
  its approver fixed it (the schedule already has that day, so it is not amended);
- the next working day's visit (the Minister of Enlightenment's to Abai Region): the vote is open until two hours
  before the first date offered, with three dates and votes from several districts.
Dates are offered from the visit's own day on, on working days only; a visit that already has options is left
alone, so running it twice changes nothing.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kezdesu.demo.accounts import demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import VOTE_FIXED, VOTE_OPEN
from kezdesu.demo.visits import DEMO_MINISTRIES
from kezdesu.meetings.domain.date_vote import add_date_option, cast_vote, fix_visit_date, open_date_vote
from kezdesu.meetings.interfaces.voter_keys import voter_key
from kezdesu.meetings.models import DateOption, Visit
from kezdesu.organisations.models import District
from kezdesu.regulations.domain.calendar import WorkingCalendar

ADMIN = "admin"
# Hours of the options: the announced morning, the next morning, an afternoon after that.
HOURS = ((10, 12), (10, 12), (15, 17))
# How many demo residents choose each option, for the open vote and the fixed one.
OPEN_VOTES = (9, 14, 5)
FIXED_VOTES = (17, 8, 4)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _working_days(first: datetime.date, count: int) -> list[datetime.date]:
    calendar = WorkingCalendar.for_range(first, first + datetime.timedelta(days=30))
    days: list[datetime.date] = []
    day = first
    while len(days) < count:
        if calendar.is_working_day(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _people(visit: Visit) -> tuple[object, object]:
    """(who offers the dates, who fixes one): the ministry's demo accounts, else the demo's administrator.

    The coordinator, who stands in for ministries without demo accounts elsewhere, may not act for a
    ministry here: offering and fixing the date are the ministry's own decisions.
    """
    code = visit.organisation.code
    if code in DEMO_MINISTRIES:
        return demo_account(f"{code}.editor"), demo_account(f"{code}.approver")
    admin = demo_account(ADMIN)
    return admin, admin


def _offer(visit: Visit, editor: object) -> list[DateOption]:
    days = _working_days(visit.start_date, len(HOURS))
    return [
        add_date_option(actor=editor, visit=visit, starts_at=_at(day, start), ends_at=_at(day, end))
        for day, (start, end) in zip(days, HOURS, strict=True)
    ]


def _votes(
    clock: DemoClock,
    visit: Visit,
    options: list[DateOption],
    counts: Iterable[int],
    *,
    since: datetime.datetime,
    until: datetime.datetime,
) -> int:
    """The residents' votes, spread over the time the vote was open."""
    counts = tuple(counts)
    districts: list[District | None] = [*District.objects.filter(region=visit.region_id).order_by("kato")[:4], None]
    total = sum(counts)
    span = until - since
    cast = 0
    for option, count in zip(options, counts, strict=True):
        for _index in range(count):
            with clock.at(since + span * (cast + 1) / (total + 2)):
                cast_vote(
                    visit=visit,
                    option=option,
                    voter_key=voter_key(visit, f"demo-resident-{cast}"),
                    network_key=voter_key(visit, f"demo-network-{cast % 6}"),
                    district=districts[cast % len(districts)],
                )
            cast += 1
    return cast


def add_date_vote_demo(clock: DemoClock, visits: dict[str, Visit]) -> int:
    """The votes on the date of the visits a week ahead (fixed) and on the next working day (open); returns the
    number of votes cast."""
    # Mail is sent once the transaction commits: keep it in memory until then, inside the override.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
        cast = 0
        for key, fixed in ((VOTE_FIXED, True), (VOTE_OPEN, False)):
            visit = visits[key]
            if visit.date_options.exists() or visit.status != Visit.Status.PUBLISHED:
                continue
            editor, approver = _people(visit)
            opened = clock.now - datetime.timedelta(days=6 if fixed else 3)
            with clock.at(opened):
                options = _offer(visit, editor)
                # The fixed vote closed yesterday; the open one closes two hours before the first date offered.
                closes = (
                    clock.now - datetime.timedelta(days=1)
                    if fixed
                    else options[0].starts_at - datetime.timedelta(hours=2)
                )
                open_date_vote(actor=editor, visit=visit, closes_at=closes)
            cast += _votes(
                clock, visit, options, FIXED_VOTES if fixed else OPEN_VOTES, since=opened, until=min(closes, clock.now)
            )
            if fixed:
                with clock.at(clock.now - datetime.timedelta(hours=20)):
                    fix_visit_date(actor=approver, visit=visit, option=options[0])
        return cast
