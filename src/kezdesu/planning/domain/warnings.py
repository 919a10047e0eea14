"""Checks of the draft schedule, in the manner of pretalx's schedule warnings.

Each check is one function returning `Warning`s with a stable key. A warning of severity
"blocking" must be resolved before the draft is submitted; any other must be resolved or
acknowledged with a note (`acknowledge_warning`).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import Organisation, Position, Region
from kezdesu.planning.domain.draft import check_editable, lock_editable
from kezdesu.planning.domain.queries.schedule import items_of
from kezdesu.planning.models import (
    ItemAgreement,
    OfficialUnavailability,
    RegionBlackout,
    ScheduleItem,
    ScheduleVersion,
    WarningAcknowledgement,
)
from kezdesu.regulations.domain.calendar import WorkingCalendar
from kezdesu.regulations.domain.periods import periods_in_years
from kezdesu.regulations.models import ObligationRule, RegulationProfile

BLOCKING = "blocking"
WARNING = "warning"


@dataclass(frozen=True)
class Warning:
    code: str
    key: str
    message: str
    item_uids: tuple[str, ...] = ()
    severity: str = WARNING
    acknowledgement: WarningAcknowledgement | None = field(default=None, compare=False)

    @property
    def is_blocking(self) -> bool:
        return self.severity == BLOCKING

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledgement is not None


def _days(item: ScheduleItem) -> Iterable[date]:
    day = item.start_date
    while day <= item.end_date:
        yield day
        day += timedelta(days=1)


def _d(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def _exempt_ids(profile: RegulationProfile) -> set[int]:
    return set(profile.exempt_organisations.values_list("pk", flat=True))


def _is_exempt(organisation: Organisation, exempt: set[int]) -> bool:
    return organisation.pk in exempt or organisation.parent_id in exempt


def _is_first_head(item: ScheduleItem) -> bool:
    return item.position.level == Position.Level.FIRST_HEAD and item.position.organisation_id == item.organisation_id


def first_head_gaps(version: ScheduleVersion, items: list[ScheduleItem]) -> list[Warning]:
    """(a) A ministry not exempt whose first head has no meeting in one of the rule's periods (R1, R2)."""
    profile = version.period.profile
    rule = profile.rules.filter(role=ObligationRule.Role.FIRST_HEAD_MEETINGS).first()
    if rule is None:
        return []
    start, end = version.period.start, version.period.end
    exempt = _exempt_ids(profile)
    stretches = [
        (first, last)
        for first, last in periods_in_years(rule.period, start.year, end.year)
        if first <= end and last >= start
    ]
    met: dict[int, list[date]] = defaultdict(list)
    for item in items:
        if _is_first_head(item):
            met[item.organisation_id].append(item.start_date)
    warnings = []
    ministries = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY, is_active=True).order_by("name")
    for ministry in ministries:
        if _is_exempt(ministry, exempt):
            continue
        for first, last in stretches:
            if any(max(first, start) <= day <= min(last, end) for day in met[ministry.pk]):
                continue
            warnings.append(
                Warning(
                    code="first_head_gap",
                    key=f"first-head-gap:{ministry.code}:{first.isoformat()}",
                    message=_("%(ministry)s: the first head has no meeting from %(start)s to %(end)s (%(source)s).")
                    % {"ministry": ministry.name, "start": _d(first), "end": _d(last), "source": rule.source},
                )
            )
    return warnings


def exempt_bodies_scheduled(version: ScheduleVersion, items: list[ScheduleItem]) -> list[Warning]:
    """(b) A body the regulation exempts from the meetings is in the schedule."""
    exempt = _exempt_ids(version.period.profile)
    return [
        Warning(
            code="exempt_body",
            key=f"exempt-body:{item.uid}",
            message=_("%(ministry)s is exempt from the meetings (%(source)s) but is in the schedule.")
            % {"ministry": item.organisation.name, "source": version.period.profile.exempt_source},
            item_uids=(str(item.uid),),
            severity=BLOCKING,
        )
        for item in items
        if _is_exempt(item.organisation, exempt)
    ]


