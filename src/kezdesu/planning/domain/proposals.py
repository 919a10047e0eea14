"""A ministry's proposals of meetings for the schedule (R3, R5, R7).

A ministry's editors prepare proposals for its first head, first deputy and deputies, and for
the chairs of its committees (R5); its approver submits them to the authorized body. Under an
act with a deadline for proposals (REG-2022 P2.1) the submission meets that obligation.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import District, Organisation, Position, Region
from kezdesu.planning.domain.texts import is_written, per_language, stripped
from kezdesu.planning.models import PlanningPeriod, Proposal

FIELDS = (
    "period",
    "organisation",
    "position",
    "region",
    "district",
    "preferred_from",
    "preferred_to",
    *per_language("topics"),
    "sector_problems",
    "local_issues",
    "akimat_request",
    "risk",
    "status",
)
# A draft's own fields; the period, the ministry and the status are set by the domain.
EDITABLE = tuple(name for name in FIELDS if name not in ("period", "organisation", "status"))
MINISTRY_LEVELS = (Position.Level.FIRST_HEAD, Position.Level.FIRST_DEPUTY, Position.Level.DEPUTY)
COMMITTEE_LEVELS = (Position.Level.COMMITTEE_CHAIR,)


def _check_may_edit(actor: Any, organisation: Organisation) -> None:
    if not actor.has_perm("planning.edit_proposal", organisation):
        raise NotPermitted(_("You may not prepare proposals for this ministry."))


def eligible_positions(organisation: Organisation) -> list[Position]:
    """The officials a ministry may propose meetings for (R5)."""
    positions = Position.objects.filter(is_active=True).select_related("organisation")
    own = positions.filter(organisation=organisation, level__in=MINISTRY_LEVELS)
    chairs = positions.filter(
        organisation__parent=organisation,
        organisation__kind=Organisation.Kind.COMMITTEE,
        level__in=COMMITTEE_LEVELS,
    )
    return list(own) + list(chairs)


def validate_proposal(
    *,
    period: PlanningPeriod,
    organisation: Organisation,
    position: Position,
    region: Region,
    district: District | None,
    preferred_from: date,
    preferred_to: date,
    topics_written: bool,
) -> None:
    """Raise DomainError unless the proposal would be valid."""
    if organisation.kind != Organisation.Kind.MINISTRY:
        raise DomainError(_("Only a ministry makes proposals for the schedule."), code="not_ministry")
    if position.pk not in {eligible.pk for eligible in eligible_positions(organisation)}:
        raise DomainError(
            _("Choose the ministry's first head, first deputy or a deputy, or the chair of one of its committees."),
            code="position",
        )
    if district is not None and district.region_id != region.pk:
        raise DomainError(_("The district or town is not in the chosen region."), code="district")
    if preferred_to < preferred_from:
        raise DomainError(_("The preferred dates end before they begin."), code="dates_order")
    if preferred_from < period.start or preferred_to > period.end:
        raise DomainError(
            _("The preferred dates must lie within the planning period, %(start)s – %(end)s.")
            % {"start": f"{period.start:%d.%m.%Y}", "end": f"{period.end:%d.%m.%Y}"},
            code="dates_period",
        )
    if not topics_written:
        raise DomainError(_("Give the topics of the meeting."), code="topics")


@transaction.atomic
def create_proposal(
    *,
    actor: Any,
    period: PlanningPeriod,
    organisation: Organisation,
    position: Position,
    region: Region,
    preferred_from: date,
    preferred_to: date,
    topics_kk: str = "",
    topics_ru: str = "",
    topics_en: str = "",
    district: District | None = None,
    sector_problems: str = "",
    local_issues: str = "",
    akimat_request: str = "",
    risk: str = "",
) -> Proposal:
    """The topics in each language the ministry writes them in (at least one)."""
    _check_may_edit(actor, organisation)
    topics = stripped({"topics_kk": topics_kk, "topics_ru": topics_ru, "topics_en": topics_en})
    validate_proposal(
        period=period,
        organisation=organisation,
        position=position,
        region=region,
        district=district,
        preferred_from=preferred_from,
        preferred_to=preferred_to,
        topics_written=any(topics.values()),
    )
    proposal = Proposal.objects.create(
        period=period,
        organisation=organisation,
        position=position,
        region=region,
        district=district,
        preferred_from=preferred_from,
        preferred_to=preferred_to,
        **topics,
        sector_problems=sector_problems.strip(),
        local_issues=local_issues.strip(),
        akimat_request=akimat_request.strip(),
        risk=risk.strip(),
        created_by=actor,
    )
    record_audit(
        actor=actor,
        action="planning.proposal.create",
        target=proposal,
        organisation=organisation,
        new=snapshot(proposal, FIELDS),
    )
    return proposal


@transaction.atomic
def update_proposal(*, actor: Any, proposal: Proposal, **values: Any) -> Proposal:
    """Change a draft proposal. `values` are fields of EDITABLE."""
    _check_may_edit(actor, proposal.organisation)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if proposal.status != Proposal.Status.DRAFT:
        raise DomainError(_("Only a draft proposal can be changed."), code="not_draft")
    old = snapshot(proposal, FIELDS)
    for name, value in values.items():
        if name in per_language("topics"):
            value = value or ""
        setattr(proposal, name, value.strip() if isinstance(value, str) else value)
    validate_proposal(
        period=proposal.period,
        organisation=proposal.organisation,
        position=proposal.position,
        region=proposal.region,
        district=proposal.district,
        preferred_from=proposal.preferred_from,
        preferred_to=proposal.preferred_to,
        topics_written=is_written(proposal, "topics"),
    )
    before, after = changed(old, snapshot(proposal, FIELDS))
    if after:
        proposal.save(update_fields=list(after))
        record_audit(
            actor=actor,
            action="planning.proposal.update",
            target=proposal,
            organisation=proposal.organisation,
            old=before,
            new=after,
        )
    return proposal


@transaction.atomic
def withdraw_proposal(*, actor: Any, proposal: Proposal) -> Proposal:
    _check_may_edit(actor, proposal.organisation)
    if proposal.status == Proposal.Status.WITHDRAWN:
        raise DomainError(_("This proposal is already withdrawn."), code="withdrawn")
    old_status = proposal.status
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    record_audit(
        actor=actor,
        action="planning.proposal.withdraw",
        target=proposal,
        organisation=proposal.organisation,
        old={"status": old_status},
        new={"status": proposal.status},
    )
    return proposal


@transaction.atomic
def submit_proposals(*, actor: Any, period: PlanningPeriod, organisation: Organisation) -> list[Proposal]:
    """Submit the ministry's draft proposals for the period to the authorized body."""
    if not actor.has_perm("planning.submit_proposals", organisation):
        raise NotPermitted(_("You may not submit this ministry's proposals."))
    drafts = list(
        Proposal.objects.select_for_update().filter(
            period=period, organisation=organisation, status=Proposal.Status.DRAFT
        )
    )
    if not drafts:
        raise DomainError(_("There is no draft proposal to submit."), code="nothing_to_submit")
    now = timezone.now()
    for proposal in drafts:
        proposal.status = Proposal.Status.SUBMITTED
        proposal.submitted_at = now
        proposal.save(update_fields=["status", "submitted_at"])
        record_audit(
            actor=actor,
            action="planning.proposal.submit",
            target=proposal,
            organisation=organisation,
            old={"status": Proposal.Status.DRAFT},
            new={"status": proposal.status, "submitted_at": now.isoformat()},
        )
    return drafts
