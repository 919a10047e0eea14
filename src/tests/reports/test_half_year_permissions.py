"""Who reads, prepares and reviews the half-year results (R23) and reports on the Government's instructions."""

import datetime

import pytest

from kezdesu.organisations.models import Role
from tests.factories.organisations import MembershipFactory, UserFactory
from tests.factories.reports_half_year import build_half_year_world, instruction, reviewed_report
from tests.factories.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db

ROLES = (*ROLE_NAMES, "apparatus_approver", "other_editor", "akimat_approver", "coordinator_viewer")
EXPECTED = {
    "reports.view_half_year_report": {
        "apparatus_approver",
        "coordinator",
        "coordinator_viewer",
        "apparatus_oversight",
        "presidential_oversight",
        "superuser",
    },
    "reports.prepare_half_year_report": {"coordinator", "superuser"},
    "reports.record_government_review": {"apparatus_approver", "superuser"},
}


@pytest.fixture
def world():
    world = build_half_year_world()
    # An oversight reader in the authorized body reads the results but does not prepare them.
    world.roles.users["coordinator_viewer"] = MembershipFactory(
        user=UserFactory(username="coordinator_viewer"), organisation=world.roles.authorized_body, role=Role.OVERSIGHT
    ).user
    return world


def _allowed(world, permission: str, obj=None) -> set[str]:
    return {
        name
        for name in ROLES
        if world.roles.users[name] is not None and world.roles.users[name].has_perm(permission, obj)
    }


@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_the_half_year_permissions(world, permission):
    assert _allowed(world, permission) == EXPECTED[permission]


def test_the_apparatus_approver_reads_the_results_to_record_the_review(world):
    from kezdesu.reports.domain.queries.instructions import reads_half_year_results

    readers = {name for name in ROLES if world.roles.users[name] and reads_half_year_results(world.roles.users[name])}
    assert readers == EXPECTED["reports.view_half_year_report"]


def test_the_executor_body_reports_on_its_instruction(world):
    review = reviewed_report(world)
    to_ministry = instruction(review, 1, world.roles.ministry, deadline=datetime.date(2026, 3, 1))
    to_committee = instruction(review, 2, world.roles.committee, deadline=datetime.date(2026, 3, 1))
    to_authorized_body = instruction(review, 3, world.roles.authorized_body, deadline=datetime.date(2026, 3, 1))
    to_akimat = instruction(review, 4, world.roles.akimat, deadline=datetime.date(2026, 3, 1))

    permission = "reports.report_on_instruction"
    assert _allowed(world, permission, to_ministry) == {"ministry_editor", "ministry_approver", "superuser"}
    assert _allowed(world, permission, to_committee) == {"ministry_editor", "ministry_approver", "superuser"}
    assert _allowed(world, permission, to_authorized_body) == {"coordinator", "superuser"}
    assert _allowed(world, permission, to_akimat) == {"akimat_approver", "superuser"}
