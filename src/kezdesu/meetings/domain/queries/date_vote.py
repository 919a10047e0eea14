"""Reads of the vote on a visit's date (R9) that the public page, the back office and the API share."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count
from django.utils import timezone

from kezdesu.meetings.models import DateOption, DateVote, Visit
from kezdesu.organisations.models import District


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


@dataclass(frozen=True)
class OptionResult:
    option: DateOption
    votes: int
    percent: int  # of all votes, rounded; for the bars


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
    """Votes per option and per district of the visit's region, in two queries."""
    options = date_options(visit)
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
            OptionResult(option=o, votes=n, percent=round(100 * n / total) if total else 0)
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
