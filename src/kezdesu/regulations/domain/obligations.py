"""The obligations engine: from the profiles and the calendar, who owes what to whom, by when.

Obligations are computed, never stored; each has a stable key, and what met it is stored as a
`Fulfilment` under that key. Nothing here branches on a profile: every difference between acts
is in the profile's data (regulations/data/profiles/).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.calendar import WorkingCalendar
from kezdesu.regulations.domain.deadlines import Deadline, compute_due, nominal_due
from kezdesu.regulations.domain.events import events_between, find_event
from kezdesu.regulations.domain.parties import Party, resolve_parties, resolve_recipient
from kezdesu.regulations.domain.periods import period_containing, periods_in_years
from kezdesu.regulations.domain.queries.profiles import profile_in_force, profile_in_force_among, profiles_with_rules
from kezdesu.regulations.models import Fulfilment, ObligationRule, RegulationProfile

__all__ = [
    "Obligation",
    "ObligationState",
    "Party",
    "find_obligation",
    "obligations_between",
    "record_fulfilment",
]

FULFILMENT_BATCH = 500  # keys per query, well under SQLite's limit on parameters
ROLL_REACH = timedelta(days=31)  # more than any run of days off can move a deadline


class ObligationState(models.TextChoices):
    OPEN = "open", gettext_lazy("open")
    MET = "met", gettext_lazy("met")
    OVERDUE = "overdue", gettext_lazy("overdue")


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
    fulfilment: Fulfilment | None

    @property
    def moved(self) -> bool:
        return self.due != self.nominal_due

    @property
    def met_on_time(self) -> bool:
        return self.fulfilment is not None and self.fulfilment.met_on <= self.due


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
    organisations: list[Organisation],
    calendar: WorkingCalendar,
) -> Iterator[_Candidate]:
    debtors = [
        party for party in resolve_parties(rule.debtor, organisations) if not _exempt(profile, party.organisation)
    ]
    if not debtors:
        return
    recipient = resolve_recipient(rule.recipient, organisations)
    margin = _year_margin(rule)
    for period_start, period_end in periods_in_years(rule.period, start.year - margin, end.year + margin):
        # Rolling only moves a date forward, and by days: skip far periods before asking the calendar.
        nominal = nominal_due(rule, period_start=period_start, period_end=period_end)
        if not start - ROLL_REACH <= nominal <= end:
            continue
        deadline = compute_due(rule, period_start=period_start, period_end=period_end, calendar=calendar)
        if not start <= deadline.due <= end:
            continue
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
    organisations: list[Organisation],
    calendar: WorkingCalendar,
) -> _Candidate | None:
    if _exempt(profile, debtor_organisation):
        return None
    debtor = next(
        (party for party in resolve_parties(rule.debtor, organisations) if party.organisation == debtor_organisation),
        None,
    )
    if debtor is None:  # the event's body is not one the rule binds (e.g. not a ministry)
        return None
    deadline = compute_due(
        rule, period_start=event_date, period_end=event_date, event_date=event_date, calendar=calendar
    )
    return _Candidate(
        key=_key(profile, rule, debtor, event_id),
        profile=profile,
        rule=rule,
        debtor=debtor,
        recipient=resolve_recipient(rule.recipient, organisations),
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
    organisations: list[Organisation],
    calendar: WorkingCalendar,
) -> Iterator[_Candidate]:
    # Events early enough for their deadline (which only moves forward) to reach the range.
    reach = timedelta(days=max(0, rule.days) + 31 * max(0, rule.months) + 31)
    back = timedelta(days=31 * max(0, -rule.months) + max(0, -rule.days))
    by_pk = {organisation.pk: organisation for organisation in organisations}
    for event_id, debtor_organisation, event_date in events_between(rule.event, start - reach, end + back):
        candidate = _event_candidate(
            profile,
            rule,
            event_id=str(event_id),
            debtor_organisation=by_pk.get(debtor_organisation.pk, debtor_organisation),
            event_date=event_date,
            organisations=organisations,
            calendar=calendar,
        )
        if candidate is not None and start <= candidate.deadline.due <= end:
            yield candidate


def _candidates(
    profile: RegulationProfile,
    *,
    start: date,
    end: date,
    organisations: list[Organisation],
    calendar: WorkingCalendar,
) -> Iterator[_Candidate]:
    for rule in profile.rules.all():
        if rule.period == ObligationRule.Period.EVENT:
            yield from _event_candidates(
                profile, rule, start=start, end=end, organisations=organisations, calendar=calendar
            )
        else:
            yield from _periodic_candidates(
                profile, rule, start=start, end=end, organisations=organisations, calendar=calendar
            )


def _fulfilments(keys: list[str]) -> dict[str, Fulfilment]:
    found: dict[str, Fulfilment] = {}
    for index in range(0, len(keys), FULFILMENT_BATCH):
        batch = keys[index : index + FULFILMENT_BATCH]
        found.update({row.obligation_key: row for row in Fulfilment.objects.filter(obligation_key__in=batch)})
    return found


def _with_state(candidates: list[_Candidate], *, today: date) -> list[Obligation]:
    fulfilments = _fulfilments([candidate.key for candidate in candidates])
    obligations = []
    for candidate in candidates:
        fulfilment = fulfilments.get(candidate.key)
        if fulfilment is not None:
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
    everyone = list(Organisation.objects.all())
    calendar = WorkingCalendar.for_range(start, end)

    candidates = []
    for governing in profiles:
        for candidate in _candidates(governing, start=start, end=end, organisations=everyone, calendar=calendar):
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
    everyone = list(Organisation.objects.all())

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
            organisations=everyone,
            calendar=calendar,
        )
    else:
        try:
            period_start = date.fromisoformat(suffix)
        except ValueError:
            return None
        start, end = period_containing(rule.period, period_start)
        debtor = next((party for party in resolve_parties(rule.debtor, everyone) if party.code == debtor_code), None)
        if start != period_start or debtor is None or _exempt(profile, debtor.organisation):
            return None
        calendar = WorkingCalendar.for_range(start, end)
        candidate = _Candidate(
            key=key,
            profile=profile,
            rule=rule,
            debtor=debtor,
            recipient=resolve_recipient(rule.recipient, everyone),
            period_start=start,
            period_end=end,
            deadline=compute_due(rule, period_start=start, period_end=end, calendar=calendar),
        )
    if candidate is None or candidate.key != key:
        return None
    return _with_state([candidate], today=today or timezone.localdate())[0]


def periodic_obligation(
    rule_code: str, debtor: Organisation, *, period_start: date, period_end: date, today: date | None = None
) -> Obligation | None:
    """The debtor's obligation under the rule `rule_code` for the period, from the profile in force at the
    period's end (None when that profile has no such rule, or exempts the debtor)."""
    governing = profile_in_force(period_end)
    for profile in profiles_with_rules():
        if governing is not None and profile.pk != governing.pk:
            continue  # in a gap between acts, any profile with the rule
        if any(rule.code == rule_code for rule in profile.rules.all()):
            key = f"{profile.code}:{rule_code}:{debtor.code}:{period_start:%Y-%m-%d}"
            obligation = find_obligation(key, today=today)
            if obligation is not None:
                return obligation
    return None


