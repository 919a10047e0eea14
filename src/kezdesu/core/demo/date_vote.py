"""The vote on the date demo (R9), entered through the meetings domain so the audit trail is real.

Of the demo's announced visits still ahead:
- the first: the residents were asked, most chose the announced day, and its approver fixed it
  (the schedule already has that day, so it is not amended);
- the second: the vote is open, with three dates offered and some votes from several districts.
Dates are offered from the visit's own day on, on working days only; a visit whose first date is
already past, or that already has options, is left alone, so running it twice changes nothing.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kezdesu.core.demo.accounts import demo_account
from kezdesu.core.demo.visits import DEMO_MINISTRIES
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


def _offer(visit: Visit, editor: object) -> list[DateOption] | None:
    days = _working_days(visit.start_date, len(HOURS))
    if _at(days[0], HOURS[0][0]) <= timezone.now() + datetime.timedelta(hours=2):
        return None
    return [
        add_date_option(actor=editor, visit=visit, starts_at=_at(day, start), ends_at=_at(day, end))
        for day, (start, end) in zip(days, HOURS, strict=True)
    ]


def _votes(visit: Visit, options: list[DateOption], counts: Iterable[int]) -> int:
    districts: list[District | None] = [*District.objects.filter(region=visit.region_id).order_by("kato")[:4], None]
    cast = 0
    for option, count in zip(options, counts, strict=True):
        for _index in range(count):
            cast_vote(
                visit=visit,
                option=option,
                voter_key=voter_key(visit, f"demo-resident-{cast}"),
                network_key=voter_key(visit, f"demo-network-{cast % 6}"),
                district=districts[cast % len(districts)],
            )
            cast += 1
    return cast


def add_date_vote_demo(visits: Iterable[Visit]) -> int:
    """Votes on the date of the demo's next announced visits; returns the number of votes cast."""
    # Mail is sent once the transaction commits: keep it in memory until then, inside the override.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
        return _add_date_vote_demo(visits)


def _add_date_vote_demo(visits: Iterable[Visit]) -> int:
    today = timezone.localdate()
    # The first two announced visits ahead, the demo ministries' first (their accounts see the result).
    ahead = sorted(
        (visit for visit in visits if visit.status == Visit.Status.PUBLISHED and visit.start_date > today),
        key=lambda visit: (visit.organisation.code not in DEMO_MINISTRIES, visit.start_date, visit.pk),
    )[:2]
    cast = 0
    for index, visit in enumerate(ahead):
        if visit.date_options.exists():
            continue
        editor, approver = _people(visit)
        options = _offer(visit, editor)
        if options is None:
            continue
        fixed = index == 0
        closes = (
            timezone.now() + datetime.timedelta(minutes=30)
            if fixed
            else min(_at(visit.start_date - datetime.timedelta(days=1), 18), options[0].starts_at)
        )
        if closes <= timezone.now():
            continue
        open_date_vote(actor=editor, visit=visit, closes_at=closes)
        cast += _votes(visit, options, FIXED_VOTES if fixed else OPEN_VOTES)
        if fixed:
            fix_visit_date(actor=approver, visit=visit, option=options[0])
    return cast
