"""Questions received from any channel are grouped with their duplicates once they are saved (a task on commit)."""

import pytest

from kezdesu.questions.domain.intake import submit_question
from tests.factories.meetings import build_visit_world

pytestmark = pytest.mark.django_db

TEXT = "When will the road to the district hospital be repaired?"


def test_a_question_asked_twice_on_the_meeting_page_ends_in_one_group_of_two(django_capture_on_commit_callbacks):
    open_world = build_visit_world()
    with django_capture_on_commit_callbacks(execute=True):
        first = submit_question(visit=open_world.visit, text=TEXT, topic=None)
    with django_capture_on_commit_callbacks(execute=True):
        second = submit_question(visit=open_world.visit, text=TEXT.upper(), topic=None)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.group_id is not None
    assert second.group_id == first.group_id
    assert first.group.size == 2