def crowded_region_days(version: ScheduleVersion, items: list[ScheduleItem]) -> list[Warning]:
    """(c) More first heads in one region on one day than KEZDESU_MAX_MINISTERS_PER_REGION_DAY."""
    limit = settings.KEZDESU_MAX_MINISTERS_PER_REGION_DAY
    visits: dict[tuple[Region, date], list[ScheduleItem]] = defaultdict(list)
    for item in items:
        if _is_first_head(item):
            for day in _days(item):
                visits[(item.region, day)].append(item)
    warnings = []
    for (region, day), crowd in sorted(visits.items(), key=lambda entry: (entry[0][1], entry[0][0].pk)):
        heads = {item.organisation_id for item in crowd}
        if len(heads) > limit:
            warnings.append(
                Warning(
                    code="crowded_region_day",
                    key=f"crowded:{region.kato}:{day.isoformat()}",
                    message=ngettext(
                        "%(count)s ministers visit %(region)s on %(date)s; at most %(limit)s is advised.",
                        "%(count)s ministers visit %(region)s on %(date)s; at most %(limit)s are advised.",
                        limit,
                    )
                    % {"count": len(heads), "region": region.name, "date": _d(day), "limit": limit},
                    item_uids=tuple(str(item.uid) for item in crowd),
                )
            )
    return warnings


def days_off_and_blackouts(version: ScheduleVersion, items: list[ScheduleItem]) -> list[Warning]:
    """(d) A meeting on a public holiday or day off, or during a blackout of its region."""
    period = version.period
    calendar = WorkingCalendar.for_range(period.start, period.end)
    blackouts = list(RegionBlackout.objects.filter(start__lte=period.end, end__gte=period.start))
    warnings = []
    for item in items:
        days_off = list(calendar.days_off(item.start_date, item.end_date))
        if days_off:
            warnings.append(
                Warning(
                    code="day_off",
                    key=f"day-off:{item.uid}:{item.start_date.isoformat()}:{item.end_date.isoformat()}",
                    message=_("%(official)s in %(region)s falls on a day off: %(days)s.")
                    % {
                        "official": item.position.title,
                        "region": item.region.name,
                        "days": ", ".join(_d(day) for day in days_off),
                    },
                    item_uids=(str(item.uid),),
                )
            )
        for blackout in blackouts:
            overlaps = blackout.start <= item.end_date and blackout.end >= item.start_date
            if blackout.region_id == item.region_id and overlaps:
                warnings.append(
                    Warning(
                        code="region_blackout",
                        key=f"blackout:{item.uid}:{blackout.pk}",
                        message=_(
                            "%(official)s in %(region)s: the region asks to avoid %(start)s – %(end)s (%(reason)s)."
                        )
                        % {
                            "official": item.position.title,
                            "region": item.region.name,
                            "start": _d(blackout.start),
                            "end": _d(blackout.end),
                            "reason": blackout.reason,
                        },
                        item_uids=(str(item.uid),),
                    )
                )
    return warnings


def unavailable_officials(version: ScheduleVersion, items: list[ScheduleItem]) -> list[Warning]:
    """(e) An official scheduled on dates they said they are unavailable."""
    period = version.period
    absences = list(OfficialUnavailability.objects.filter(start__lte=period.end, end__gte=period.start))
    return [
        Warning(
            code="official_unavailable",
            key=f"unavailable:{item.uid}:{absence.pk}",
            message=_("%(official)s (%(ministry)s) is unavailable %(start)s – %(end)s (%(reason)s).")
            % {
                "official": item.position.title,
                "ministry": item.organisation.name,
                "start": _d(absence.start),
                "end": _d(absence.end),
                "reason": absence.reason,
            },
            item_uids=(str(item.uid),),
        )
        for item in items
        for absence in absences
        if absence.position_id == item.position_id and absence.start <= item.end_date and absence.end >= item.start_date
    ]


def unvisited_regions(version: ScheduleVersion, items: list[ScheduleItem]) -> list[Warning]:
    """(f) A region no meeting of the period visits."""
    visited = {item.region_id for item in items}
    return [
        Warning(
            code="region_unvisited",
            key=f"unvisited:{region.kato}",
            message=_("No meeting is planned in %(region)s in this period.") % {"region": region.name},
        )
        for region in Region.objects.order_by("name")
        if region.pk not in visited
    ]


