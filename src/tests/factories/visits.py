"""Items of the approved schedule to prepare visits from, and official accounts."""

import datetime

from kezdesu.meetings.models import BroadcastLink, OfficialAccount, Platform, Visit, VisitPart
from kezdesu.organisations.models import Organisation, Position
from kezdesu.planning.models import ScheduleItem
from tests.factories.meetings import VisitWorld, at
from tests.factories.organisations import PositionFactory
from tests.factories.planning_published import PublishedItemFactory

ITEM_DAY = datetime.date(2030, 2, 12)


def approved_item(world: VisitWorld, *, day: datetime.date = ITEM_DAY, **fields) -> ScheduleItem:
    """An item of the approved schedule: the world's minister in the world's region, on `day`."""
    return PublishedItemFactory(
        organisation=world.roles.ministry,
        position=world.minister,
        region=world.roles.akimat.region,
        start_date=day,
        end_date=day,
        **fields,
    )


def akim_position(akimat: Organisation, code: str = "akim") -> Position:
    return PositionFactory(organisation=akimat, code=code, title_en="Akim of the region", title_kk="Облыс әкімі")


def youtube_account(organisation: Organisation) -> OfficialAccount:
    return OfficialAccount.objects.get_or_create(
        organisation=organisation, platform=Platform.YOUTUBE, url="https://www.youtube.com/@ministry-a"
    )[0]


def another_visit(world: VisitWorld, *, day: datetime.date, status: str = "published", **fields) -> Visit:
    """One more visit of the world's minister, with a meeting part (times, venue) and a broadcast."""
    values = {"organisation": world.roles.ministry, "position": world.minister, "region": world.roles.akimat.region}
    values.update(fields)
    visit = Visit.objects.create(start_date=day, end_date=day, status=status, **values)
    for kind in VisitPart.Kind.values:
        part = VisitPart.objects.create(
            visit=visit,
            kind=kind,
            starts_at=at(10, day=day),
            ends_at=at(12, day=day),
            venue_en="Hall",
            address_en="1 Street",
        )
        if kind == VisitPart.Kind.MEETING:
            BroadcastLink.objects.create(
                part=part, account=youtube_account(visit.organisation), url=f"https://youtu.be/abcdefghi{visit.pk:02d}"
            )
    return visit
