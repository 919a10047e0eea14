"""Reads of the vote on a visit's date (R9) that the public page, the back office and the API share."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from kezdesu.meetings.models import DateOption, DateVote, Visit
from kezdesu.organisations.models import District
from kezdesu.regulations.domain.calendar import WorkingCalendar


class VoteState(StrEnum):
    NOT_OPENED = "not_opened"
    OPEN = "open"
    CLOSED = "closed"
    FIXED = "fixed"


def vote_state(visit: Visit, *, now: datetime.datetime | None = None) -> VoteState:
    if visit.date_fixed_at is not None:
        return VoteState.FIXED
    if visit.vote_closes_at is None:
        return VoteState.NOT_OPENED
    return VoteState.OPEN if (now or timezone.now()) < visit.vote_closes_at else VoteState.CLOSED


def date_options(visit: Visit) -> list[DateOption]:
    return list(DateOption.objects.filter(visit=visit).order_by("starts_at", "pk"))


def visits_without_date_vote(
    visits: QuerySet[Visit] | None = None, *, from_day: datetime.date | None = None
) -> QuerySet[Visit]:
    """Announced visits whose population was not asked about the day and time (P3.5; under REG-2024 the
    procedure's default content, G3.2): no vote on the date was ever opened, or it offers no date.

    Derived from the records, never stored: opening a vote sets `vote_closes_at`, and fixing a date without
    a vote leaves it empty. `from_day`: only visits not over by then. One query, whatever the number of visits.
    """
    offered = DateOption.objects.filter(visit=OuterRef("pk"))
    unasked = (visits if visits is not None else Visit.objects.all()).filter(
        Q(vote_closes_at__isnull=True) | ~Exists(offered), status=Visit.Status.PUBLISHED
    )
    if from_day is not None:
        unasked = unasked.filter(end_date__gte=from_day)
    return unasked.select_related("organisation", "position", "region").order_by("start_date", "pk")


@dataclass(frozen=True)
class OptionResult:
    option: DateOption
    votes: int
    percent: int  # of all votes, rounded; for the bars
    day_off: str = ""  # why the day is off (a holiday's name, "Saturday"); empty on a working day


def _days_off(options: list[DateOption]) -> dict[int, str]:
    """{option id: why its day is off} for the options on days off: information, not a refusal."""
    if not options:
        return {}
    days = {option.pk: timezone.localtime(option.starts_at).date() for option in options}
    calendar = WorkingCalendar.for_range(min(days.values()), max(days.values()))
    return {
        pk: calendar.holiday_name(day) or date_format(day, "l")
        for pk, day in days.items()
        if not calendar.is_working_day(day)
    }


@dataclass(frozen=True)
class DistrictResult:
    district: District | None  # None: the voter did not say
    votes: int
    by_option: tuple[int, ...]  # in the order of `VoteResults.options`


@dataclass(frozen=True)
class VoteResults:
    options: tuple[OptionResult, ...]
    districts: tuple[DistrictResult, ...]
    total: int

    @property
    def leading(self) -> tuple[DateOption, ...]:
        """The options with the most votes (several on a tie; none before the first vote)."""
        most = max((result.votes for result in self.options), default=0)
        return tuple(result.option for result in self.options if most and result.votes == most)


def vote_results(visit: Visit) -> VoteResults:
    """Votes per option and per district of the visit's region; days off with their reason."""
    options = date_options(visit)
    days_off = _days_off(options)
    counts = {
        (row["option"], row["district"]): row["votes"]
        for row in DateVote.objects.filter(visit=visit).values("option", "district").annotate(votes=Count("pk"))
    }
    total = sum(counts.values())
    per_option = [sum(v for (option, _d), v in counts.items() if option == o.pk) for o in options]
    district_ids = {district for (_o, district) in counts}
    districts = {d.pk: d for d in District.objects.filter(pk__in=[pk for pk in district_ids if pk is not None])}
    rows = [
        DistrictResult(
            district=districts.get(pk) if pk is not None else None,
            votes=sum(v for (_o, d), v in counts.items() if d == pk),
            by_option=tuple(counts.get((o.pk, pk), 0) for o in options),
        )
        for pk in district_ids
    ]
    rows.sort(key=lambda row: (row.district is None, -row.votes, str(row.district or "")))
    return VoteResults(
        options=tuple(
            OptionResult(
                option=o, votes=n, percent=round(100 * n / total) if total else 0, day_off=days_off.get(o.pk, "")
            )
            for o, n in zip(options, per_option, strict=True)
        ),
        districts=tuple(rows),
        total=total,
    )


def vote_of(visit: Visit, voter_key: str) -> DateVote | None:
    """The vote cast under `voter_key`, to show a returning voter their choice and the results."""
    if not voter_key:
        return None
    return DateVote.objects.filter(visit=visit, voter_key=voter_key).select_related("option", "district").first()
