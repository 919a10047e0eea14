"""A reference typed by hand: what met an obligation outside Kezdesu, where no record in Kezdesu does.

It is the exception, never the rule: refused where the records already meet the obligation or where the
rule's role says only Kezdesu's records can (`roles.py`); for a meeting held outside the system it names
the day, the region and the official, and is refused where Kezdesu holds a visit of the body that day.
Every such reference is audited and shown as typed by hand wherever the obligation shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import Position, Region, User
from kezdesu.regulations.domain.obligations import Obligation
from kezdesu.regulations.domain.roles import ByHand, by_hand
from kezdesu.regulations.models import Fulfilment

__all__ = ["record_fulfilment", "register_by_hand_check"]

# A check an app that holds the records runs on a meeting typed by hand: it returns why the meeting cannot
# be typed (e.g. "Kezdesu holds this ministry's visit on that day"), or None.
ByHandCheck = Callable[[Obligation, date, Region | None, Position | None], str | None]
_CHECKS: dict[str, list[ByHandCheck]] = defaultdict(list)


def register_by_hand_check(role: str, check: ByHandCheck) -> None:
    if check not in _CHECKS[role]:
        _CHECKS[role].append(check)


def _check_meeting(obligation: Obligation, *, met_on: date, region: Region | None, position: Position | None) -> None:
    debtor = obligation.debtor.organisation
    if region is None:
        raise DomainError(_("Give the region where the meeting was held."), code="region")
    if position is None or debtor is None or position.organisation_id != debtor.pk:
        raise DomainError(
            _("Choose the official of %(body)s who met the population.") % {"body": obligation.debtor.name},
            code="position",
        )
    if not position.is_first_head:
        raise DomainError(
            _("Only a meeting of the first head meets this obligation; a deputy's meeting counts as a deputy's."),
            code="not_first_head",
        )
    if obligation.rule.period != obligation.rule.Period.EVENT and not (
        obligation.period_start <= met_on <= obligation.period_end
    ):
        raise DomainError(
            _("The meeting must have been held within the period, %(start)s – %(end)s.")
            % {"start": f"{obligation.period_start:%d.%m.%Y}", "end": f"{obligation.period_end:%d.%m.%Y}"},
            code="outside_period",
        )
    for check in _CHECKS.get(obligation.rule.role, []):
        problem = check(obligation, met_on, region, position)
        if problem:
            raise DomainError(problem, code="held_in_kezdesu")


def record_fulfilment(
    *,
    actor: User,
    obligation: Obligation,
    met_on: date,
    reference: str,
    region: Region | None = None,
    position: Position | None = None,
) -> Fulfilment:
    """Record by hand what met an obligation outside Kezdesu: the debtor's approver or the authorized body's
    coordinator."""
    debtor = obligation.debtor.organisation
    if not actor.has_perm("regulations.record_fulfilment", debtor):
        raise NotPermitted(_("You may not record that this obligation was met."))
    if debtor is None:
        raise DomainError(_("This obligation's debtor is not an organisation in the system."), code="no_debtor")
    kind = by_hand(obligation.rule)
    if kind == ByHand.NEVER:
        raise DomainError(
            _("Only Kezdesu's own records meet this obligation; it cannot be recorded by hand."), code="records_only"
        )
    if obligation.counting and len(obligation.counting) >= obligation.rule.min_count:
        raise DomainError(_("Kezdesu's records already meet this obligation."), code="met_by_records")
    if met_on > timezone.localdate():
        raise DomainError(_("The date it was met cannot be in the future."), code="future")
    reference = reference.strip()
    if not reference:
        raise DomainError(_("Give the reference of what met it, e.g. the letter's number and date."), code="reference")
    if kind == ByHand.MEETING:
        _check_meeting(obligation, met_on=met_on, region=region, position=position)
    else:
        region = position = None
    if Fulfilment.objects.filter(obligation_key=obligation.key).exists():
        raise DomainError(_("This obligation is already recorded as met."), code="already_met")

    fulfilment = Fulfilment(
        obligation_key=obligation.key,
        organisation=debtor,
        met_on=met_on,
        reference=reference,
        region=region,
        position=position,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
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
                    "by_hand": kind.value,
                    "region": region.kato if region is not None else "",
                    "position": position.code if position is not None else "",
                },
            )
    except IntegrityError:  # recorded by someone else in the meantime
        raise DomainError(_("This obligation is already recorded as met."), code="already_met") from None
    return fulfilment
