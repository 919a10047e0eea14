"""An announced visit whose population was not asked about the day and time (P3.5, G3.2): derived from the
records by one named query, never stored."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.meetings.domain.date_vote import fix_visit_date, open_date_vote, remove_date_option
from kezdesu.meetings.domain.queries.date_vote import visits_without_date_vote
from kezdesu.meetings.models import Visit
from tests.factories.date_vote import offer_options
from tests.factories.meetings import VISIT_DAY, at, build_visit_world

pytestmark = pytest.mark.django_db

CLOSES = at(18, day=datetime.date(2027, 3, 1))


@pytest.fixture
def world():
    return build_visit_world()


def unasked():
    return list(visits_without_date_vote())


def test_an_announced_visit_without_options_or_without_an_opened_vote_is_listed(world):
    assert unasked() == [world.visit]

    offer_options(world.visit)

    assert unasked() == [world.visit]  # dates offered, but the residents cannot vote yet


def test_opening_the_vote_takes_the_visit_off_the_list_and_it_stays_off_once_closed_or_fixed(world):
    first, *_rest = offer_options(world.visit)
    open_date_vote(actor=world.user("ministry_editor"), visit=world.visit, closes_at=CLOSES)
    assert unasked() == []

    fix_visit_date(actor=world.user("ministry_approver"), visit=world.visit, option=first)

    assert unasked() == []


def test_a_date_fixed_without_a_vote_stays_on_the_list(world):
    first, *_rest = offer_options(world.visit)

    fix_visit_date(actor=world.user("ministry_approver"), visit=world.visit, option=first)

    visit = Visit.objects.get(pk=world.visit.pk)
    assert (unasked(), visit.date_fixed_at is not None) == ([visit], True)


def test_an_open_vote_whose_dates_were_all_withdrawn_asks_nobody(world):
    options = offer_options(world.visit, (datetime.date(2027, 3, 11), datetime.date(2027, 3, 12)))
    open_date_vote(actor=world.user("ministry_editor"), visit=world.visit, closes_at=CLOSES)
    for option in options:
        remove_date_option(actor=world.user("ministry_editor"), option=option)

    assert unasked() == [world.visit]


@pytest.mark.parametrize("status", [Visit.Status.DRAFT, Visit.Status.HELD, Visit.Status.CANCELLED])
def test_only_announced_visits_are_listed(status):
    build_visit_world(status=status)

    assert unasked() == []


def test_from_a_day_only_visits_not_over_are_listed(world):
    assert list(visits_without_date_vote(from_day=VISIT_DAY)) == [world.visit]
    assert list(visits_without_date_vote(from_day=VISIT_DAY + datetime.timedelta(days=1))) == []


def test_one_query_whatever_the_number_of_visits(world, django_assert_num_queries):
    for days in (7, 14):
        Visit.objects.create(
            organisation=world.visit.organisation,
            position=world.visit.position,
            region=world.visit.region,
            start_date=VISIT_DAY + datetime.timedelta(days=days),
            end_date=VISIT_DAY + datetime.timedelta(days=days),
            status=Visit.Status.PUBLISHED,
        )

    with django_assert_num_queries(1):
        visits = list(visits_without_date_vote(from_day=timezone.localdate()))
        names = [(visit.region.name, visit.position.title, visit.organisation.name) for visit in visits]

    assert len(names) == 3
