"""Factories for the proposals, advisor, systemic problems and risk flags tests.

`ministry_world()` makes a ministry with its first head, a deputy, a committee with its chair,
an editor and an approver; `akimat_world()` an akimat of a region with an editor and an approver.
"""

from dataclasses import dataclass

from kezdesu.organisations.models import Organisation, Position, Region, Role, User
from tests.factories.organisations import (
    MembershipFactory,
    OrganisationFactory,
    PositionFactory,
    RegionFactory,
    UserFactory,
)


@dataclass
class MinistryWorld:
    ministry: Organisation
    committee: Organisation
    first_head: Position
    deputy: Position
    executive_secretary: Position
    committee_chair: Position
    editor: User
    approver: User
    viewer: User


def ministry_world(code: str = "health") -> MinistryWorld:
    ministry = OrganisationFactory(code=code, name_en=f"Ministry {code}")
    committee = OrganisationFactory(
        code=f"{code}-committee", kind=Organisation.Kind.COMMITTEE, parent=ministry, name_en=f"Committee of {code}"
    )
    return MinistryWorld(
        ministry=ministry,
        committee=committee,
        first_head=PositionFactory(organisation=ministry, code="minister", level=Position.Level.FIRST_HEAD),
        deputy=PositionFactory(organisation=ministry, code="vice-minister", level=Position.Level.DEPUTY),
        executive_secretary=PositionFactory(
            organisation=ministry, code="secretary", level=Position.Level.EXECUTIVE_SECRETARY
        ),
        committee_chair=PositionFactory(organisation=committee, code="chair", level=Position.Level.COMMITTEE_CHAIR),
        editor=MembershipFactory(
            user=UserFactory(username=f"{code}-editor"), organisation=ministry, role=Role.EDITOR
        ).user,
        approver=MembershipFactory(
            user=UserFactory(username=f"{code}-approver"), organisation=ministry, role=Role.APPROVER
        ).user,
        viewer=MembershipFactory(
            user=UserFactory(username=f"{code}-viewer"), organisation=ministry, role=Role.VIEWER
        ).user,
    )


@dataclass
class AkimatWorld:
    region: Region
    akimat: Organisation
    editor: User
    approver: User


def akimat_world(code: str = "akimat-abai", region: Region | None = None) -> AkimatWorld:
    region = region or RegionFactory()
    akimat = OrganisationFactory(code=code, kind=Organisation.Kind.AKIMAT, region=region, name_en=f"Akimat {code}")
    return AkimatWorld(
        region=region,
        akimat=akimat,
        editor=MembershipFactory(
            user=UserFactory(username=f"{code}-editor"), organisation=akimat, role=Role.EDITOR
        ).user,
        approver=MembershipFactory(
            user=UserFactory(username=f"{code}-approver"), organisation=akimat, role=Role.APPROVER
        ).user,
    )


def coordinator() -> User:
    authorized_body = OrganisationFactory(code="culture", is_authorized_body=True, name_en="Ministry of Culture")
    return MembershipFactory(
        user=UserFactory(username="coordinator"), organisation=authorized_body, role=Role.COORDINATOR
    ).user
