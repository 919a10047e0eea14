"""The obligations engine: from the profiles and the calendar, who owes what to whom, by when, and what met it.

Obligations are computed, never stored; each has a stable key. What met one is computed too: the records
Kezdesu holds, found by the rule's role (`evidence.py`), or, where none does, a reference typed by hand and
stored as a `Fulfilment` under the key (`by_hand.py`), marked as such wherever it shows. Nothing here
branches on a profile: every difference between acts is in the profile's data (regulations/data/profiles/).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kezdesu.organisations.models import Organisation, OrganisationName
from kezdesu.regulations.domain.calendar import WorkingCalendar
from kezdesu.regulations.domain.deadlines import Deadline, compute_due, nominal_due
from kezdesu.regulations.domain.events import events_between, find_event
from kezdesu.regulations.domain.evidence import Asked, Evidence, evidence_for
from kezdesu.regulations.domain.parties import Party, resolve_parties, resolve_recipient
from kezdesu.regulations.domain.periods import period_containing, periods_in_years
from kezdesu.regulations.domain.queries.profiles import profile_in_force, profile_in_force_among, profiles_with_rules
from kezdesu.regulations.models import Fulfilment, ObligationRule, RegulationProfile

__all__ = [
    "Basis",
    "Evidence",
    "Obligation",
    "ObligationState",
    "Party",
    "find_obligation",
    "obligations_between",
]

FULFILMENT_BATCH = 500  # keys per query, well under SQLite's limit on parameters
ROLL_REACH = timedelta(days=31)  # more than any run of days off can move a deadline


class ObligationState(models.TextChoices):
    OPEN = "open", gettext_lazy("open")
    MET = "met", gettext_lazy("met")
    OVERDUE = "overdue", gettext_lazy("overdue")


class Basis(models.TextChoices):
    """What an obligation's state rests on."""

    RECORDS = "records", gettext_lazy("met by records in Kezdesu")
    BY_HAND = "by_hand", gettext_lazy("recorded by hand: done outside Kezdesu")
    NONE = "", gettext_lazy("not met")


@dataclass(frozen=True)
class Obligation:
    key: str  # f"{profile.code}:{rule.code}:{debtor.code}:{period_start:%Y-%m-%d}"; event rules: the event id
    profile: RegulationProfile
    rule: ObligationRule
    requirement: str
    source: str
    title: str
    debtor: Party
    recipient: Party
    period_start: date
    period_end: date
    nominal_due: date
    due: date
    state: ObligationState
    # The reference typed by hand (a Fulfilment without a record), if any: it meets the obligation only where
    # no record does (then `basis` is BY_HAND); beside records that meet it, it is shown as superseded.
    fulfilment: Fulfilment | None
    met_on: date | None = None
    basis: str = Basis.NONE
    # Every record that bears on it: those that count first, then those that do not, each with why.
    evidence: tuple[Evidence, ...] = ()

    @property
    def moved(self) -> bool:
        return self.due != self.nominal_due

    @property
    def is_met(self) -> bool:
        return self.state == ObligationState.MET

    @property
    def by_hand(self) -> bool:
        return self.basis == Basis.BY_HAND

    @property
    def met_on_time(self) -> bool:
        return self.met_on is not None and self.met_on <= self.due

    @property
    def counting(self) -> tuple[Evidence, ...]:
        """The records that count toward it."""
        return tuple(record for record in self.evidence if record.counts)

    @property
    def event_id(self) -> str:
        """For a rule counted from an event: the event's id (the key's last part)."""
        return self.key.rsplit(":", 1)[-1] if self.rule.period == ObligationRule.Period.EVENT else ""


@dataclass(frozen=True)
class _Candidate:
    """An obligation before its state is known."""

    key: str
    profile: RegulationProfile
    rule: ObligationRule
    debtor: Party
    recipient: Party
    period_start: date
    period_end: date
    deadline: Deadline


def _applies(rule: ObligationRule, day: date) -> bool:
    """Whether the rule, as the act stood (amended or not), applies to an obligation due on `day`."""
    return (rule.valid_from is None or rule.valid_from <= day) and (rule.valid_to is None or day <= rule.valid_to)


