"""Suggested problem issues: the visit's free questions clustered by similar texts, in Kazakh and Russian."""

import pytest

from kezdesu.followup.domain.issues import create_issue
from kezdesu.followup.domain.suggestions import suggest_issues
from kezdesu.questions.domain.grouping import merge_questions
from kezdesu.questions.models import Question
from tests.factories.meetings import build_visit_world
from tests.factories.organisations import DistrictFactory
from tests.factories.questions import question, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_visit_world()


def texts(suggestion) -> list[str]:
    return [q.text for q in suggestion.questions]


def test_kazakh_and_russian_near_duplicates_are_suggested_together_and_the_rest_alone(world):
    visit = world.visit
    gas_kk = question(visit, "Ауылымызда газ жоқ, газ қашан тартылады?", status=Question.Status.PUBLISHED, votes=3)
    gas_kk_2 = question(visit, "Біздің ауылға газ қашан тартылады?", status=Question.Status.PUBLISHED)
    road_ru = question(visit, "Когда отремонтируют дорогу в районную больницу?", status=Question.Status.PUBLISHED)
    road_ru_2 = question(visit, "Когда будет ремонт дороги до районной больницы?", votes=7)
    gym = question(visit, "Будет ли в школе новый спортзал?")
    question(visit, "Spam spam", status=Question.Status.HIDDEN)
    suggestions = suggest_issues(visit)
    assert [texts(s) for s in suggestions] == [
        [gas_kk.text, gas_kk_2.text],
        # The published question comes first, though the other has more votes: it is awaiting moderation.
        [road_ru.text, road_ru_2.text],
        [gym.text],
    ]
    assert [s.title for s in suggestions] == [gas_kk.text, road_ru.text, gym.text]


def test_a_higher_threshold_from_the_settings_keeps_near_duplicates_apart(world, settings):
    settings.KEZDESU_ISSUE_SIMILARITY = 0.9
    question(world.visit, "Ауылымызда газ жоқ, газ қашан тартылады?")
    question(world.visit, "Біздің ауылға газ қашан тартылады?")
    assert [s.citizens for s in suggest_issues(world.visit)] == [1, 1]


def test_questions_a_moderator_grouped_stay_together_however_worded(world):
    bus = question(world.visit, "Автобус в село не ходит")
    transport = question(world.visit, "Қоғамдық көлік жоқ")
    merge_questions(actor=world.user("coordinator"), visit=world.visit, questions=[bus, transport])
    assert [texts(s) for s in suggest_issues(world.visit)] == [[bus.text, transport.text]]


def test_a_suggestion_proposes_the_common_topic_district_and_the_topics_ministry(world):
    roads = topic("roads", "Roads")
    roads.ministry = world.roles.other_ministry
    roads.save(update_fields=["ministry"])
    district = DistrictFactory(region=world.visit.region)
    question(world.visit, "Дорога в село разбита", topic=roads, district=district, status=Question.Status.PUBLISHED)
    question(world.visit, "Дорога в село разбита совсем", topic=roads, district=district)
    question(world.visit, "Дорога в село разбита!", topic=topic("health", "Health"))
    [suggestion] = suggest_issues(world.visit)
    assert (suggestion.sector, suggestion.district, suggestion.competent_body) == (
        roads,
        district,
        world.roles.other_ministry,
    )


def test_a_suggestion_proposes_the_akimat_when_most_were_forwarded_to_it(world):
    akimat = world.roles.akimat
    roads = topic("roads", "Roads")
    roads.ministry = world.roles.other_ministry
    roads.save(update_fields=["ministry"])
    question(world.visit, "Дорога в село разбита", topic=roads, outcome="forwarded", forwarded_to=akimat)
    question(world.visit, "Дорога в село разбита совсем", topic=roads, outcome="forwarded", forwarded_to=akimat)
    question(world.visit, "Дорога в село разбита!", topic=roads)
    [suggestion] = suggest_issues(world.visit)
    assert (suggestion.competent_body, suggestion.district) == (akimat, None)


def test_long_texts_make_a_shortened_title(world):
    long_text = "Когда " + "очень " * 40 + "починят дорогу?"
    question(world.visit, long_text)
    [suggestion] = suggest_issues(world.visit)
    assert (len(suggestion.title), suggestion.title.endswith("…")) == (120, True)


def test_questions_behind_an_issue_are_not_suggested(world):
    asked = question(world.visit, "Газ", status=Question.Status.PUBLISHED)
    create_issue(
        actor=world.user("ministry_editor"),
        visit=world.visit,
        questions=[asked],
        title_kk="Газ",
        title_ru="Газ",
        competent_company="QazaqGaz",
    )
    assert suggest_issues(world.visit) == []
