"""Who keeps the library (R25): the authorized body's coordinators, and nobody else (superusers aside)."""

import pytest

from tests.factories.roles import ROLE_NAMES, build_role_world

pytestmark = pytest.mark.django_db

KEEPERS = {"coordinator", "superuser"}


def test_only_the_authorized_bodys_coordinators_manage_the_library():
    world = build_role_world()

    allowed = {
        name
        for name in ROLE_NAMES
        if world.user(name) is not None and world.user(name).has_perm("reports.manage_library")
    }

    assert allowed == KEEPERS
