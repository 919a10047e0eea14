"""A visit with its four parts (R16), in the first akimat's region by the first ministry of the role world.

`build_visit_world()` adds to the role world an akimat editor and an akimat approver, a district of the
region, the minister's position and a published visit with a meeting, a reception, an NGO meeting and a
media briefing on its first day (Asia/Almaty), and one official account with a broadcast of the meeting.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from kezdesu.meetings.models import BroadcastLink, OfficialAccount, Platform, Visit, VisitPart
from kezdesu.organisations.models import District, Position, Role
from tests.factories.organisations import DistrictFactory, MembershipFactory, PositionFactory, UserFactory
from tests.factories.roles import RoleWorld, build_role_world

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
VISIT_DAY = datetime.date(2027, 3, 10)


def at(hour: int, minute: int = 0, day: datetime.date = VISIT_DAY) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ALMATY)


@dataclass
class VisitWorld:
    roles: RoleWorld
    visit: Visit
    minister: Position
    district: District

    def user(self, role_name: str):
        return self.roles.user(role_name)

    def part(self, kind: str) -> VisitPart:
        return self.visit.parts.get(kind=kind)


def build_visit_world(*, status: str = Visit.Status.PUBLISHED, day: datetime.date = VISIT_DAY) -> VisitWorld:
    roles = build_role_world()
    for name, role in (("akimat_editor", Role.EDITOR), ("akimat_approver", Role.APPROVER)):
        roles.users[name] = MembershipFactory(
            user=UserFactory(username=name), organisation=roles.akimat, role=role
        ).user
    region = roles.akimat.region
    district = DistrictFactory(region=region)
    minister = PositionFactory(organisation=roles.ministry, code="minister", title_en="Minister A")
    visit = Visit.objects.create(
        organisation=roles.ministry,
        position=minister,
        region=region,
        district=district,
        start_date=day,
        end_date=day,
        status=status,
        title_en="Minister A meets the population",
        how_to_take_part_en="Come to the hall or ask online.",
    )
    hours = {
        VisitPart.Kind.MEETING: (10, 12),
        VisitPart.Kind.RECEPTION: (13, 15),
        VisitPart.Kind.NGO_MEETING: (15, 16),
        VisitPart.Kind.MEDIA_BRIEFING: (16, 17),
    }
    for kind, (start, end) in hours.items():
        VisitPart.objects.create(
            visit=visit,
            kind=kind,
            starts_at=at(start, day=day),
            ends_at=at(end, day=day),
            venue_en="Palace of Culture",
            address_en="1 Main Street",
            latitude="43.238949",
            longitude="76.889709",
        )
    account = OfficialAccount.objects.create(
        organisation=roles.ministry, platform=Platform.YOUTUBE, url="https://www.youtube.com/@ministry-a"
    )
    BroadcastLink.objects.create(
        part=visit.parts.get(kind=VisitPart.Kind.MEETING),
        account=account,
        url="https://www.youtube.com/watch?v=abcdefghijk",
    )
    return VisitWorld(roles=roles, visit=visit, minister=minister, district=district)
