"""The meetings that meet the meeting obligations, read from the visits (registered in MeetingsConfig.ready).

- `first-head-meetings` (R2; R1 under REG-2022): a meeting of the ministry's first head with the population
  that took place in the period, in a region whose akimat agreed it (a scheduled meeting) or on a risk flag of
  the ministry in that region (an unscheduled one). Every other meeting of the ministry in the period is shown
  beside it with why it does not count: a deputy's or a committee chair's (R5, counted as theirs), one not held
  yet, cancelled or not agreed.
- `unscheduled-meeting` (R4): a meeting of the flagged ministry's first head with the flagged region's
  population that took place after the flag was raised; where the risk is high, whether the deputy prime
  minister took part (R6) is said beside it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from typing import cast

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from kezdesu.meetings.domain.queries.held import (
    agreed_by_akimat,
    meeting_day,
    meeting_not_held,
    meeting_took_place,
    visits_of_bodies,
)
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Position, Region
from kezdesu.planning.models import RiskFlag
from kezdesu.regulations.domain.evidence import Asked, Evidence, lazy_text
from kezdesu.regulations.domain.obligations import Obligation

RISK_EVENT_PREFIX = "risk-"
OBLIGING_FLAGS = (RiskFlag.Status.ASSIGNED, RiskFlag.Status.MET)


def _url(visit: Visit) -> Promise:
    return cast(Promise, lazy(lambda: reverse("office:visit_detail", kwargs={"pk": visit.pk}), str)())


def _evidence(visit: Visit, day: datetime.date, *, counts: bool, why: str | Promise) -> Evidence:
    return Evidence(
        counts=counts, on=day, label=_label(visit, day), why=why, url=_url(visit), record=f"meetings.visit:{visit.pk}"
    )


def _label(visit: Visit, day: datetime.date) -> Promise:
    return lazy_text(
        _("%(official)s with the population of %(region)s, %(date)s"),
        official=lambda: visit.position.title,
        region=lambda: visit.region.name,
        date=f"{day:%d.%m.%Y}",
    )


def _is_first_head_of(visit: Visit, ministry_pk: int) -> bool:
    return (
        visit.organisation_id == ministry_pk
        and visit.position.level == Position.Level.FIRST_HEAD
        and visit.position.organisation_id == ministry_pk
    )


def _not_held_reason(visit: Visit, day: datetime.date, today: datetime.date) -> Promise | None:
    """Why the visit's meeting is not (yet) a meeting that took place, or None if it took place."""
    if visit.status == Visit.Status.CANCELLED:
        return _("cancelled")
    if meeting_not_held(visit):
        return _("recorded as not held")
    if meeting_took_place(visit):
        return None
    if day >= today:
        return (
            _("not held yet: announced")
            if visit.status == Visit.Status.PUBLISHED
            else _("not held yet: being prepared")
        )
    return _("its day has passed, but nobody has closed the meeting yet")


def _meeting_evidence(visit: Visit, *, ministry_pk: int, agreed: set[int], today: datetime.date) -> Evidence:
    day = meeting_day(visit)
    if not _is_first_head_of(visit, ministry_pk):
        return _evidence(
            visit, day, counts=False, why=_("a meeting of a deputy or a committee chair (R5): counted as theirs")
        )
    problem = _not_held_reason(visit, day, today)
    if problem is not None:
        return _evidence(visit, day, counts=False, why=problem)
    flag = visit.risk_flag
    if visit.is_unscheduled:
        if flag is not None and flag.status in OBLIGING_FLAGS and flag.region_id == visit.region_id:
            why = lazy_text(
                _("held outside the schedule on the risk flag raised on %(date)s"),
                date=f"{timezone.localdate(flag.raised_at):%d.%m.%Y}",
            )
            return _evidence(visit, day, counts=True, why=why)
        return _evidence(visit, day, counts=False, why=_("held outside the schedule without a risk flag in its region"))
    if visit.pk in agreed:
        return _evidence(visit, day, counts=True, why=_("held as scheduled; the region's akimat agreed the date"))
    return _evidence(visit, day, counts=False, why=_("held, but the region's akimat has not agreed this date"))


def _ministry_of(visit: Visit, ministries: set[int]) -> int | None:
    if visit.organisation_id in ministries:
        return visit.organisation_id
    parent = visit.organisation.parent_id
    return parent if parent in ministries else None


