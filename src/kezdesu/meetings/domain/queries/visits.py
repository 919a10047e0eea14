"""Reads of visits that the back office, the portal and the API share."""

import datetime
import uuid
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from kezdesu.meetings.models import AgendaItem, BroadcastLink, OfficialAccount, Visit, VisitPart
from kezdesu.organisations.domain.queries.scope import memberships_of, organisations_in_scope, sees_everything
from kezdesu.organisations.models import Organisation, Region, Role
from kezdesu.planning.models import ScheduleItem, ScheduleVersion

PUBLIC_STATUSES = (Visit.Status.PUBLISHED, Visit.Status.HELD)


def _with_parts(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    """Everything a visit's page shows, in a fixed number of queries however many parts and links."""
    parts = (
        VisitPart.objects.select_related("live")
        .prefetch_related(
            "akim_positions",
            "akim_answers",
            Prefetch(
                "broadcasts", queryset=BroadcastLink.objects.select_related("account").order_by("account__platform")
            ),
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("order", "pk")),
        )
        .order_by("starts_at", "pk")
    )
    return visits.select_related(
        "organisation", "position", "region", "district", "period", "risk_flag", "deputy_prime_minister"
    ).prefetch_related(Prefetch("parts", queryset=parts))


def _listed(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    """What a list row shows: the visit, its ministry, official and place, and its meeting part's time and
    live record (whether it is on now: `meetings.domain.queries.live_status`)."""
    meeting = VisitPart.objects.filter(kind=VisitPart.Kind.MEETING).select_related("live")
    return visits.select_related("organisation", "position", "region", "district").prefetch_related(
        Prefetch("parts", queryset=meeting, to_attr="meeting_parts")
    )


def public_visits(*, region: Region | None = None, ministry: Organisation | None = None) -> QuerySet[Visit]:
    """Announced and held visits, the only ones the public sees."""
    visits = Visit.objects.filter(status__in=PUBLIC_STATUSES)
    if region is not None:
        visits = visits.filter(region=region)
    if ministry is not None:
        visits = visits.filter(organisation=ministry)
    return _listed(visits)


def upcoming_public_visits(*, today: datetime.date, **filters: Any) -> QuerySet[Visit]:
    """Public visits not over yet, soonest first."""
    return public_visits(**filters).filter(end_date__gte=today).order_by("start_date", "pk")


def past_public_visits(*, today: datetime.date, **filters: Any) -> QuerySet[Visit]:
    """Public visits already over, latest first."""
    return public_visits(**filters).filter(end_date__lt=today).order_by("-start_date", "-pk")


def public_visit_page(pk: int) -> Visit | None:
    """A public visit with everything its page shows, or None (a draft or cancelled visit is not public)."""
    return _with_parts(Visit.objects.filter(status__in=PUBLIC_STATUSES)).filter(pk=pk).first()


def visit_page(visit_id: int) -> Visit:
    """Any visit with everything its page shows (the caller has checked who may read it)."""
    return _with_parts(Visit.objects.all()).get(pk=visit_id)


def _scope_filter(user: Any) -> Q | None:
    """None when the user reads every visit; otherwise the visits of their ministries and akimats."""
    if sees_everything(user):
        return None
    scope = organisations_in_scope(user)
    akimat_regions = scope.filter(kind=Organisation.Kind.AKIMAT, region__isnull=False).values("region_id")
    # An akimat whose akim is invited to a part (R17), e.g. a district's, reads that visit too.
    invited = VisitPart.akim_positions.through.objects.filter(position__organisation__in=scope).values(
        "visitpart__visit_id"
    )
    return Q(organisation__in=scope) | Q(region_id__in=akimat_regions) | Q(pk__in=invited)


def visits_in_scope(user: Any) -> QuerySet[Visit]:
    """The visits a member of staff reads: their ministry's, their akimat's region's, or all."""
    visits = Visit.objects.all()
    scope = _scope_filter(user)
    if scope is not None:
        visits = visits.filter(scope)
    return _listed(visits).order_by("start_date", "pk")


def readable_visits(user: Any) -> QuerySet[Visit]:
    """For the API: every public visit, and the drafts and cancelled visits in the user's scope."""
    public = Q(status__in=PUBLIC_STATUSES)
    if not getattr(user, "is_authenticated", False):
        visits = Visit.objects.filter(public)
    else:
        scope = _scope_filter(user)
        visits = Visit.objects.all() if scope is None else Visit.objects.filter(public | scope)
    return _with_parts(visits).order_by("start_date", "pk")


def approved_item(schedule_uid: uuid.UUID) -> ScheduleItem | None:
    """The item with this uid in the schedule in force, if it is still in it."""
    return (
        ScheduleItem.objects.filter(
            uid=schedule_uid, version__status=ScheduleVersion.Status.APPROVED, version__number__isnull=False
        )
        .select_related("version__period", "organisation", "position", "region", "district")
        .prefetch_related("akim_positions")
        .order_by("-version__number")
        .first()
    )


def items_awaiting_visit(user: Any, *, today: datetime.date) -> QuerySet[ScheduleItem]:
    """Items of the schedule in force not over yet that no visit carries out, among those the user
    may prepare: their ministry's (as editor or approver), or every one for the coordinator."""
    items = ScheduleItem.objects.filter(
        version__status=ScheduleVersion.Status.APPROVED, version__number__isnull=False, end_date__gte=today
    ).exclude(uid__in=Visit.objects.filter(schedule_uid__isnull=False).values("schedule_uid"))
    memberships = memberships_of(user)
    if not memberships.filter(role=Role.COORDINATOR).exists():
        own = memberships.filter(role__in=(Role.EDITOR, Role.APPROVER)).values("organisation_id")
        items = items.filter(Q(organisation__in=own) | Q(organisation__parent__in=own))
    return items.select_related("organisation", "position", "region", "district", "version__period").order_by(
        "start_date", "organisation__code", "pk"
    )


def official_accounts(organisation: Organisation | None = None) -> QuerySet[OfficialAccount]:
    """The organisations' official accounts, where their meetings are broadcast (R14)."""
    accounts = OfficialAccount.objects.select_related("organisation")
    if organisation is not None:
        ids = [organisation.pk] + ([organisation.parent_id] if organisation.parent_id else [])
        accounts = accounts.filter(organisation_id__in=ids)
    return accounts.order_by("organisation__code", "platform", "pk")