class _Parties:
    """Who a profile's codes stand for on a day, from every organisation loaded once, each answer kept for the
    computation (a year's obligations ask the same few codes about the same few days)."""

    def __init__(self) -> None:
        self.organisations = list(Organisation.objects.all())
        # Named as they were called then (parties.name_on): the former names in one read, not one per body.
        former: dict[int, list[OrganisationName]] = defaultdict(list)
        for name in OrganisationName.objects.order_by("used_until", "pk"):
            former[name.organisation_id].append(name)
        for organisation in self.organisations:
            organisation.former_names_sorted = former.get(organisation.pk, [])  # type: ignore[attr-defined]
        self._debtors: dict[tuple[str, date], list[Party]] = {}
        self._recipients: dict[tuple[str, date], Party] = {}

    def debtors(self, code: str, on: date) -> list[Party]:
        if (code, on) not in self._debtors:
            self._debtors[(code, on)] = resolve_parties(code, self.organisations, on=on)
        return self._debtors[(code, on)]

    def recipient(self, code: str, on: date) -> Party:
        if (code, on) not in self._recipients:
            self._recipients[(code, on)] = resolve_recipient(code, self.organisations, on=on)
        return self._recipients[(code, on)]


def _exempt(profile: RegulationProfile, organisation: Organisation | None) -> bool:
    """Whether the profile exempts the body (or the ministry a committee belongs to)."""
    if organisation is None:
        return False
    exempt_ids = {body.pk for body in profile.exempt_organisations.all()}  # prefetched: no query
    return organisation.pk in exempt_ids or organisation.parent_id in exempt_ids


def _key(profile: RegulationProfile, rule: ObligationRule, debtor: Party, suffix: str) -> str:
    return f"{profile.code}:{rule.code}:{debtor.code}:{suffix}"


def _year_margin(rule: ObligationRule) -> int:
    """How many years a due date can lie from its period, with room for rolling off a holiday."""
    return 1 + (abs(rule.months) + 11) // 12 + (abs(rule.days) + 364) // 365


def _periodic_candidates(
    profile: RegulationProfile,
    rule: ObligationRule,
    *,
    start: date,
    end: date,
    parties: _Parties,
    calendar: WorkingCalendar,
) -> Iterator[_Candidate]:
    margin = _year_margin(rule)
    for period_start, period_end in periods_in_years(rule.period, start.year - margin, end.year + margin):
        # Rolling only moves a date forward, and by days: skip far periods before asking the calendar.
        nominal = nominal_due(rule, period_start=period_start, period_end=period_end)
        if not start - ROLL_REACH <= nominal <= end or not _applies(rule, nominal):
            continue
        deadline = compute_due(rule, period_start=period_start, period_end=period_end, calendar=calendar)
        if not start <= deadline.due <= end:
            continue
        # The bodies that existed at the period's end owe it, under the names they bore then.
        debtors = [
            party for party in parties.debtors(rule.debtor, period_end) if not _exempt(profile, party.organisation)
        ]
        recipient = parties.recipient(rule.recipient, period_end)
        for debtor in debtors:
            yield _Candidate(
                key=_key(profile, rule, debtor, f"{period_start:%Y-%m-%d}"),
                profile=profile,
                rule=rule,
                debtor=debtor,
                recipient=recipient,
                period_start=period_start,
                period_end=period_end,
                deadline=deadline,
            )


def _event_candidate(
    profile: RegulationProfile,
    rule: ObligationRule,
    *,
    event_id: str,
    debtor_organisation: Organisation,
    event_date: date,
    parties: _Parties,
    calendar: WorkingCalendar,
) -> _Candidate | None:
    if _exempt(profile, debtor_organisation):
        return None
    debtor = next(
        (party for party in parties.debtors(rule.debtor, event_date) if party.organisation == debtor_organisation),
        None,
    )
    if debtor is None:  # the event's body is not one the rule binds (e.g. not a ministry), or did not exist
        return None
    deadline = compute_due(
        rule, period_start=event_date, period_end=event_date, event_date=event_date, calendar=calendar
    )
    if not _applies(rule, deadline.nominal):
        return None
    return _Candidate(
        key=_key(profile, rule, debtor, event_id),
        profile=profile,
        rule=rule,
        debtor=debtor,
        recipient=parties.recipient(rule.recipient, event_date),
        period_start=event_date,
        period_end=event_date,
        deadline=deadline,
    )