def open_agreements(version: ScheduleVersion, items: list[ScheduleItem]) -> list[Warning]:
    """(g) A party disagreed with an item, or has not answered yet: both block the submission, since the draft
    goes to the Government agreed with the parties (G3.1) and acknowledging is not agreeing. An answer received
    on paper is recorded as the party's answer (`agreement.record_paper_answer`)."""
    warnings = []
    for item in items:
        for agreement in item.agreements.all():
            values = {
                "party": agreement.organisation.name,
                "official": item.position.title,
                "region": item.region.name,
                "start": _d(item.start_date),
                "comment": agreement.comment,
            }
            if agreement.decision == ItemAgreement.Decision.DISAGREED:
                warnings.append(
                    Warning(
                        code="agreement_disagreed",
                        key=f"disagreed:{item.uid}:{agreement.organisation.code}",
                        message=_("%(party)s disagrees with %(official)s in %(region)s on %(start)s: %(comment)s")
                        % values,
                        item_uids=(str(item.uid),),
                        severity=BLOCKING,
                    )
                )
            elif agreement.decision == ItemAgreement.Decision.PENDING:
                warnings.append(
                    Warning(
                        code="agreement_pending",
                        key=f"pending:{item.uid}:{agreement.organisation.code}",
                        message=_(
                            "%(party)s has not yet agreed %(official)s in %(region)s on %(start)s: ask for its "
                            "answer, or record an answer received on paper."
                        )
                        % values,
                        item_uids=(str(item.uid),),
                        severity=BLOCKING,
                    )
                )
    return warnings


CHECKS: tuple[Callable[[ScheduleVersion, list[ScheduleItem]], list[Warning]], ...] = (
    exempt_bodies_scheduled,
    open_agreements,
    first_head_gaps,
    crowded_region_days,
    days_off_and_blackouts,
    unavailable_officials,
    unvisited_regions,
)


def draft_warnings(version: ScheduleVersion) -> list[Warning]:
    """Every warning on the version, blocking ones first, each marked if acknowledged."""
    items = list(items_of(version))
    acknowledged = {ack.key: ack for ack in version.acknowledgements.select_related("acknowledged_by")}
    warnings = [warning for check in CHECKS for warning in check(version, items)]
    marked = [replace(warning, acknowledgement=acknowledged.get(warning.key)) for warning in warnings]
    return sorted(marked, key=lambda warning: not warning.is_blocking)


def outstanding_warnings(version: ScheduleVersion) -> list[Warning]:
    """The warnings that stop a submission: blocking ones, and the others not acknowledged."""
    return [warning for warning in draft_warnings(version) if warning.is_blocking or not warning.is_acknowledged]


def acknowledge_warning(*, actor: Any, version: ScheduleVersion, key: str, note: str) -> WarningAcknowledgement:
    """Let a warning stand, saying why. Blocking warnings must be resolved instead."""
    if not actor.has_perm("planning.compile_draft"):
        raise NotPermitted(_("Only the authorized body acknowledges the draft's warnings."))
    check_editable(version)
    note = note.strip()
    if not note:
        raise DomainError(_("Say why the warning may stand."), code="note")
    warning = next((warning for warning in draft_warnings(version) if warning.key == key), None)
    if warning is None:
        raise DomainError(_("This warning no longer applies to the draft."), code="unknown_warning")
    if warning.is_blocking:
        raise DomainError(_("This warning must be resolved; it cannot be acknowledged."), code="blocking")
    try:
        with transaction.atomic():
            lock_editable(version)
            acknowledgement = WarningAcknowledgement.objects.create(
                version=version, key=key, note=note, acknowledged_by=actor
            )
            record_audit(
                actor=actor,
                action="planning.warning.acknowledge",
                target=version,
                new={"key": key, "note": note},
            )
    except IntegrityError:
        raise DomainError(_("This warning is already acknowledged."), code="already_acknowledged") from None
    return acknowledgement
