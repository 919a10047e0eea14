"""The working draft of a period's schedule: the authorized body adds, edits and removes items (R8, G3.1).

Each item is agreed by its ministry and by the akimat of its region; changing where or when a
meeting takes place asks both again.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.domain.notifications import notify
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import District, Organisation, Position, Region, Role
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import people_with_roles
from kezdesu.planning.domain.queries.schedule import akimat_of_region
from kezdesu.planning.domain.texts import per_language, stripped, texts_of
from kezdesu.planning.models import ItemAgreement, PlanningPeriod, Proposal, RiskFlag, ScheduleItem, ScheduleVersion

ITEM_FIELDS = (
    "organisation",
    "position",
    "region",
    "district",
    "start_date",
    "end_date",
    *per_language("topics"),
    "proposal",
    "is_unscheduled",
    "risk_flag",
    "deputy_prime_minister_required",
    "deputy_prime_minister",
    "akim_positions",
    "other_akims",
)
# Changing any of these asks the parties to agree again.
AGREED_FIELDS = ("organisation", "position", "region", "district", "start_date", "end_date")


def working_version(period: PlanningPeriod) -> ScheduleVersion:
    """The period's one working version, created on first need."""
    version, _created = ScheduleVersion.objects.get_or_create(period=period, number=None)
    return version


def _check_compiler(actor: Any) -> None:
    if not actor.has_perm("planning.compile_draft"):
        raise NotPermitted(_("Only the authorized body compiles the draft schedule."))


def lock_editable(version: ScheduleVersion) -> ScheduleVersion:
    """Lock the version's row and check it is still an editable draft (a submission may have won)."""
    locked = ScheduleVersion.objects.select_for_update().get(pk=version.pk)
    check_editable(locked)
    return locked


def check_editable(version: ScheduleVersion) -> None:
    if version.is_frozen:
        raise DomainError(_("A frozen version cannot be changed; amend the working draft."), code="frozen")
    if version.status != ScheduleVersion.Status.WORKING:
        raise DomainError(
            _("The draft is submitted to the Government and cannot be changed until it is approved."),
            code="submitted",
        )


def _validate(
    *,
    version: ScheduleVersion,
    organisation: Organisation,
    position: Position,
    region: Region,
    district: District | None,
    start_date: date,
    end_date: date,
    proposal: Proposal | None,
    is_unscheduled: bool = False,
    risk_flag: RiskFlag | None = None,
    deputy_prime_minister: Position | None = None,
) -> None:
    period = version.period
    if end_date < start_date:
        raise DomainError(_("The last day cannot be before the first day."), code="dates_order")
    if start_date < period.start or end_date > period.end:
        raise DomainError(
            _("The meeting must take place within the planning period, %(start)s – %(end)s.")
            % {"start": f"{period.start:%d.%m.%Y}", "end": f"{period.end:%d.%m.%Y}"},
            code="outside_period",
        )
    if organisation.kind not in (Organisation.Kind.MINISTRY, Organisation.Kind.COMMITTEE):
        raise DomainError(_("Only a ministry or its committee holds meetings in the schedule."), code="not_ministry")
    if position.organisation_id != organisation.pk and position.organisation.parent_id != organisation.pk:
        raise DomainError(_("The official does not hold a post in this ministry."), code="position")
    if district is not None and district.region_id != region.pk:
        raise DomainError(_("The district or town is not in the chosen region."), code="district")
    if proposal is not None and proposal.period_id != period.pk:
        raise DomainError(_("The proposal is for another planning period."), code="proposal_period")
    _validate_risk(
        organisation=organisation,
        position=position,
        region=region,
        is_unscheduled=is_unscheduled,
        risk_flag=risk_flag,
        deputy_prime_minister=deputy_prime_minister,
    )