def _event_candidates(
    profile: RegulationProfile,
    rule: ObligationRule,
    *,
    start: date,
    end: date,
    parties: _Parties,
    calendar: WorkingCalendar,
) -> Iterator[_Candidate]:
    # Events early enough for their deadline (which only moves forward) to reach the range.
    reach = timedelta(days=max(0, rule.days) + 31 * max(0, rule.months) + 31)
    back = timedelta(days=31 * max(0, -rule.months) + max(0, -rule.days))
    by_pk = {organisation.pk: organisation for organisation in parties.organisations}
    for event_id, debtor_organisation, event_date in events_between(rule.event, start - reach, end + back):
        candidate = _event_candidate(
            profile,
            rule,
            event_id=str(event_id),
            debtor_organisation=by_pk.get(debtor_organisation.pk, debtor_organisation),
            event_date=event_date,
            parties=parties,
            calendar=calendar,
        )
        if candidate is not None and start <= candidate.deadline.due <= end:
            yield candidate


def _candidates(
    profile: RegulationProfile,
    *,
    start: date,
    end: date,
    parties: _Parties,
    calendar: WorkingCalendar,
) -> Iterator[_Candidate]:
    for rule in profile.rules.all():
        if rule.period == ObligationRule.Period.EVENT:
            yield from _event_candidates(profile, rule, start=start, end=end, parties=parties, calendar=calendar)
        else:
            yield from _periodic_candidates(profile, rule, start=start, end=end, parties=parties, calendar=calendar)


def typed_by_hand() -> QuerySet[Fulfilment]:
    """The fulfilments typed by hand. Rows linked to a record were written by the system from that record
    before records were read directly: the record itself is read now, so they are history, not evidence."""
    return Fulfilment.objects.filter(record_type__isnull=True)


def _fulfilments(keys: list[str]) -> dict[str, Fulfilment]:
    found: dict[str, Fulfilment] = {}
    for index in range(0, len(keys), FULFILMENT_BATCH):
        batch = keys[index : index + FULFILMENT_BATCH]
        rows = typed_by_hand().filter(obligation_key__in=batch).select_related("region", "position", "recorded_by")
        found.update({row.obligation_key: row for row in rows})
    return found


def _asked(candidate: _Candidate, today: date) -> Asked | None:
    organisation = candidate.debtor.organisation
    if organisation is None or not candidate.rule.role:
        return None
    return Asked(
        key=candidate.key,
        rule=candidate.rule,
        debtor=organisation,
        period_start=candidate.period_start,
        period_end=candidate.period_end,
        due=candidate.deadline.due,
        today=today,
        event_id=candidate.key.rsplit(":", 1)[-1] if candidate.rule.period == ObligationRule.Period.EVENT else "",
    )


def _with_state(candidates: list[_Candidate], *, today: date) -> list[Obligation]:
    fulfilments = _fulfilments([candidate.key for candidate in candidates])
    evidence = evidence_for(asked for asked in (_asked(candidate, today) for candidate in candidates) if asked)
    obligations = []
    for candidate in candidates:
        fulfilment = fulfilments.get(candidate.key)
        records = tuple(evidence.get(candidate.key, ()))
        counting = sorted(record.on for record in records if record.counts)
        met_on: date | None = None
        basis: str = Basis.NONE
        if len(counting) >= candidate.rule.min_count:
            met_on, basis = counting[candidate.rule.min_count - 1], Basis.RECORDS
        elif fulfilment is not None:
            met_on, basis = fulfilment.met_on, Basis.BY_HAND
        if met_on is not None:
            state = ObligationState.MET
        elif today > candidate.deadline.due:
            state = ObligationState.OVERDUE
        else:
            state = ObligationState.OPEN
        obligations.append(
            Obligation(
                key=candidate.key,
                profile=candidate.profile,
                rule=candidate.rule,
                requirement=candidate.rule.requirement,
                source=candidate.rule.source,
                title=candidate.rule.title,
                debtor=candidate.debtor,
                recipient=candidate.recipient,
                period_start=candidate.period_start,
                period_end=candidate.period_end,
                nominal_due=candidate.deadline.nominal,
                due=candidate.deadline.due,
                state=state,
                fulfilment=fulfilment,
                met_on=met_on,
                basis=basis,
                evidence=records,
            )
        )
    return obligations


def _sort_key(obligation: Obligation) -> tuple[Any, ...]:
    return (obligation.due, obligation.debtor.name_en, obligation.debtor.code, obligation.rule.order, obligation.key)


