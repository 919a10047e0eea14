"""The permission vocabulary (organisations.rules) as a matrix: every role by every permission."""

import pytest
from django.contrib.auth.models import AnonymousUser

from kezdesu.organisations.models import Role
from tests.factories.organisations import MembershipFactory, PositionFactory
from tests.factories.roles import ROLE_NAMES, build_role_world

pytestmark = pytest.mark.django_db

# Who holds each permission, with the object it is asked about (None: no object).
# Object names refer to RoleWorld attributes.
EXPECTED = {
    ("office.access", None): {
        "ministry_viewer",
        "ministry_editor",
        "ministry_approver",
        "akimat_viewer",
        "coordinator",
        "apparatus_oversight",
        "presidential_oversight",
        "superuser",
    },
    ("organisations.view_organisation_data", "ministry"): {
        "ministry_viewer",
        "ministry_editor",
        "ministry_approver",
        "coordinator",
        "apparatus_oversight",
        "presidential_oversight",
        "superuser",
    },
    ("organisations.view_organisation_data", "committee"): {
        "ministry_viewer",
        "ministry_editor",
        "ministry_approver",
        "coordinator",
        "apparatus_oversight",
        "presidential_oversight",
        "superuser",
    },
    ("organisations.view_organisation_data", "other_ministry"): {
        "coordinator",
        "apparatus_oversight",
        "presidential_oversight",
        "superuser",
    },
    ("organisations.view_organisation_data", "akimat"): {
        "akimat_viewer",
        "coordinator",
        "apparatus_oversight",
        "presidential_oversight",
        "superuser",
    },
    ("organisations.view_organisation_data", "other_akimat"): {
        "coordinator",
        "apparatus_oversight",
        "presidential_oversight",
        "superuser",
    },
    ("organisations.edit_organisation_data", "ministry"): {"ministry_editor", "ministry_approver", "superuser"},
    ("organisations.edit_organisation_data", "committee"): {"ministry_editor", "ministry_approver", "superuser"},
    ("organisations.edit_organisation_data", "other_ministry"): {"superuser"},
    ("organisations.edit_organisation_data", "akimat"): {"superuser"},
    ("regulations.record_fulfilment", "ministry"): {"ministry_approver", "coordinator", "superuser"},
    ("regulations.record_fulfilment", "other_ministry"): {"coordinator", "superuser"},
    ("regulations.record_fulfilment", "akimat"): {"coordinator", "superuser"},
    ("regulations.manage_calendar", None): {"coordinator", "superuser"},
    ("core.view_audit", None): {"coordinator", "apparatus_oversight", "presidential_oversight", "superuser"},
    ("organisations.manage_reference", None): {"superuser"},
    # Answering for an invited akim (R17): the akimat's editors and approvers (the world has none) and, as for
    # every permission, the superuser; never for a post that is not an akimat's. The full matrix with the
    # akimats' staff is in tests/meetings/test_akim_answers.py.
    ("meetings.answer_akim_invitation", "akim"): {"superuser"},
    ("meetings.answer_akim_invitation", "minister"): {"superuser"},
}

CASES = [
    pytest.param(permission, target, role, role in holders, id=f"{permission}-{target or 'global'}-{role}")
    for (permission, target), holders in EXPECTED.items()
    for role in ROLE_NAMES
]


@pytest.fixture
def world():
    world = build_role_world()
    world.akim = PositionFactory(organisation=world.akimat, code="akim", title_en="Akim X")
    world.minister = PositionFactory(organisation=world.ministry, code="minister")
    return world


@pytest.mark.parametrize(("permission", "target", "role", "expected"), CASES)
def test_each_role_holds_exactly_its_permissions(world, permission, target, role, expected):
    user = world.user(role) or AnonymousUser()
    obj = getattr(world, target) if target else None

    assert user.has_perm(permission, obj) is expected


def test_a_role_in_one_ministry_gives_nothing_in_another(world):
    approver = world.user("ministry_approver")

    assert approver.has_perm("organisations.view_organisation_data", world.other_ministry) is False
    assert approver.has_perm("regulations.record_fulfilment", world.other_ministry) is False


def test_a_deactivated_account_keeps_no_role():
    membership = MembershipFactory(role=Role.COORDINATOR)
    user = membership.user
    user.is_active = False
    user.save(update_fields=["is_active"])

    assert not user.has_perm("office.access")
    assert not user.has_perm("core.view_audit")
    assert not user.has_perm("regulations.manage_calendar")
