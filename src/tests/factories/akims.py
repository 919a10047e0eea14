"""Akims of all levels for a visit world (R17): the region's akim, and a district akimat with its akim and staff.

`build_akim_world()` adds to the visit world (tests/factories/meetings.py) the akim's post of the region's
akimat, the akimat of the world's district (under the region's akimat) with its akim's post, an editor and a
viewer of that district akimat, and the akimat of a district of the other region with its akim and editor.
"""

from dataclasses import dataclass

from kezdesu.organisations.models import Organisation, Position, Role
from tests.factories.meetings import VisitWorld, build_visit_world
from tests.factories.organisations import (
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    PositionFactory,
    UserFactory,
)


def akim_post(akimat: Organisation, *, title_en: str, title_kk: str, title_ru: str, code: str = "akim") -> Position:
    return PositionFactory(
        organisation=akimat, code=code, title_en=title_en, title_kk=title_kk, title_ru=title_ru, order=1
    )


def district_akimat(parent: Organisation, *, code: str, name_en: str) -> Organisation:
    district = DistrictFactory(region=parent.region)
    return OrganisationFactory(
        code=code,
        kind=Organisation.Kind.DISTRICT_AKIMAT,
        region=parent.region,
        district=district,
        parent=parent,
        name_en=name_en,
    )


@dataclass
class AkimWorld:
    visit_world: VisitWorld
    region_akim: Position
    district_akimat: Organisation
    district_akim: Position
    other_district_akim: Position

    def user(self, role_name: str):
        return self.visit_world.user(role_name)


def build_akim_world(**visit_fields) -> AkimWorld:
    world = build_visit_world(**visit_fields)
    roles = world.roles
    region_akim = akim_post(
        roles.akimat, title_en="Akim of the region", title_kk="Облыс әкімі", title_ru="Аким области"
    )
    akimat = district_akimat(roles.akimat, code="akimat-district-a", name_en="Akimat of District A")
    district_akim = akim_post(
        akimat, title_en="Akim of District A", title_kk="А ауданының әкімі", title_ru="Аким района А"
    )
    other = district_akimat(roles.other_akimat, code="akimat-district-b", name_en="Akimat of District B")
    other_district_akim = akim_post(
        other, title_en="Akim of District B", title_kk="Б ауданының әкімі", title_ru="Аким района Б"
    )
    for name, organisation, role in (
        ("district_editor", akimat, Role.EDITOR),
        ("district_viewer", akimat, Role.VIEWER),
        ("other_district_editor", other, Role.EDITOR),
    ):
        roles.users[name] = MembershipFactory(
            user=UserFactory(username=name), organisation=organisation, role=role
        ).user
    return AkimWorld(
        visit_world=world,
        region_akim=region_akim,
        district_akimat=akimat,
        district_akim=district_akim,
        other_district_akim=other_district_akim,
    )
