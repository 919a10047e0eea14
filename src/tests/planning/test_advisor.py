"""The region advisor: four factors per region with their reasons, weighted by the authorized body."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.organisations.models import Region
from kezdesu.planning.domain.advisor import (
    advisor_weights,
    rank_regions,
    register_question_counter,
    set_advisor_weights,
    unregister_question_counter,
)
from kezdesu.planning.models import RiskFlag, ScheduleVersion
from tests.factories.organisations import RegionFactory
from tests.factories.planning import (
    PlanningPeriodFactory,
    RiskFlagFactory,
    ScheduleItemFactory,
    ScheduleVersionFactory,
    SystemicProblemFactory,
)
from tests.factories.planning_proposals import coordinator, ministry_world

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 1, 15)


@pytest.fixture
def world():
    return ministry_world()


@pytest.fixture
def regions():
    return [
        RegionFactory(kato=f"95{number}000000", name_en=f"Region {number}", population=population)
        for number, population in ((1, 1_000_000), (2, 500_000), (3, 200_000))
    ]


def sent_problem(ministry, region, *, answered=False):
    return SystemicProblemFactory(
        region=region,
        competent_body=ministry,
        status="answered" if answered else "sent",
        sent_at=timezone.make_aware(datetime.datetime(2029, 10, 1, 10, 0)),
    )


def met(ministry, region, end):
    period = PlanningPeriodFactory(start=datetime.date(2029, 1, 1), end=datetime.date(2029, 12, 31))
    version = ScheduleVersion.objects.filter(period=period, number=1).first() or ScheduleVersionFactory(
        period=period, number=1, status=ScheduleVersion.Status.APPROVED
    )
    return ScheduleItemFactory(version=version, organisation=ministry, region=region, start_date=end, end_date=end)


def by_region(scores):
    return {score.region.name_en: score for score in scores}


def test_every_region_is_ranked_with_four_factors_and_reasons(world, regions):
    period = PlanningPeriodFactory()

    scores = rank_regions(ministry=world.ministry, period=period, today=TODAY)

    assert len(scores) == Region.objects.count() == 3
    first = scores[0]
    assert [factor.code for factor in first.factors] == ["problems", "questions", "recency", "risks"]
    assert [factor.reason for factor in first.factors] == [
        "0 unanswered and 0 answered systemic problems sent by the akimat in the last 12 months "
        "(an unanswered one counts twice)",
        "no questions in the sector from the region since 15.01.2029",
        "never met in an approved schedule (counted as 24 months)",
        "0 open risk flags in the sector",
    ]
    # Never met: recency is at its cap everywhere, so every region scores the recency weight.
    assert [score.score for score in scores] == [Decimal("2.00")] * 3
    assert first.formula == (
        "3.00 × 0.00 (systemic problems) + 2.00 × 0.00 (citizens' questions) + "
        "2.00 × 1.00 (time since the last meeting) + 4.00 × 0.00 (open risk flags) = 2.00"
    )


def test_problems_recency_and_risks_order_the_regions(world, regions):
    first, second, third = regions
    sent_problem(world.ministry, second)  # open: counts 2
    sent_problem(world.ministry, second, answered=True)  # counts 1
    sent_problem(world.ministry, third, answered=True)
    sent_problem(world.committee, third)  # a committee's problems are the ministry's
    SystemicProblemFactory(region=first, competent_body=world.ministry)  # a draft is not counted
    met(world.ministry, first, datetime.date(2029, 7, 10))  # six months before TODAY
    met(world.ministry, second, datetime.date(2029, 1, 20))  # eleven months
    met(world.ministry, third, datetime.date(2029, 1, 20))
    RiskFlagFactory(region=first, competent_ministry=world.ministry, status=RiskFlag.Status.ASSIGNED)
    RiskFlagFactory(region=first, competent_ministry=world.ministry, status=RiskFlag.Status.DISMISSED)

    scores = by_region(rank_regions(ministry=world.ministry, period=PlanningPeriodFactory(), today=TODAY))

    # problems 3 / 3 / 3: normalised 1, 1, 1; recency 6, 11, 11 of 24; risks 1, 0, 0.
    assert [(factor.code, factor.value, factor.normalised) for factor in scores["Region 1"].factors] == [
        ("problems", Decimal("0"), Decimal("0.00")),
        ("questions", Decimal("0"), Decimal("0")),
        ("recency", Decimal("6"), Decimal("0.25")),
        ("risks", Decimal("1"), Decimal("1.00")),
    ]
    assert scores["Region 1"].score == Decimal("4.50")  # 2 × 0.25 + 4 × 1
    assert scores["Region 2"].score == Decimal("3.92")  # 3 × 1 + 2 × 0.46
    assert scores["Region 3"].score == Decimal("3.92")
    assert scores["Region 2"].factors[0].reason.startswith("1 unanswered and 1 answered")
    assert scores["Region 2"].factors[2].reason == "last met on 20.01.2029: 11 months ago (capped at 24)"


def test_the_weights_change_the_order(world, regions, settings):
    first, second, _third = regions
    sent_problem(world.ministry, second)
    RiskFlagFactory(region=first, competent_ministry=world.ministry)
    period = PlanningPeriodFactory()
    assert rank_regions(ministry=world.ministry, period=period, today=TODAY)[0].region == first

    set_advisor_weights(
        actor=coordinator(), problems=Decimal("5"), questions=Decimal("0"), recency=Decimal("0"), risks=Decimal("1")
    )

    assert rank_regions(ministry=world.ministry, period=period, today=TODAY)[0].region == second


def test_a_question_source_plugs_in_per_100000_people(world, regions):
    def counter(ministry, region, since):
        assert since == TODAY - datetime.timedelta(days=365)
        return {"Region 1": 50, "Region 2": 50}.get(region.name_en, 0)

    register_question_counter(counter)
    try:
        scores = by_region(rank_regions(ministry=world.ministry, period=PlanningPeriodFactory(), today=TODAY))
    finally:
        unregister_question_counter(counter)

    questions = {name: score.factors[1] for name, score in scores.items()}
    assert (questions["Region 1"].value, questions["Region 1"].normalised) == (Decimal("5.00"), Decimal("0.50"))
    assert (questions["Region 2"].value, questions["Region 2"].normalised) == (Decimal("10.00"), Decimal("1.00"))
    assert questions["Region 2"].reason == (
        "50 questions in the sector from the region since 15.01.2029, per 100,000 people: 10.00"
    )


def test_only_the_coordinator_sets_the_weights_and_it_is_audited(world):
    with pytest.raises(NotPermitted):
        set_advisor_weights(
            actor=world.approver,
            problems=Decimal("1"),
            questions=Decimal("1"),
            recency=Decimal("1"),
            risks=Decimal("1"),
        )
    decider = coordinator()
    with pytest.raises(DomainError) as refused:
        set_advisor_weights(actor=decider, problems=0, questions=0, recency=0, risks=0)
    assert refused.value.code == "all_zero"

    set_advisor_weights(
        actor=decider, problems=Decimal("1"), questions=Decimal("2"), recency=Decimal("2"), risks=Decimal("4")
    )

    assert advisor_weights().problems == Decimal("1.00")
    audit = AuditLog.objects.get(action="planning.advisor_weights.set")
    assert (audit.old_values, audit.new_values) == ({"problems": "3.00"}, {"problems": "1.00"})
