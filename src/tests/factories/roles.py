"""A small world with one account for every role (S2), for the permission matrix tests.

Two ministries (one with a committee), two akimats, the authorized body, the Government
Apparatus and the Presidential Administration; a viewer, an editor and an approver in the first
ministry, a viewer in the first akimat, a coordinator, two oversight readers, a superuser and a
signed-up account without any role.
"""

from dataclasses import dataclass, field

from kezdesu.organisations.models import Organisation, Role, User
from tests.factories.organisations import MembershipFactory, OrganisationFactory, RegionFactory, UserFactory

# Every role the matrix checks, by the name the tests use.
ROLE_NAMES = (
    "anonymous",
    "no_role",
    "ministry_viewer",
    "ministry_editor",
    "ministry_approver",
    "akimat_viewer",
    "coordinator",
    "apparatus_oversight",
    "presidential_oversight",
    "superuser",
)


@dataclass
class RoleWorld:
    ministry: Organisation
    committee: Organisation
    other_ministry: Organisation
    akimat: Organisation
    other_akimat: Organisation
    authorized_body: Organisation
    apparatus: Organisation
    presidential_administration: Organisation
    users: dict[str, User | None] = field(default_factory=dict)

    def user(self, role_name: str) -> User | None:
        return self.users[role_name]


def build_role_world() -> RoleWorld:
    ministry = OrganisationFactory(code="ministry-a", name_en="Ministry A")
    other_ministry = OrganisationFactory(code="ministry-b", name_en="Ministry B")
    committee = OrganisationFactory(
        code="ministry-a-committee", kind=Organisation.Kind.COMMITTEE, parent=ministry, name_en="Committee of A"
    )
    akimat = OrganisationFactory(
        code="akimat-x", kind=Organisation.Kind.AKIMAT, region=RegionFactory(), name_en="Akimat X"
    )
    other_akimat = OrganisationFactory(
        code="akimat-y", kind=Organisation.Kind.AKIMAT, region=RegionFactory(), name_en="Akimat Y"
    )
    authorized_body = OrganisationFactory(code="culture", is_authorized_body=True, name_en="Ministry of Culture")
    apparatus = OrganisationFactory(
        code="government-apparatus", kind=Organisation.Kind.GOVERNMENT_APPARATUS, name_en="Government Apparatus"
    )
    presidential_administration = OrganisationFactory(
        code="presidential-administration",
        kind=Organisation.Kind.PRESIDENTIAL_ADMINISTRATION,
        name_en="Presidential Administration",
    )
    world = RoleWorld(
        ministry=ministry,
        committee=committee,
        other_ministry=other_ministry,
        akimat=akimat,
        other_akimat=other_akimat,
        authorized_body=authorized_body,
        apparatus=apparatus,
        presidential_administration=presidential_administration,
    )
    held = {
        "ministry_viewer": (ministry, Role.VIEWER),
        "ministry_editor": (ministry, Role.EDITOR),
        "ministry_approver": (ministry, Role.APPROVER),
        "akimat_viewer": (akimat, Role.VIEWER),
        "coordinator": (authorized_body, Role.COORDINATOR),
        "apparatus_oversight": (apparatus, Role.OVERSIGHT),
        "presidential_oversight": (presidential_administration, Role.OVERSIGHT),
    }
    world.users["anonymous"] = None
    world.users["no_role"] = UserFactory(username="no_role")
    for name, (organisation, role) in held.items():
        world.users[name] = MembershipFactory(
            user=UserFactory(username=name), organisation=organisation, role=role
        ).user
    world.users["superuser"] = UserFactory(username="superuser", is_superuser=True, is_staff=True)
    return world
