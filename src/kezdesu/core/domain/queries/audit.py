"""Reads of the audit trail, for the back office and the API."""

import datetime

from django.db.models import QuerySet

from kezdesu.core.models import AuditLog
from kezdesu.organisations.models import Organisation, User


def audit_entries(
    *,
    organisation: Organisation | None = None,
    action: str = "",
    actor: User | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditLog]:
    """Audit rows, newest first, with what a list shows of each already joined."""
    entries = AuditLog.objects.select_related("actor", "organisation", "target_type").order_by("-at", "-id")
    if organisation is not None:
        entries = entries.filter(organisation=organisation)
    if action:
        entries = entries.filter(action=action)
    if actor is not None:
        entries = entries.filter(actor=actor)
    if since is not None:
        entries = entries.filter(at__date__gte=since)
    if until is not None:
        entries = entries.filter(at__date__lte=until)
    return entries


def audit_actions() -> list[str]:
    """Every action code the trail holds, for a filter."""
    return list(AuditLog.objects.order_by("action").values_list("action", flat=True).distinct())


def audit_actors() -> QuerySet[User]:
    """Everyone who appears in the trail as an actor."""
    return User.objects.filter(pk__in=AuditLog.objects.filter(actor__isnull=False).values("actor")).order_by(
        "last_name", "first_name", "username"
    )