def record_fulfilment(
    *,
    actor: Any,
    obligation: Obligation,
    met_on: date,
    reference: str,
    record: models.Model | None = None,
) -> Fulfilment:
    """Record what met an obligation: the debtor's approver or the authorized body's coordinator."""
    debtor = obligation.debtor.organisation
    if not actor.has_perm("regulations.record_fulfilment", debtor):
        raise NotPermitted(_("You may not record that this obligation was met."))
    if debtor is None:
        raise DomainError(_("This obligation's debtor is not an organisation in the system."), code="no_debtor")
    if met_on > timezone.localdate():
        raise DomainError(_("The date it was met cannot be in the future."), code="future")
    reference = reference.strip()
    if not reference:
        raise DomainError(_("Give the reference of what met it, e.g. the letter's number and date."), code="reference")
    if Fulfilment.objects.filter(obligation_key=obligation.key).exists():
        raise DomainError(_("This obligation is already recorded as met."), code="already_met")

    fulfilment = Fulfilment(
        obligation_key=obligation.key,
        organisation=debtor,
        met_on=met_on,
        reference=reference,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if record is not None:
        fulfilment.record_type = ContentType.objects.get_for_model(record)
        fulfilment.record_id = str(record.pk)
    try:
        with transaction.atomic():
            fulfilment.save()
            record_audit(
                actor=actor,
                action="regulations.fulfilment.record",
                target=fulfilment,
                organisation=debtor,
                new={
                    "obligation_key": obligation.key,
                    "met_on": met_on,
                    "reference": reference,
                    "record": f"{fulfilment.record_type_id}:{fulfilment.record_id}" if record is not None else "",
                },
            )
    except IntegrityError:  # recorded by someone else in the meantime
        raise DomainError(_("This obligation is already recorded as met."), code="already_met") from None
    return fulfilment
