"""Who is told about planning's acts: the people holding given roles in an organisation."""

from collections.abc import Iterable

from django.db.models import QuerySet

from kezdesu.organisations.models import Organisation, Role, User

PREPARERS = (Role.EDITOR, Role.APPROVER)


def people_with_roles(organisations: Iterable[Organisation], roles: Iterable[str] = PREPARERS) -> QuerySet[User]:
    """Active accounts holding one of `roles` in one of `organisations`."""
    return User.objects.filter(
        is_active=True,
        memberships__organisation__in=[organisation.pk for organisation in organisations],
        memberships__role__in=list(roles),
    ).distinct()


def coordinators() -> QuerySet[User]:
    """The authorized body's coordinators."""
    return User.objects.filter(
        is_active=True,
        memberships__organisation__is_authorized_body=True,
        memberships__role=Role.COORDINATOR,
    ).distinct()
