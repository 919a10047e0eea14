import datetime

import pytest

from kezdesu.planning.domain.queries.published import latest_frozen_at, published_items
from kezdesu.planning.models import ScheduleVersion
from tests.factories.organisations import OrganisationFactory, RegionFactory
from tests.factories.planning import ScheduleItemFactory, ScheduleVersionFactory
from tests.factories.planning_published import ApprovedVersionFactory, PublishedItemFactory

pytestmark = pytest.mark.django_db


def test_only_items_of_approved_versions_are_published():
    published = PublishedItemFactory()
    ScheduleItemFactory(version=ScheduleVersionFactory(period=published.version.period))  # the working version
    ScheduleItemFactory(
        version=ApprovedVersionFactory(
            period=published.version.period, number=2, status=ScheduleVersion.Status.SUBMITTED
        )
    )
    ScheduleItemFactory(
        version=ApprovedVersionFactory(
            period=published.version.period, number=3, status=ScheduleVersion.Status.SUPERSEDED
        )
    )

    assert list(published_items()) == [published]


def test_published_items_filter_by_dates_ministry_and_region():
    version = ApprovedVersionFactory()
    ministry = OrganisationFactory(code="ministry-x")
    region = RegionFactory(kato="920000001")
    february = PublishedItemFactory(
        version=version, organisation=ministry, region=region, start_date=datetime.date(2030, 2, 10)
    )
    march = PublishedItemFactory(version=version, start_date=datetime.date(2030, 3, 2))

    assert list(published_items(start=datetime.date(2030, 3, 1))) == [march]
    assert list(published_items(end=datetime.date(2030, 2, 28))) == [february]
    assert list(published_items(ministry="ministry-x")) == [february]
    assert list(published_items(ministry=ministry)) == [february]
    assert list(published_items(region="920000001")) == [february]
    assert list(published_items(position=march.position)) == [march]


def test_latest_frozen_at_is_the_newest_approved_version():
    assert latest_frozen_at() is None
    version = ApprovedVersionFactory()

    assert latest_frozen_at() == version.frozen_at
