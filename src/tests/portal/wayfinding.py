"""Visits in real regions at chosen times, for the home page, the schedule's links and the live badge's tests."""

import datetime
import zoneinfo

from django.utils import timezone

from kezdesu.meetings.models import DateOption, ReceptionSlot, Visit, VisitPart
from kezdesu.organisations.models import Region
from tests.factories.organisations import OrganisationFactory, PositionFactory, RegionFactory

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
DAY = datetime.date(2030, 3, 11)
# Real KATO codes: the distance between regions is read from their boundaries.
ALMATY_CITY = "750000000"
ALMATY_REGION = "190000000"
ASTANA = "710000000"


def at(hour: int, minute: int = 0, *, day: datetime.date = DAY) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ALMATY)


def freeze(monkeypatch, moment: datetime.datetime) -> None:
    """What the pages take for now (and for today, in Astana time)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def region(kato: str, name: str) -> Region:
    return RegionFactory(
        kato=kato, iso_code=f"KZ-{kato[:2]}", pcode=f"KZ{kato[:2]}", name_en=name, name_ru=name, name_kk=name
    )


def visit_on(
    day: datetime.date,
    *,
    place: Region | None = None,
    status: str = Visit.Status.PUBLISHED,
    hours: tuple[int, int] = (10, 12),
    reception: tuple[int, int] | None = None,
    title: str = "",
    **fields,
) -> Visit:
    """A visit of a new ministry's minister with its meeting (and reception) on `day`."""
    ministry = OrganisationFactory()
    visit = Visit.objects.create(
        organisation=ministry,
        position=PositionFactory(organisation=ministry, title_en="Minister of Tests"),
        region=place or RegionFactory(),
        start_date=day,
        end_date=day,
        status=status,
        title_en=title,
        **fields,
    )
    VisitPart.objects.create(
        visit=visit,
        kind=VisitPart.Kind.MEETING,
        starts_at=at(hours[0], day=day),
        ends_at=at(hours[1], day=day),
        venue_en="Palace of Culture",
    )
    if reception is not None:
        part = VisitPart.objects.create(
            visit=visit,
            kind=VisitPart.Kind.RECEPTION,
            starts_at=at(reception[0], day=day),
            ends_at=at(reception[1], day=day),
        )
        ReceptionSlot.objects.create(
            part=part,
            position=visit.position,
            starts_at=part.starts_at,
            ends_at=part.starts_at + datetime.timedelta(minutes=15),
        )
    return visit


def open_date_vote(visit: Visit, *, closes_at: datetime.datetime) -> None:
    DateOption.objects.create(visit=visit, starts_at=at(10, day=visit.start_date), ends_at=at(12, day=visit.start_date))
    Visit.objects.filter(pk=visit.pk).update(vote_closes_at=closes_at)
