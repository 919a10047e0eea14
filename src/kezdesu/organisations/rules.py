"""The one permission vocabulary (S2). Views, the API and domain functions ask these by name.

Roles held in an organisation:
- viewer: reads the organisation's data;
- editor: prepares the organisation's data;
- approver: approves and submits for the organisation (and records what met its obligations);
- coordinator (the authorized body): reads everything, coordinates, keeps the working calendar;
- oversight (Government Apparatus, Presidential Administration, Government): reads everything.
Superusers administer the reference data.
"""

import rules

from kezdesu.organisations.domain.queries.scope import has_role, memberships_of, sees_everything
from kezdesu.organisations.models import Organisation, Role

STAFF_ROLES = (Role.VIEWER, Role.EDITOR, Role.APPROVER, Role.COORDINATOR, Role.OVERSIGHT)


@rules.predicate
def is_staff_member(user: object) -> bool:
    return memberships_of(user).exists() or is_superuser(user)


@rules.predicate
def is_nationwide_reader(user: object) -> bool:
    return sees_everything(user)


@rules.predicate
def is_coordinator(user: object) -> bool:
    return memberships_of(user).filter(role=Role.COORDINATOR).exists()


@rules.predicate
def is_superuser(user: object) -> bool:
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


@rules.predicate
def reads_organisation(user: object, organisation: Organisation | None) -> bool:
    return sees_everything(user) or has_role(user, organisation, STAFF_ROLES)


@rules.predicate
def edits_for_organisation(user: object, organisation: Organisation | None) -> bool:
    return has_role(user, organisation, (Role.EDITOR, Role.APPROVER))


@rules.predicate
def approves_for_organisation(user: object, organisation: Organisation | None) -> bool:
    return has_role(user, organisation, (Role.APPROVER,))


# The back office and the obligations of one's own organisation.
rules.add_perm("office.access", is_staff_member)
rules.add_perm("organisations.view_organisation_data", reads_organisation)
rules.add_perm("organisations.edit_organisation_data", edits_for_organisation | is_superuser)
# Recording what met an obligation: the debtor's approver, or the authorized body's coordinator.
rules.add_perm("regulations.record_fulfilment", approves_for_organisation | is_coordinator | is_superuser)
# The working-day calendar (transfers of days off, working Saturdays).
rules.add_perm("regulations.manage_calendar", is_coordinator | is_superuser)
# The audit trail: the authorized body and oversight (S3).
rules.add_perm("core.view_audit", is_nationwide_reader)
# Reference data (organisations, positions, regions) is kept by administrators.
rules.add_perm("organisations.manage_reference", is_superuser)
