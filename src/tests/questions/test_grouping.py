import datetime
import time

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.questions.domain.fingerprint import question_fingerprint
from kezdesu.questions.domain.grouping import group_questions, merge_questions, similar_pairs, split_question
from kezdesu.questions.models import Question, QuestionGroup
from tests.factories.meetings import ALMATY, build_visit_world
from tests.factories.questions import question

pytestmark = pytest.mark.django_db


def _day(day: int) -> datetime.datetime:
    return datetime.datetime(2027, 3, day, 12, tzinfo=ALMATY)


def _groups(visit) -> list[tuple[int, list[str]]]:
    return [
        (group.size, sorted(group.questions.values_list("text", flat=True)))
        for group in QuestionGroup.objects.filter(visit=visit).order_by("-size", "pk")
    ]


def test_the_fingerprint_ignores_case_punctuation_and_spacing():
    assert question_fingerprint("Когда  отремонтируют ДОРОГУ?!") == question_fingerprint("когда отремонтируют дорогу")
    assert question_fingerprint("Жол қашан жөнделеді?") != question_fingerprint("Мектеп қашан салынады?")
    assert len(question_fingerprint("x")) == 64


def test_exact_duplicates_are_grouped_even_without_a_stored_fingerprint():
    world = build_visit_world()
    question(world.visit, "Когда отремонтируют дорогу?", fingerprinted=False)
    question(world.visit, "когда отремонтируют   дорогу", fingerprinted=False)
    question(world.visit, "Где взять справку о составе семьи?")
    result = group_questions(visit=world.visit)
    assert (result.new_groups, result.joined, result.questions) == (1, 0, 3)
    assert _groups(world.visit) == [(2, ["Когда отремонтируют дорогу?", "когда отремонтируют   дорогу"])]
    assert Question.objects.filter(fingerprint="").count() == 0


def test_near_duplicates_in_russian_and_in_kazakh_are_grouped_apart_from_other_questions():
    world = build_visit_world()
    texts = [
        "Когда отремонтируют дорогу в селе Акжар?",
        "Когда будет отремонтирована дорога в село Акжар?",
        "Ақжар ауылындағы жолды қашан жөндейді?",
        "Ақжар ауылының жолын қашан жөндейді?",
        "Почему в школе нет учителя физики?",
    ]
    for text in texts:
        question(world.visit, text)
    group_questions(visit=world.visit, threshold=0.5)
    assert _groups(world.visit) == [
        (2, sorted(texts[:2])),
        (2, sorted(texts[2:4])),
    ]


def test_grouping_twice_changes_nothing_and_new_questions_join_the_existing_group():
    world = build_visit_world()
    first = question(world.visit, "Когда отремонтируют дорогу в селе Акжар?", received_at=_day(1))
    question(world.visit, "Когда отремонтируют дорогу в селе Акжар", received_at=_day(2))
    group_questions(visit=world.visit)
    before = _groups(world.visit)
    again = group_questions(visit=world.visit)
    assert (again.new_groups, again.joined) == (0, 0)
    assert _groups(world.visit) == before
    question(world.visit, "когда отремонтируют дорогу в селе Акжар?!", received_at=_day(3))
    later = group_questions(visit=world.visit)
    assert (later.new_groups, later.joined) == (0, 1)
    group = QuestionGroup.objects.get(visit=world.visit)
    assert (group.size, group.representative) == (3, first)


def test_hidden_questions_are_not_grouped_and_do_not_count():
    world = build_visit_world()
    question(world.visit, "Купите окна со скидкой", status=Question.Status.HIDDEN)
    question(world.visit, "Купите окна со скидкой!", status=Question.Status.HIDDEN)
    result = group_questions(visit=world.visit)
    assert (result.new_groups, result.questions) == (0, 0)


def test_the_representative_is_the_earliest_published_question():
    world = build_visit_world()
    question(world.visit, "Вопрос про воду в селе", received_at=_day(1))
    published = question(world.visit, "Вопрос про воду в селе?", received_at=_day(2), status=Question.Status.PUBLISHED)
    question(world.visit, "Вопрос про воду в селе!", received_at=_day(3), status=Question.Status.PUBLISHED)
    group_questions(visit=world.visit)
    group = QuestionGroup.objects.get()
    assert (group.size, group.representative) == (3, published)


def test_a_moderator_merges_groups_and_the_grouping_keeps_the_merge():
    world = build_visit_world()
    water = [question(world.visit, "Когда в селе появится питьевая вода?") for _ in range(3)]
    school = [question(world.visit, "Нужна новая школа в микрорайоне") for _ in range(2)]
    group_questions(visit=world.visit)
    merged = merge_questions(actor=world.user("ministry_editor"), visit=world.visit, questions=[water[0], school[0]])
    assert merged.size == 5
    assert QuestionGroup.objects.count() == 1
    group_questions(visit=world.visit)
    assert _groups(world.visit)[0][0] == 5
    assert AuditLog.objects.filter(action="questions.merge").count() == 1


def test_a_question_split_off_by_a_moderator_stays_apart_after_grouping_again():
    world = build_visit_world()
    *_others, third = (question(world.visit, "Когда отремонтируют мост через реку?") for _ in range(3))
    group_questions(visit=world.visit)
    own = split_question(actor=world.user("akimat_editor"), question=third)
    assert own.size == 1
    group_questions(visit=world.visit)
    assert sorted(QuestionGroup.objects.values_list("size", flat=True)) == [1, 2]
    assert Question.objects.get(pk=third.pk).group == own
    with pytest.raises(DomainError, match="alone"):
        split_question(actor=world.user("akimat_editor"), question=third)


def test_merging_needs_two_questions_of_the_visit_and_a_moderator():
    world = build_visit_world()
    one = question(world.visit, "Вопрос")
    with pytest.raises(DomainError, match="at least two"):
        merge_questions(actor=world.user("coordinator"), visit=world.visit, questions=[one])
    with pytest.raises(NotPermitted):
        merge_questions(actor=world.user("akimat_viewer"), visit=world.visit, questions=[one, question(world.visit)])


def test_similar_pairs_stay_fast_for_five_thousand_questions():
    words = ["дорога", "школа", "вода", "свет", "газ", "больница", "мост", "парк", "автобус", "садик"]
    texts = [f"Вопрос {n}: когда {words[n % 10]} и {words[n * 7 % 10]} в районе {n % 97}?" for n in range(5000)]
    started = time.monotonic()
    rows, cols, _values = similar_pairs(texts, 0.9)
    assert time.monotonic() - started < 60
    assert len(rows) == len(cols)


def test_grouping_two_thousand_questions_with_many_copies_counts_every_person():
    world = build_visit_world()
    places = ["Акжар", "Коксу", "Талдыбулак", "Жетыген", "Узынагаш"]
    texts = [f"Когда отремонтируют дорогу в селе {places[n % 5]}?" for n in range(2000)]
    Question.objects.bulk_create(
        Question(visit=world.visit, text=text, received_at=_day(1 + n % 20), region=world.visit.region)
        for n, text in enumerate(texts)
    )
    started = time.monotonic()
    result = group_questions(visit=world.visit, threshold=0.9)
    assert time.monotonic() - started < 60
    assert result.new_groups == 5
    assert sorted(QuestionGroup.objects.values_list("size", flat=True)) == [400] * 5
