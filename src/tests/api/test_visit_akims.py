"""The visit's API shows the akims invited to each part and their akimats' answers, read-only (R17)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.meetings.domain.akims import answer_akim_invitation
from kezdesu.meetings.domain.parts import update_part
from kezdesu.meetings.models import AkimAnswer, VisitPart
from tests.api.conftest import client_for
from tests.factories.akims import build_akim_world
from tests.factories.visits import another_visit

pytestmark = pytest.mark.django_db

LIST = "/api/v1/visits/"


@pytest.fixture
def world():
    world = build_akim_world()
    meeting = world.visit_world.part(VisitPart.Kind.MEETING)
    update_part(
        actor=world.user("ministry_editor"), part=meeting, akim_positions=[world.region_akim, world.district_akim]
    )
    answer_akim_invitation(
        actor=world.user("district_editor"),
        part=meeting,
        position=world.district_akim,
        decision=AkimAnswer.Decision.DECLINED,
        note="On leave.",
    )
    return world


def test_a_part_lists_its_invited_akims_and_their_answers_without_the_note(world):
    body = client_for(None).get(f"{LIST}{world.visit_world.visit.pk}/").json()

    meeting = next(part for part in body["parts"] if part["kind"] == "meeting")
    answer = AkimAnswer.objects.get()
    assert sorted(meeting["akim_positions"]) == sorted([world.region_akim.pk, world.district_akim.pk])
    answers = [
        {**row, "answered_at": datetime.datetime.fromisoformat(row["answered_at"])} for row in meeting["akim_answers"]
    ]
    assert answers == [{"position": world.district_akim.pk, "decision": "declined", "answered_at": answer.answered_at}]
    assert next(part for part in body["parts"] if part["kind"] == "reception")["akim_answers"] == []


def _queries():
    with CaptureQueriesContext(connection) as queries:
        assert client_for(None).get(LIST).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_answers(world):
    one = _queries()
    for day in (datetime.date(2027, 4, 1), datetime.date(2027, 5, 1)):
        visit = another_visit(world.visit_world, day=day)
        meeting = visit.parts.get(kind=VisitPart.Kind.MEETING)
        meeting.akim_positions.set([world.district_akim])
        AkimAnswer.objects.create(part=meeting, position=world.district_akim, decision="confirmed")

    assert _queries() == one
