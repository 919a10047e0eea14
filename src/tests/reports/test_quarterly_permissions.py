"""Who may do what with a ministry's quarterly information (R22): the reports.*quarterly* permissions over every
role of the role world, asked about the first ministry."""

import pytest

from tests.factories.roles import ROLE_NAMES, build_role_world

pytestmark = pytest.mark.django_db

# role -> (view, prepare, approve, return) for the first ministry
MATRIX = {
    "anonymous": (False, False, False, False),
    "no_role": (False, False, False, False),
    "ministry_viewer": (True, False, False, False),
    "ministry_editor": (True, True, False, False),
    "ministry_approver": (True, True, True, False),
    "akimat_viewer": (False, False, False, False),
    "coordinator": (True, False, False, True),
    "apparatus_oversight": (True, False, False, False),
    "presidential_oversight": (True, False, False, False),
    "superuser": (True, True, True, True),  # Django grants an active superuser every permission
}
PERMISSIONS = (
    "reports.view_quarterly_information",
    "reports.prepare_quarterly_information",
    "reports.approve_quarterly_information",
    "reports.return_quarterly_information",
)


def test_the_matrix_names_every_role():
    assert set(MATRIX) == set(ROLE_NAMES)


def test_each_role_holds_exactly_its_quarterly_permissions():
    from django.contrib.auth.models import AnonymousUser

    world = build_role_world()
    found = {}
    for role in ROLE_NAMES:
        user = world.user(role) or AnonymousUser()
        found[role] = tuple(bool(user.has_perm(name, world.ministry)) for name in PERMISSIONS)
    assert found == MATRIX


def test_no_one_in_the_first_ministry_acts_for_the_other():
    world = build_role_world()
    for role in ("ministry_viewer", "ministry_editor", "ministry_approver"):
        user = world.user(role)
        assert not any(user.has_perm(name, world.other_ministry) for name in PERMISSIONS[:3])