def obligations_between(
    *,
    start: date,
    end: date,
    profile: RegulationProfile | None = None,
    organisations: Iterable[Organisation] | None = None,
    today: date | None = None,
) -> list[Obligation]:
    """Every obligation whose (effective) due date falls from `start` to `end` inclusive.

    Without `profile`, each obligation comes from the profile in force on its nominal due date
    (a gap between acts yields nothing). With `profile`, that profile governs the whole range
    whatever its dates (planning, what-if). `organisations` keeps the obligations whose debtor
    or recipient is one of them. Sorted by due date, then debtor.
    """
    today = today or timezone.localdate()
    all_profiles = list(profiles_with_rules())
    profiles = all_profiles
    if profile is not None:  # the same profile, with its rules and exemptions prefetched
        profiles = [next((loaded for loaded in all_profiles if loaded.pk == profile.pk), profile)]
    parties = _Parties()
    calendar = WorkingCalendar.for_range(start, end)

    candidates = []
    for governing in profiles:
        for candidate in _candidates(governing, start=start, end=end, parties=parties, calendar=calendar):
            if profile is None and profile_in_force_among(all_profiles, candidate.deadline.nominal) != governing:
                continue
            candidates.append(candidate)

    if organisations is not None:
        wanted = {organisation.pk for organisation in organisations}
        candidates = [
            candidate
            for candidate in candidates
            if (candidate.debtor.organisation is not None and candidate.debtor.organisation.pk in wanted)
            or (candidate.recipient.organisation is not None and candidate.recipient.organisation.pk in wanted)
        ]
    return sorted(_with_state(candidates, today=today), key=_sort_key)


def find_obligation(key: str, *, today: date | None = None) -> Obligation | None:
    """The obligation with this key (under the profile the key names), or None."""
    parts = key.split(":", 3)
    if len(parts) != 4:
        return None
    profile_code, rule_code, debtor_code, suffix = parts
    profile = profiles_with_rules().filter(code=profile_code).first()
    rule = next((rule for rule in profile.rules.all() if rule.code == rule_code), None) if profile else None
    if profile is None or rule is None:
        return None
    parties = _Parties()

    candidate: _Candidate | None
    if rule.period == ObligationRule.Period.EVENT:
        occurrence = find_event(rule.event, suffix)
        if occurrence is None:
            return None
        calendar = WorkingCalendar.for_range(occurrence.event_date, occurrence.event_date)
        candidate = _event_candidate(
            profile,
            rule,
            event_id=occurrence.event_id,
            debtor_organisation=occurrence.debtor,
            event_date=occurrence.event_date,
            parties=parties,
            calendar=calendar,
        )
    else:
        try:
            period_start = date.fromisoformat(suffix)
        except ValueError:
            return None
        start, end = period_containing(rule.period, period_start)
        debtor = next((party for party in parties.debtors(rule.debtor, end) if party.code == debtor_code), None)
        if start != period_start or debtor is None or _exempt(profile, debtor.organisation):
            return None
        calendar = WorkingCalendar.for_range(start, end)
        deadline = compute_due(rule, period_start=start, period_end=end, calendar=calendar)
        if not _applies(rule, deadline.nominal):
            return None
        candidate = _Candidate(
            key=key,
            profile=profile,
            rule=rule,
            debtor=debtor,
            recipient=parties.recipient(rule.recipient, end),
            period_start=start,
            period_end=end,
            deadline=deadline,
        )
    if candidate is None or candidate.key != key:
        return None
    return _with_state([candidate], today=today or timezone.localdate())[0]


def periodic_obligation(
    role: str, debtor: Organisation, *, period_start: date, period_end: date, today: date | None = None
) -> Obligation | None:
    """The debtor's obligation of the rule with `role` for the period, from the profile in force at the
    period's end (None when that profile has no such rule, or exempts the debtor)."""
    governing = profile_in_force(period_end)
    for profile in profiles_with_rules():
        if governing is not None and profile.pk != governing.pk:
            continue  # in a gap between acts, any profile with the rule
        for rule in profile.rules.all():
            if rule.role != role:
                continue
            key = f"{profile.code}:{rule.code}:{debtor.code}:{period_start:%Y-%m-%d}"
            obligation = find_obligation(key, today=today)
            if obligation is not None:
                return obligation
    return None


def event_obligation(
    role: str, debtor: Organisation, *, event_id: str, on: date, today: date | None = None
) -> Obligation | None:
    """The debtor's obligation of the event rule with `role` for the event `event_id` dated `on`, under the
    profile in force on `on` (None when it has no such rule or the event binds nobody)."""
    profile = profile_in_force(on)
    if profile is None:
        return None
    for rule in profile.rules.all():
        if rule.role == role and rule.period == ObligationRule.Period.EVENT:
            obligation = find_obligation(f"{profile.code}:{rule.code}:{debtor.code}:{event_id}", today=today)
            if obligation is not None:
                return obligation
    return None
