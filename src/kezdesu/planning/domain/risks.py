"""Risk flags (R4, R6): a forecast or arisen risk in a region obliges an unscheduled meeting.

Any preparing party raises a flag; the authorized body assigns it to the competent ministry
with a deadline, or dismisses it. An assigned flag is an obligation of the ministry's first head
(the profiles' rule on the "risk-flag-assigned" event), met when the meeting takes place: the
records say so (meetings.domain.evidence), nobody marks it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit, snapshot
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.domain.queries.scope import memberships_of
from kezdesu.organisations.models import Organisation, Region, Role
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import coordinators, people_with_roles
from kezdesu.planning.domain.texts import per_language, stripped
from kezdesu.planning.models import RiskFlag

FIELDS = (
    "region",
    "competent_ministry",
    "level",
    *per_language("description"),
    *per_language("evidence"),
    "raised_by_organisation",
    "status",
)
PREPARING_ROLES = (Role.EDITOR, Role.APPROVER, Role.COORDINATOR)
RISK_FLAG_EVENT = "risk-flag-assigned"  # R4: the event the profiles' unscheduled-meeting rule counts from
EVENT_ID_PREFIX = "risk-"

register_kind(
    "planning.risk.raised",
    message=gettext_lazy("%(organisation)s raised a risk flag in %(region)s (%(level)s) for %(ministry)s."),
    subject=gettext_lazy("Risk flag in %(region)s"),
)
register_kind(
    "planning.risk.assigned",
    message=gettext_lazy(
        "The authorized body requires an unscheduled meeting of the first head of %(ministry)s with the "
        "population of %(region)s by %(deadline)s."
    ),
    subject=gettext_lazy("Unscheduled meeting required in %(region)s"),
)
register_kind(
    "planning.risk.assigned_high",
    message=gettext_lazy(
        "The authorized body requires an unscheduled meeting of the first head of %(ministry)s with the "
        "population of %(region)s by %(deadline)s. The risk is high: a deputy prime minister takes part."
    ),
    subject=gettext_lazy("Unscheduled meeting required in %(region)s"),
)
register_kind(
    "planning.risk.dismissed",
    message=gettext_lazy("The authorized body dismissed the risk flag in %(region)s: %(note)s"),
    subject=gettext_lazy("Risk flag dismissed"),
)


def _level_names(level: str) -> dict[str, str]:
    label = RiskFlag.Level(level).label
    names = {}
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            names[language] = str(label)
    return names


def preparing_organisation(actor: Any) -> Organisation | None:
    """The organisation in which the actor prepares data (the first such role held)."""
    membership = memberships_of(actor).filter(role__in=PREPARING_ROLES).order_by("pk").first()
    return membership.organisation if membership is not None else None


@transaction.atomic
def raise_risk_flag(
    *,
    actor: Any,
    region: Region,
    competent_ministry: Organisation,
    level: str,
    description_kk: str = "",
    description_ru: str = "",
    description_en: str = "",
    evidence_kk: str = "",
    evidence_ru: str = "",
    evidence_en: str = "",
) -> RiskFlag:
    """The description and the evidence in each language the author writes; at least one describes the risk."""
    if not actor.has_perm("planning.raise_risk_flag"):
        raise NotPermitted(_("You may not raise a risk flag."))
    organisation = preparing_organisation(actor)
    if organisation is None:
        raise NotPermitted(_("You may not raise a risk flag."))
    if competent_ministry.kind != Organisation.Kind.MINISTRY:
        raise DomainError(_("Choose the ministry competent for the risk's sector."), code="not_ministry")
    if level not in RiskFlag.Level.values:
        raise DomainError(_("Choose the level of the risk."), code="level")
    texts = stripped(
        {
            "description_kk": description_kk,
            "description_ru": description_ru,
            "description_en": description_en,
            "evidence_kk": evidence_kk,
            "evidence_ru": evidence_ru,
            "evidence_en": evidence_en,
        }
    )
    if not any(texts[name] for name in per_language("description")):
        raise DomainError(_("Describe the risk."), code="description")
    flag = RiskFlag.objects.create(
        region=region,
        competent_ministry=competent_ministry,
        level=level,
        **texts,
        raised_by=actor,
        raised_by_organisation=organisation,
    )
    record_audit(
        actor=actor, action="planning.risk.raise", target=flag, organisation=organisation, new=snapshot(flag, FIELDS)
    )
    notify(
        recipients=coordinators(),
        kind="planning.risk.raised",
        params={
            "organisation": translated(organisation),
            "region": translated(region),
            "level": _level_names(level),
            "ministry": translated(competent_ministry),
        },
        link=reverse("office:risks"),
    )
    return flag


def _check_decider(actor: Any, flag: RiskFlag) -> None:
    if not actor.has_perm("planning.decide_risk_flag"):
        raise NotPermitted(_("Only the authorized body decides on risk flags."))
    if flag.status != RiskFlag.Status.RAISED:
        raise DomainError(_("This risk flag is already decided."), code="decided")


@transaction.atomic
def assign_risk_flag(*, actor: Any, flag: RiskFlag, deadline: date, note: str = "") -> RiskFlag:
    """Require the competent ministry's first head to meet the region's population by `deadline`."""
    _check_decider(actor, flag)
    if deadline < timezone.localdate():
        raise DomainError(_("The deadline cannot be in the past."), code="deadline")
    flag.status = RiskFlag.Status.ASSIGNED
    flag.deadline = deadline
    flag.decided_by = actor
    flag.decided_at = timezone.now()
    flag.decision_note = note.strip()
    flag.save(update_fields=["status", "deadline", "decided_by", "decided_at", "decision_note"])
    record_audit(
        actor=actor,
        action="planning.risk.assign",
        target=flag,
        organisation=flag.competent_ministry,
        old={"status": RiskFlag.Status.RAISED},
        new={"status": flag.status, "deadline": deadline, "decision_note": flag.decision_note},
    )
    notify(
        recipients=people_with_roles([flag.competent_ministry]),
        kind="planning.risk.assigned_high" if flag.requires_deputy_prime_minister else "planning.risk.assigned",
        params={
            "ministry": translated(flag.competent_ministry),
            "region": translated(flag.region),
            "deadline": deadline.isoformat(),
        },
        link=reverse("office:risks"),
    )
    return flag


@transaction.atomic
def dismiss_risk_flag(*, actor: Any, flag: RiskFlag, note: str) -> RiskFlag:
    _check_decider(actor, flag)
    if not note.strip():
        raise DomainError(_("Say why the risk flag is dismissed."), code="note")
    flag.status = RiskFlag.Status.DISMISSED
    flag.decided_by = actor
    flag.decided_at = timezone.now()
    flag.decision_note = note.strip()
    flag.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record_audit(
        actor=actor,
        action="planning.risk.dismiss",
        target=flag,
        organisation=flag.raised_by_organisation,
        old={"status": RiskFlag.Status.RAISED},
        new={"status": flag.status, "decision_note": flag.decision_note},
    )
    notify(
        recipients=people_with_roles([flag.raised_by_organisation], (*PREPARING_ROLES,)),
        kind="planning.risk.dismissed",
        params={"region": translated(flag.region), "note": flag.decision_note},
        link=reverse("office:risks"),
    )
    return flag


def risk_flag_obligation_suffix(flag: RiskFlag) -> str:
    return f"{EVENT_ID_PREFIX}{flag.pk}"


# The event source of the profiles' rule on unscheduled meetings (registered in PlanningConfig.ready).
OBLIGING = (RiskFlag.Status.ASSIGNED, RiskFlag.Status.MET)


def assigned_risk_flags(start: date, end: date) -> Iterator[tuple[str, Organisation, date]]:
    flags = RiskFlag.objects.filter(status__in=OBLIGING, deadline__range=(start, end)).select_related(
        "competent_ministry"
    )
    for flag in flags.order_by("deadline", "pk"):
        assert flag.deadline is not None
        yield risk_flag_obligation_suffix(flag), flag.competent_ministry, flag.deadline


def assigned_risk_flag(event_id: str) -> tuple[str, Organisation, date] | None:
    number = event_id.removeprefix(EVENT_ID_PREFIX)
    if not event_id.startswith(EVENT_ID_PREFIX) or not number.isdigit():
        return None
    flag = (
        RiskFlag.objects.filter(pk=int(number), status__in=OBLIGING, deadline__isnull=False)
        .select_related("competent_ministry")
        .first()
    )
    if flag is None or flag.deadline is None:
        return None
    return event_id, flag.competent_ministry, flag.deadline