def _validate_risk(
    *,
    organisation: Organisation,
    position: Position,
    region: Region,
    is_unscheduled: bool,
    risk_flag: RiskFlag | None,
    deputy_prime_minister: Position | None,
) -> None:
    """A meeting on a risk flag (R4) is the flagged ministry's first head's, in the flagged region, outside the
    schedule; a high risk needs a deputy prime minister (R6), who is a post of the Government."""
    if deputy_prime_minister is not None and not (
        deputy_prime_minister.organisation.kind == Organisation.Kind.GOVERNMENT
        and deputy_prime_minister.level in (Position.Level.FIRST_DEPUTY, Position.Level.DEPUTY)
    ):
        raise DomainError(_("Choose a deputy prime minister: a deputy head of the Government."), code="deputy")
    if risk_flag is None:
        return
    if risk_flag.status not in (RiskFlag.Status.ASSIGNED, RiskFlag.Status.MET):
        raise DomainError(
            _("Only a risk flag the authorized body has assigned (a meeting required) can be linked."),
            code="flag_status",
        )
    if risk_flag.competent_ministry_id != organisation.pk:
        raise DomainError(
            _("This risk flag requires a meeting of %(ministry)s, not of another ministry.")
            % {"ministry": risk_flag.competent_ministry.name},
            code="flag_ministry",
        )
    if risk_flag.region_id != region.pk:
        raise DomainError(
            _("This risk flag is in %(region)s: the meeting must be with that region's population.")
            % {"region": risk_flag.region.name},
            code="flag_region",
        )
    if position.level != Position.Level.FIRST_HEAD or position.organisation_id != organisation.pk:
        raise DomainError(
            _("A risk flag requires a meeting of the ministry's first head, not of a deputy."), code="flag_official"
        )
    if not is_unscheduled:
        raise DomainError(
            _("A meeting on a risk flag is held outside the schedule: mark it unscheduled."), code="flag_scheduled"
        )
    if risk_flag.requires_deputy_prime_minister and deputy_prime_minister is None:
        raise DomainError(
            _("The risk is high: name the deputy prime minister who takes part (P6.2)."), code="flag_deputy"
        )


def _request_agreement(item: ScheduleItem, organisations: Iterable[Organisation]) -> None:
    for organisation in organisations:
        notify(
            recipients=people_with_roles([organisation]),
            kind="schedule.agreement_requested",
            params={
                "organisation": translated(organisation),
                "official": translated(item.position, "title"),
                "region": translated(item.region),
                "start": item.start_date.isoformat(),
                "end": item.end_date.isoformat(),
            },
        )


def _sync_agreements(item: ScheduleItem, *, reset: bool) -> None:
    """One agreement per party (the ministry and the region's akimat); `reset` asks them again."""
    akimat = akimat_of_region(item.region)
    parties = [item.organisation] + ([akimat] if akimat is not None else [])
    item.agreements.exclude(organisation__in=parties).delete()
    asked = []
    for party in parties:
        agreement, created = ItemAgreement.objects.get_or_create(item=item, organisation=party)
        if created:
            asked.append(party)
        elif reset and agreement.decision != ItemAgreement.Decision.PENDING:
            agreement.decision = ItemAgreement.Decision.PENDING
            agreement.comment = ""
            agreement.paper_reference = ""
            agreement.decided_by = None
            agreement.decided_at = None
            agreement.save(update_fields=["decision", "comment", "paper_reference", "decided_by", "decided_at"])
            asked.append(party)
    _request_agreement(item, asked)


def add_item(
    *,
    actor: Any,
    version: ScheduleVersion,
    organisation: Organisation,
    position: Position,
    region: Region,
    district: District | None = None,
    start_date: date,
    end_date: date,
    topics_kk: str = "",
    topics_ru: str = "",
    topics_en: str = "",
    proposal: Proposal | None = None,
    is_unscheduled: bool = False,
    risk_flag: RiskFlag | None = None,
    deputy_prime_minister_required: bool = False,
    deputy_prime_minister: Position | None = None,
    akim_positions: Iterable[Position] = (),
    other_akims: str = "",
) -> ScheduleItem:
    _check_compiler(actor)
    check_editable(version)
    _validate(
        version=version,
        organisation=organisation,
        position=position,
        region=region,
        district=district,
        start_date=start_date,
        end_date=end_date,
        proposal=proposal,
        is_unscheduled=is_unscheduled,
        risk_flag=risk_flag,
        deputy_prime_minister=deputy_prime_minister,
    )
    with transaction.atomic():
        lock_editable(version)
        item = ScheduleItem.objects.create(
            version=version,
            organisation=organisation,
            position=position,
            region=region,
            district=district,
            start_date=start_date,
            end_date=end_date,
            **stripped({"topics_kk": topics_kk, "topics_ru": topics_ru, "topics_en": topics_en}),
            proposal=proposal,
            is_unscheduled=is_unscheduled,
            risk_flag=risk_flag,
            deputy_prime_minister_required=deputy_prime_minister_required or deputy_prime_minister is not None,
            deputy_prime_minister=deputy_prime_minister,
            other_akims=other_akims.strip(),
        )
        item.akim_positions.set(list(akim_positions))
        _sync_agreements(item, reset=False)
        _tell_apparatus(item, before=None)
        record_audit(
            actor=actor,
            action="planning.item.add",
            target=item,
            organisation=organisation,
            new=snapshot(item, ITEM_FIELDS),
        )
    return item


