"""The hall screen (public, for the projector) and the public record of a held meeting."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from kezdesu.meetings.domain.record import update_record
from kezdesu.meetings.models import LiveMeeting, Visit
from tests.factories.live import build_live_world
from tests.factories.meeting_record import build_closed_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_and_empty_cache():
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


def url(world, name):
    return reverse(name, kwargs={"pk": world.visit.pk})


@pytest.fixture
def world():
    world = build_live_world()
    gas = world.questions[1]
    gas.votes, gas.author_name, gas.contact = 12, "Dana Private", "+7 777 123 45 67"
    gas.save(update_fields=["votes", "author_name", "contact"])
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(current_question=gas, stage="questions", revision=3)
    return world


def test_the_hall_screen_shows_the_current_question_stage_and_qr_code_without_personal_data(client, world):
    response = client.get(url(world, "portal:live_screen"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Why is there no gas in our village?" in page
    assert "Questions and answers" in page
    assert "1 person asked" in page
    assert "12 votes" in page
    assert "<svg" in page
    assert "Dana Private" not in page
    assert "+7 777" not in page
    assert '<meta http-equiv="refresh" content="15">' in page  # without JavaScript


def test_the_hall_screen_answers_304_until_the_live_revision_moves(client, world):
    first = client.get(url(world, "portal:live_screen_panel"))
    assert first.status_code == 200
    assert first["ETag"] == f'"live-{world.visit.pk}-3-en"'
    assert (
        client.get(url(world, "portal:live_screen_panel"), headers={"if-none-match": first["ETag"]}).status_code == 304
    )
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(revision=4)
    cache.clear()
    assert (
        client.get(url(world, "portal:live_screen_panel"), headers={"if-none-match": first["ETag"]}).status_code == 200
    )


def test_a_draft_visit_has_no_hall_screen(client, world):
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.DRAFT)
    assert client.get(url(world, "portal:live_screen")).status_code == 404


def test_the_public_record_appears_once_held_with_counts_of_hidden_questions_only(client):
    world = build_closed_world()
    update_record(
        actor=world.user("akimat_editor"),
        visit=world.visit,
        attendance_hall=340,
        online_viewers=5120,
        participants="Akim of the region",
        recording_links="https://www.youtube.com/watch?v=abcdefghijk",
        record_note="",
    )
    page = client.get(url(world, "portal:visit_record")).content.decode()
    assert "340" in page
    assert "5120" in page
    assert "Forwarded: <strong>1</strong>" in page
    assert "How do I get a place in the kindergarten?" not in page  # hidden: a number only
    assert "spam or advertising: 1" in page
    assert "Berik Secret" not in page
    assert "berik@example.kz" not in page
    detail = client.get(url(world, "portal:visit_detail")).content.decode()
    assert url(world, "portal:visit_record") in detail


def test_no_public_record_before_the_meeting_closes(client):
    world = build_closed_world(close=False)
    assert client.get(url(world, "portal:visit_record")).status_code == 404