def first_head_meetings(asked: list[Asked]) -> Mapping[str, list[Evidence]]:
    by_ministry: dict[int, list[Asked]] = defaultdict(list)
    for item in asked:
        by_ministry[item.debtor.pk].append(item)
    start = min(item.period_start for item in asked)
    end = max(item.period_end for item in asked)
    visits = list(visits_of_bodies(by_ministry, start=start, end=end))
    agreed = agreed_by_akimat(visits)
    today = asked[0].today
    found: dict[str, list[Evidence]] = defaultdict(list)
    for visit in visits:
        ministry = _ministry_of(visit, set(by_ministry))
        if ministry is None:
            continue
        day = meeting_day(visit)
        for item in by_ministry[ministry]:
            if item.period_start <= day <= item.period_end:
                found[item.key].append(_meeting_evidence(visit, ministry_pk=ministry, agreed=agreed, today=today))
    return found


def _flag_of(item: Asked, flags: Mapping[int, RiskFlag]) -> RiskFlag | None:
    number = item.event_id.removeprefix(RISK_EVENT_PREFIX)
    return flags.get(int(number)) if item.event_id.startswith(RISK_EVENT_PREFIX) and number.isdigit() else None


def _deputy_prime_minister_note(visit: Visit, flag: RiskFlag) -> str:
    if not flag.requires_deputy_prime_minister:
        return ""
    if visit.deputy_prime_minister_took_part is True:
        return str(_("the deputy prime minister took part"))
    if visit.deputy_prime_minister_took_part is False:
        return str(_("the deputy prime minister did not take part, although the risk is high"))
    return str(_("whether the deputy prime minister took part is not recorded"))


def unscheduled_meetings(asked: list[Asked]) -> Mapping[str, list[Evidence]]:
    flag_ids = {
        int(item.event_id.removeprefix(RISK_EVENT_PREFIX))
        for item in asked
        if item.event_id.startswith(RISK_EVENT_PREFIX) and item.event_id.removeprefix(RISK_EVENT_PREFIX).isdigit()
    }
    flags = {flag.pk: flag for flag in RiskFlag.objects.filter(pk__in=flag_ids).select_related("region")}
    if not flags:
        return {}
    first = min(timezone.localdate(flag.raised_at) for flag in flags.values())
    visits = list(
        visits_of_bodies(
            {flag.competent_ministry_id for flag in flags.values()}, start=first, end=datetime.date.max
        ).filter(region_id__in={flag.region_id for flag in flags.values()})
    )
    today = asked[0].today
    found: dict[str, list[Evidence]] = defaultdict(list)
    for item in asked:
        flag = _flag_of(item, flags)
        if flag is None:
            continue
        raised = timezone.localdate(flag.raised_at)
        for visit in visits:
            day = meeting_day(visit)
            if visit.region_id != flag.region_id or visit.organisation_id != flag.competent_ministry_id or day < raised:
                continue
            if not _is_first_head_of(visit, flag.competent_ministry_id):
                why_not = _("a meeting of a deputy: the first head must meet the region")
                found[item.key].append(_evidence(visit, day, counts=False, why=why_not))
                continue
            problem = _not_held_reason(visit, day, today)
            if problem is not None:
                found[item.key].append(_evidence(visit, day, counts=False, why=problem))
                continue
            note = _deputy_prime_minister_note(visit, flag)
            why = (
                lazy_text(_("the first head met the region's population after the flag; %(note)s"), note=note)
                if note
                else _("the first head met the region's population after the flag")
            )
            found[item.key].append(_evidence(visit, day, counts=True, why=why))
    return found


def held_in_kezdesu(
    obligation: Obligation, met_on: datetime.date, region: Region | None, position: Position | None
) -> str | None:
    """A meeting typed by hand must have been held outside Kezdesu: not on a day Kezdesu holds a visit of the
    body."""
    debtor = obligation.debtor.organisation
    if debtor is None:
        return None
    clash = (
        Visit.objects.filter(organisation=debtor, start_date__lte=met_on, end_date__gte=met_on)
        .exclude(status=Visit.Status.CANCELLED)
        .exists()
    )
    if clash:
        return str(
            _(
                "Kezdesu holds a visit of this body on %(date)s: record what happened at that visit (close it) "
                "instead of typing the meeting by hand."
            )
            % {"date": f"{met_on:%d.%m.%Y}"}
        )
    return None