def update_item(*, actor: Any, item: ScheduleItem, **changes: Any) -> ScheduleItem:
    """Change the given fields of a working item (the same names as `add_item`)."""
    _check_compiler(actor)
    check_editable(item.version)
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"update_item() got unknown fields: {', '.join(sorted(unknown))}")
    current = {name: getattr(item, name) for name in ITEM_FIELDS if name != "akim_positions"}
    merged = {**current, **{name: value for name, value in changes.items() if name != "akim_positions"}}
    _validate(
        version=item.version,
        organisation=merged["organisation"],
        position=merged["position"],
        region=merged["region"],
        district=merged["district"],
        start_date=merged["start_date"],
        end_date=merged["end_date"],
        proposal=merged["proposal"],
        is_unscheduled=merged["is_unscheduled"],
        risk_flag=merged["risk_flag"],
        deputy_prime_minister=merged["deputy_prime_minister"],
    )
    with transaction.atomic():
        lock_editable(item.version)
        deputy_before = item.deputy_prime_minister_id
        before = snapshot(item, ITEM_FIELDS)
        for name, value in changes.items():
            if name == "akim_positions":
                item.akim_positions.set(list(value))
            elif name in per_language("topics"):
                setattr(item, name, (value or "").strip())
            else:
                setattr(item, name, value.strip() if isinstance(value, str) else value)
        if item.deputy_prime_minister_id is not None:
            item.deputy_prime_minister_required = True
        item.save()
        after = snapshot(item, ITEM_FIELDS)
        old, new = changed(before, after)
        if not new:
            return item
        _sync_agreements(item, reset=any(name in new for name in AGREED_FIELDS))
        _tell_apparatus(item, before=deputy_before)
        record_audit(
            actor=actor, action="planning.item.update", target=item, organisation=item.organisation, old=old, new=new
        )
    return item


def _tell_apparatus(item: ScheduleItem, *, before: int | None) -> None:
    """A deputy prime minister named for a meeting (R6): the Government Apparatus is told."""
    if item.deputy_prime_minister_id is None or item.deputy_prime_minister_id == before:
        return
    apparatus = Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT_APPARATUS, is_active=True)
    assert item.deputy_prime_minister is not None
    notify(
        recipients=people_with_roles(apparatus, (Role.VIEWER, Role.EDITOR, Role.APPROVER, Role.OVERSIGHT)),
        kind="schedule.deputy_prime_minister",
        params={
            "official": translated(item.position, "title"),
            "region": translated(item.region),
            "start": item.start_date.isoformat(),
            "end": item.end_date.isoformat(),
            "deputy": translated(item.deputy_prime_minister, "title"),
        },
    )


def remove_item(*, actor: Any, item: ScheduleItem) -> None:
    _check_compiler(actor)
    check_editable(item.version)
    with transaction.atomic():
        lock_editable(item.version)
        record_audit(
            actor=actor,
            action="planning.item.remove",
            target=item,
            organisation=item.organisation,
            old=snapshot(item, ITEM_FIELDS),
        )
        item.delete()


def include_proposal(*, actor: Any, proposal: Proposal, start_date: date, end_date: date) -> ScheduleItem:
    """Put a ministry's submitted proposal in the working draft, on the dates the authorized body sets."""
    if proposal.status != Proposal.Status.SUBMITTED:
        raise DomainError(_("Only a submitted proposal can be included in the draft."), code="proposal_status")
    version = working_version(proposal.period)
    if version.items.filter(proposal=proposal).exists():
        raise DomainError(_("This proposal is already in the draft."), code="proposal_included")
    topics = texts_of(proposal, "topics")
    return add_item(
        actor=actor,
        version=version,
        organisation=proposal.organisation,
        position=proposal.position,
        region=proposal.region,
        district=proposal.district,
        start_date=start_date,
        end_date=end_date,
        topics_kk=topics["topics_kk"],
        topics_ru=topics["topics_ru"],
        topics_en=topics["topics_en"],
        proposal=proposal,
    )
