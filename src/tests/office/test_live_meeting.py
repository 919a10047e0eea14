"""The timekeeper's console, the official's view at the podium and the meeting's record, for staff."""

import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from kezdesu.meetings.models import LiveMeeting, TimerSegment, Visit
from kezdesu.questions.models import Question
from tests.factories.agenda import with_profile
from tests.factories.live import ask, build_live_world
from tests.factories.meeting_record import build_closed_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    with_profile()
    return build_live_world()


def url(world, name):
    return reverse(name, kwargs={"pk": world.visit.pk})


def test_the_timekeeper_starts_the_presentation_then_the_questions(client, world):
    client.force_login(world.user("akimat_editor"))
    page = client.get(url(world, "office:live_timekeeper"))
    assert page.status_code == 200
    assert b'value="presentation"' in page.content
    assert b'value="close"' not in page.content
    assert client.post(url(world, "office:live_timekeeper"), {"action": "presentation"}).status_code == 302
    client.post(url(world, "office:live_timekeeper"), {"action": "questions"})
    kinds = list(TimerSegment.objects.filter(meeting=world.meeting).values_list("kind", "ended_at"))
    assert [kind for kind, _end in kinds] == ["presentation", "questions"]
    assert kinds[1][1] is None
    page = client.get(url(world, "office:live_timekeeper"))
    assert b"The presentation has used 0 of 45 allowed minutes (0% of 180 planned; at most 25%)." in page.content


def test_a_refused_step_comes_back_as_a_message(client, world):
    client.force_login(world.user("ministry_editor"))
    response = client.post(url(world, "office:live_timekeeper"), {"action": "pause"}, follow=True)
    assert b"Only a running presentation or questions can be paused." in response.content


def test_closing_leads_to_the_record_and_the_meeting_is_recorded_as_held(client, world):
    client.force_login(world.user("coordinator"))
    client.post(url(world, "office:live_timekeeper"), {"action": "questions"})
    response = client.post(url(world, "office:live_timekeeper"), {"action": "close", "confirm": "yes"})
    assert response["Location"] == url(world, "office:live_record")
    visit = Visit.objects.get(pk=world.visit.pk)
    # The meeting took place; the visit closes once its other parts are recorded too.
    assert visit.status == Visit.Status.PUBLISHED
    assert visit.parts.get(kind="meeting").outcome == "took_place"


def test_viewers_see_the_clock_without_buttons_and_cannot_post(client, world):
    client.force_login(world.user("akimat_viewer"))
    page = client.get(url(world, "office:live_timekeeper"))
    assert page.status_code == 200
    assert b'name="action"' not in page.content
    assert client.post(url(world, "office:live_timekeeper"), {"action": "presentation"}).status_code == 404
    assert not TimerSegment.objects.exists()


def test_staff_of_another_region_do_not_find_the_console(client, world):
    client.force_login(world.user("no_role"))
    assert client.get(url(world, "office:live_timekeeper")).status_code in (403, 404)


def shortlist(question, when):
    question.shortlisted_at = when
    question.save(update_fields=["shortlisted_at"])


def test_the_officials_view_shows_the_shortlist_and_the_current_question(client, world):
    _road, gas, gym, _kindergarten = world.questions
    shortlist(gas, timezone.now())
    shortlist(gym, timezone.now())
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(current_question=gym, revision=1)
    client.force_login(world.user("ministry_viewer"))
    page = client.get(url(world, "office:live_official")).content.decode()
    assert "Question now" in page
    assert page.index("Will the school get a new gym?") < page.index("Why is there no gas in our village?")
    assert "When will the road" not in page
    assert f'hx-get="{url(world, "office:live_official_panel")}"' in page


def test_the_officials_panel_answers_304_while_nothing_changed(client, world):
    client.force_login(world.user("ministry_viewer"))
    first = client.get(url(world, "office:live_official_panel"))
    assert first.status_code == 200
    again = client.get(url(world, "office:live_official_panel"), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(revision=7)
    cache.clear()
    changed = client.get(url(world, "office:live_official_panel"), headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200


def test_the_record_form_is_prefilled_and_saved():
    world = build_closed_world()
    client = Client()
    client.force_login(world.user("akimat_editor"))
    page = client.get(url(world, "office:live_record")).content.decode()
    assert "Akim of the region\nDeputy minister B\nHead of the regional health department" in page
    response = client.post(
        url(world, "office:live_record"),
        {
            "attendance_hall": "120",
            "online_viewers": "",
            "participants": "Akim of the region",
            "recording_links": "not a link",
            "record_note": "",
        },
    )
    assert response.status_code == 200
    assert "Recording link 1 is not a web address (http:// or https://): not a link" in response.content.decode()
    assert 'value="120"' in response.content.decode()
    response = client.post(
        url(world, "office:live_record"),
        {
            "attendance_hall": "120",
            "online_viewers": "900",
            "participants": "Akim of the region",
            "recording_links": "https://www.youtube.com/watch?v=abcdefghijk",
            "record_note": "",
        },
    )
    assert response.status_code == 302
    assert LiveMeeting.objects.get(pk=world.meeting.pk).online_viewers == 900


def test_the_record_lists_hidden_questions_for_staff_and_downloads_as_docx(client):
    world = build_closed_world()
    client.force_login(world.user("ministry_viewer"))
    page = client.get(url(world, "office:live_record")).content.decode()
    assert "How do I get a place in the kindergarten?" in page
    assert "Hidden: spam or advertising" in page
    assert 'name="attendance_hall"' not in page  # viewers read, they do not write
    response = client.get(url(world, "office:live_record_docx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Document(io.BytesIO(response.content)).paragraphs[0].text == "Record of the meeting with the population"
    assert Question.objects.filter(visit=world.visit).count() == 4


def test_closing_needs_the_box_ticked(client, world):
    client.force_login(world.user("coordinator"))
    client.post(url(world, "office:live_timekeeper"), {"action": "questions"})
    response = client.post(url(world, "office:live_timekeeper"), {"action": "close"}, follow=True)
    assert b"Tick the box to confirm that the meeting is over." in response.content
    assert LiveMeeting.objects.get(pk=world.meeting.pk).stage == "questions"


def queries_for(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_record_page_and_the_officials_panel_do_not_query_per_question(client):
    world = build_closed_world()
    client.force_login(world.user("ministry_viewer"))
    Question.objects.filter(pk__in=[question.pk for question in world.questions[1:3]]).delete()
    pages = ("office:live_record", "office:live_official_panel")
    few = {name: queries_for(client, url(world, name)) for name in pages}
    for number in range(4):
        ask(world.visit, f"Another question {number}?", shortlisted_at=timezone.now())
    many = {
        name: queries_for(client, url(world, name)) for name in ("office:live_record", "office:live_official_panel")
    }
    assert many == few
