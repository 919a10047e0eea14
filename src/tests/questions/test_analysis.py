import datetime

import pytest
from django.utils import translation

from kezdesu.meetings.models import Visit
from kezdesu.planning.models import SystemicProblem
from kezdesu.questions.domain.grouping import group_questions
from kezdesu.questions.domain.queries.analysis import visit_analysis
from kezdesu.questions.models import Channel, Question
from tests.factories.meetings import ALMATY, build_visit_world
from tests.factories.planning import SystemicProblemFactory
from tests.factories.questions import earlier_visit, question, topic

pytestmark = pytest.mark.django_db


def _at(day: int) -> datetime.datetime:
    return datetime.datetime(2027, 2, day, 23, 30, tzinfo=ALMATY)


def _world_with_questions():
    world = build_visit_world()
    roads, water = topic("roads", "Roads"), topic("water", "Water")
    for _ in range(3):
        question(
            world.visit,
            "When will the road to Akzhar be repaired?",
            topic=roads,
            district=world.district,
            received_at=_at(1),
        )
    question(
        world.visit,
        "Is there a plan for drinking water?",
        topic=water,
        channel=Channel.EOTINISH,
        received_at=_at(2),
        status=Question.Status.PUBLISHED,
    )
    question(world.visit, "Call me on +7 701 123 45 67 about the school", received_at=_at(2))
    question(world.visit, "Buy windows with a discount", status=Question.Status.HIDDEN, received_at=_at(2))
    group_questions(visit=world.visit)
    return world


def test_the_analysis_counts_questions_by_topic_district_channel_and_day_without_hidden_ones():
    world = _world_with_questions()
    with translation.override("en"):
        analysis = visit_analysis(world.visit)
    assert (analysis.total, analysis.published, analysis.awaiting, analysis.hidden) == (5, 1, 4, 1)
    assert [(t.label, t.count, t.share) for t in analysis.by_topic] == [
        ("Roads", 3, 60),
        ("Water", 1, 20),
        ("No topic", 1, 20),
    ]
    assert [(t.label, t.count) for t in analysis.by_district] == [
        (world.district.name_en, 3),
        ("District not given", 2),
    ]
    assert [(t.key, t.count) for t in analysis.by_channel] == [("web", 4), ("eotinish", 1)]
    # Received at 23:30 in Almaty: the day is Almaty's, not UTC's.
    assert [(t.key, t.count) for t in analysis.by_day] == [("2027-02-01", 3), ("2027-02-02", 2)]


def test_the_most_asked_come_first_and_personal_data_is_not_shown():
    world = _world_with_questions()
    with translation.override("en"):
        asked = visit_analysis(world.visit).most_asked
    assert [(a.text, a.people) for a in asked] == [
        ("When will the road to Akzhar be repaired?", 3),
        ("Is there a plan for drinking water?", 1),
        ("Call me on [personal data removed] about the school", 1),
    ]


def test_earlier_visits_to_the_region_and_the_answers_to_its_systemic_problems_are_shown():
    world = _world_with_questions()
    before = earlier_visit(world.visit, datetime.date(2026, 5, 4))
    earlier_visit(world.visit, datetime.date(2026, 1, 4), status=Visit.Status.CANCELLED)
    roads = topic("roads")
    question(before, "Repair the bridge", topic=roads, status=Question.Status.PUBLISHED)
    question(before, "Open a clinic", status=Question.Status.RECEIVED)
    SystemicProblemFactory(
        region=world.visit.region,
        akimat=world.roles.akimat,
        half_year_start=datetime.date(2026, 1, 1),
        title="District roads",
        status=SystemicProblem.Status.ANSWERED,
        answer="Repairs are funded for 2027.",
    )
    SystemicProblemFactory(region=world.visit.region, akimat=world.roles.akimat, title="A draft")
    with translation.override("en"):
        analysis = visit_analysis(world.visit)
    assert [e.visit for e in analysis.earlier_visits] == [before]
    summary = analysis.earlier_visits[0]
    assert summary.questions == 2
    assert [(t.label, t.count) for t in summary.by_topic] == [("Roads", 1)]
    assert sorted((t.key, t.count) for t in summary.by_status) == [("published", 1), ("received", 1)]
    assert [a.text for a in summary.most_asked] == ["Repair the bridge"]
    assert [(o.source, o.title, o.answer) for o in analysis.outcomes] == [
        ("systemic_problem", "District roads", "Repairs are funded for 2027.")
    ]


def test_a_visit_without_questions_has_an_empty_analysis():
    world = build_visit_world()
    analysis = visit_analysis(world.visit)
    assert (analysis.total, analysis.by_topic, analysis.most_asked, analysis.earlier_visits) == (0, [], [], [])
