"""reports.manage_evaluation: the authorized body's coordinator only."""

import pytest

from tests.factories.roles import ROLE_NAMES, build_role_world

pytestmark = pytest.mark.django_db


def test_only_the_coordinator_manages_the_evaluation():
    world = build_role_world()
    allowed = {
        name
        for name in ROLE_NAMES
        if world.user(name) is not None and world.user(name).has_perm("reports.manage_evaluation")
    }
    assert allowed == {"coordinator", "superuser"}
