import pytest
from django.core.cache import cache

from kezdesu.meetings.domain.live_state import (
    current_revision,
    etag_matches,
    live_changed,
    live_etag,
    live_snapshot,
    revision_key,
)
from kezdesu.meetings.models import LiveMeeting, Visit
from kezdesu.questions.models import Question, QuestionGroup
from tests.factories.live import ask, build_live_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    return build_live_world()


def test_the_snapshot_is_built_once_per_revision(world, django_assert_num_queries):
    first = live_snapshot(world.visit)

    with django_assert_num_queries(0):
        second = live_snapshot(world.visit.pk)

    assert second == first
    assert [q.text for q in first.questions][:1] == ["When will the road to the district hospital be repaired?"]
    assert first.revision == 0
    assert first.stage == LiveMeeting.Stage.NOT_STARTED


def test_a_change_makes_a_new_snapshot_once_committed(world, django_capture_on_commit_callbacks):
    live_snapshot(world.visit)

    with django_capture_on_commit_callbacks(execute=True):
        ask(world.visit, "Who repairs the bridge in Talgar?")
        live_changed(visit_id=world.visit.pk)

    snapshot = live_snapshot(world.visit)
    assert snapshot.revision == 1
    assert current_revision(world.visit.pk) == 1
    assert "Who repairs the bridge in Talgar?" in [q.text for q in snapshot.questions]


def test_the_snapshot_shows_published_questions_once_per_group_with_votes_first(world):
    _road, gas, gym, _kindergarten = world.questions
    Question.objects.filter(pk=gym.pk).update(votes=5)
    ask(world.visit, "Buy watches", status=Question.Status.HIDDEN, hidden_reason="spam")
    ask(world.visit, "Is there gas soon?", status=Question.Status.RECEIVED)
    same = ask(world.visit, "Why is there no gas in our village??")
    group = QuestionGroup.objects.create(visit=world.visit, representative=gas, size=2)
    Question.objects.filter(pk__in=[gas.pk, same.pk]).update(group=group)

    snapshot = live_snapshot(world.visit)

    texts = [q.text for q in snapshot.questions]
    assert texts[0] == "Will the school get a new gym?"
    assert len(texts) == 4
    assert "Buy watches" not in texts
    assert "Is there gas soon?" not in texts
    assert next(q for q in snapshot.questions if q.pk == gas.pk).asked == 2


def test_a_visit_that_is_not_public_has_no_live_state_for_the_public(world):
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.DRAFT)

    assert current_revision(world.visit.pk) is None
    assert live_snapshot(world.visit) is None


def test_the_revision_key_expires_so_a_lost_race_heals(world):
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(revision=4)
    cache.set(revision_key(world.visit.pk), 3)
    assert current_revision(world.visit.pk) == 3

    cache.delete(revision_key(world.visit.pk))  # as when the few seconds pass

    assert current_revision(world.visit.pk) == 4


@pytest.mark.parametrize(
    ("header", "matches"),
    [
        ('"live-1-2-en"', True),
        ('W/"live-1-2-en"', True),
        ('"live-1-1-en", "live-1-2-en"', True),
        ("*", True),
        ('"live-1-2-ru"', False),
        ('"live-1-3-en"', False),
        ("", False),
    ],
)
def test_if_none_match_is_compared_as_rfc_9110_says(header, matches):
    assert etag_matches(header, live_etag(1, 2, "en")) is matches
