"""Which organisations' data a user may read (S2). Everything scoped goes through here."""

from typing import Any

from django.db.models import Q, QuerySet

from kezdesu.organisations.models import Membership, Organisation, Role

# Roles that read every organisation's data: the authorized body coordinates, oversight reads.
NATIONWIDE_ROLES = (Role.COORDINATOR, Role.OVERSIGHT)


def _is_signed_in(user: Any) -> bool:
    """An authenticated, active account: a deactivated account keeps no role."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def sees_everything(user: Any) -> bool:
    if not _is_signed_in(user):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(user=user, role__in=NATIONWIDE_ROLES).exists()


def memberships_of(user: Any) -> QuerySet[Membership]:
    if not _is_signed_in(user):
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation")


def organisations_in_scope(user: Any) -> QuerySet[Organisation]:
    """The organisations whose data the user reads: their own and their committees, or all."""
    if sees_everything(user):
        return Organisation.objects.all()
    if not _is_signed_in(user):
        return Organisation.objects.none()
    own = Q(memberships__user=user) | Q(parent__memberships__user=user)
    return Organisation.objects.filter(own).distinct()


def has_role(user: Any, organisation: Organisation | None, roles: tuple[str, ...]) -> bool:
    """Whether the user holds one of `roles` in `organisation` or in its parent body."""
    if organisation is None or not _is_signed_in(user):
        return False
    ids = [organisation.pk] + ([organisation.parent_id] if organisation.parent_id else [])
    return Membership.objects.filter(user=user, organisation_id__in=ids, role__in=roles).exists()
