"""The advisor's second factor (R3): the citizens' questions held in Kezdesu, in the ministry's sector, per
100,000 people of each region, counted for every region in one query."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kezdesu.meetings.models import Visit
from kezdesu.planning.domain.advisor import (
    rank_regions,
    register_question_counter,
    register_question_counts,
    unregister_question_counter,
    unregister_question_counts,
)
from kezdesu.questions.domain.queries.advisor_counts import questions_in_sector_by_region
from kezdesu.questions.models import Channel, Question, Topic
from tests.factories.organisations import OrganisationFactory, PositionFactory, RegionFactory
from tests.factories.planning import PlanningPeriodFactory
from tests.factories.planning_proposals import ministry_world
from tests.factories.questions import question

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 1, 15)
SINCE = datetime.date(2029, 1, 15)  # the advisor looks back 365 days
IN_WINDOW = timezone.make_aware(datetime.datetime(2029, 10, 1, 10, 0))


@pytest.fixture
def world():
    return ministry_world()


@pytest.fixture
def regions():
    return [
        RegionFactory(kato=f"96{number}000000", name_en=f"Region {number}", population=population)
        for number, population in ((1, 1_000_000), (2, 500_000), (3, 200_000))
    ]


def visit_of(organisation, region, *, code="minister"):
    return Visit.objects.create(
        organisation=organisation,
        position=PositionFactory(organisation=organisation, code=code),
        region=region,
        start_date=datetime.date(2029, 10, 20),
        end_date=datetime.date(2029, 10, 20),
        status=Visit.Status.HELD,
    )


def asked(visit, number=1, **fields):
    fields.setdefault("received_at", IN_WINDOW)
    return [question(visit, **fields) for _ in range(number)]


def sector_topic(code, ministry):
    return Topic.objects.create(code=code, name=code, name_en=code, name_kk=code, name_ru=code, ministry=ministry)


def questions_factor(world, today=TODAY):
    scores = rank_regions(ministry=world.ministry, period=PlanningPeriodFactory(), today=today)
    return {score.region.name_en: score.factors[1] for score in scores}


def test_questions_are_counted_per_region_of_the_asker_else_of_the_meeting(world, regions):
    first, second, _third = regions
    visit = visit_of(world.ministry, first)
    asked(visit, 30)  # asked in the meeting's region
    asked(visit, 20, region=second)  # from another region, to this meeting
    asked(visit, 5, region=None)  # no region given: the meeting's

    assert questions_in_sector_by_region(world.ministry, SINCE) == {first.pk: 35, second.pk: 20}
    factor = questions_factor(world)
    assert (factor["Region 1"].value, factor["Region 1"].normalised) == (Decimal("3.50"), Decimal("0.88"))
    assert (factor["Region 2"].value, factor["Region 2"].normalised) == (Decimal("4.00"), Decimal("1.00"))
    assert factor["Region 2"].reason == (
        "20 questions in the sector from the region since 15.01.2029, per 100,000 people: 4.00"
    )
    assert factor["Region 3"].value == Decimal("0")
    assert factor["Region 3"].reason == "no questions in the sector from the region since 15.01.2029"


def test_one_question_reads_in_the_singular(world, regions):
    asked(visit_of(world.ministry, regions[2]))

    assert questions_factor(world)["Region 3"].reason == (
        "1 question in the sector from the region since 15.01.2029, per 100,000 people: 0.50"
    )


def test_a_committees_meetings_count_for_its_ministry(world, regions):
    first, second, _third = regions
    asked(visit_of(world.committee, first, code="chair"), 3)
    asked(visit_of(world.ministry, second), 2)
    other_ministry = OrganisationFactory(code="finance")
    asked(visit_of(other_ministry, first), 7)

    assert questions_in_sector_by_region(world.ministry, SINCE) == {first.pk: 3, second.pk: 2}
    assert questions_in_sector_by_region(other_ministry, SINCE) == {first.pk: 7}


def test_hidden_questions_and_the_akimats_systemic_problems_are_left_out(world, regions):
    first = regions[0]
    visit = visit_of(world.ministry, first)
    asked(visit, 2)
    asked(visit, 1, status=Question.Status.PUBLISHED)
    for reason in (Question.HiddenReason.SPAM, Question.HiddenReason.ABUSE, Question.HiddenReason.OFF_TOPIC):
        asked(visit, status=Question.Status.HIDDEN, hidden_reason=reason)
    asked(visit, channel=Channel.SYSTEMIC_PROBLEM)  # counted by the advisor's first factor

    assert questions_in_sector_by_region(world.ministry, SINCE) == {first.pk: 3}


def test_only_questions_received_since_the_date_count(world, regions):
    first = regions[0]
    visit = visit_of(world.ministry, first)
    asked(visit, received_at=timezone.make_aware(datetime.datetime(2029, 1, 14, 23, 59)))  # the day before
    asked(visit, received_at=timezone.make_aware(datetime.datetime(2029, 1, 15, 0, 0)))  # the first day, Astana time
    asked(visit, received_at=timezone.make_aware(datetime.datetime(2029, 12, 31, 18, 0)))

    assert questions_in_sector_by_region(world.ministry, SINCE) == {first.pk: 2}
    assert questions_in_sector_by_region(world.ministry, datetime.date(2029, 6, 1)) == {first.pk: 1}
    assert questions_factor(world, today=datetime.date(2031, 1, 1))["Region 1"].reason.startswith(
        "no questions in the sector from the region since 01.01.2030"
    )


def test_the_sector_is_the_body_forwarded_to_else_the_topics_ministry_else_the_meetings(world, regions):
    first = regions[0]
    transport = OrganisationFactory(code="transport")
    roads = sector_topic("roads-test", transport)
    clinics = sector_topic("clinics-test", world.ministry)
    other = sector_topic("other-test", None)
    ours, theirs = visit_of(world.ministry, first), visit_of(transport, first)
    asked(ours, 1, topic=roads)  # about roads at our meeting: transport's
    asked(ours, 2, topic=other)  # a topic of no ministry: the meeting's
    asked(theirs, 4, topic=clinics)  # about clinics at the transport meeting: ours
    asked(theirs, 8, topic=roads, forwarded_to=world.committee)  # forwarded to our committee: ours

    assert questions_in_sector_by_region(world.ministry, SINCE) == {first.pk: 14}
    assert questions_in_sector_by_region(transport, SINCE) == {first.pk: 1}


@pytest.mark.parametrize("extra_regions", [0, 5])
def test_the_ranking_reads_the_same_queries_whatever_the_number_of_regions(
    world, regions, django_assert_num_queries, extra_regions
):
    for number in range(extra_regions):
        region = RegionFactory(kato=f"97{number}000000")
        asked(visit_of(world.ministry, region, code=f"minister-{number}"), 2)
    asked(visit_of(world.ministry, regions[0]), 3)
    period = PlanningPeriodFactory()
    rank_regions(ministry=world.ministry, period=period, today=TODAY)  # creates the default weights once

    # Weights, regions, the sector, problems, last meetings, risk flags and the questions of every region.
    with django_assert_num_queries(7):
        scores = rank_regions(ministry=world.ministry, period=period, today=TODAY)

    assert len(scores) == 3 + extra_regions
    with django_assert_num_queries(1):
        counts = questions_in_sector_by_region(world.ministry, SINCE)
    assert sum(counts.values()) == 3 + 2 * extra_regions


def test_a_per_region_counter_still_adds_to_the_questions_held(world, regions):
    asked(visit_of(world.ministry, regions[0]), 10)

    def eotinish(ministry, region, since):  # the older interface: asked region by region
        return 40 if region == regions[0] else 0

    register_question_counter(eotinish)
    try:
        factor = questions_factor(world)
    finally:
        unregister_question_counter(eotinish)

    assert factor["Region 1"].value == Decimal("5.00")  # (10 + 40) per 1,000,000 people


def test_without_any_source_the_advisor_says_it_has_no_question_data(world, regions):
    unregister_question_counts(questions_in_sector_by_region)
    try:
        factor = questions_factor(world)
    finally:
        register_question_counts(questions_in_sector_by_region)

    assert {item.reason for item in factor.values()} == {"no question data yet"}
