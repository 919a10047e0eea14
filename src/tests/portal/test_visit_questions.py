"""The questions panel of the public meeting page and the form to ask (R10): published questions only,
grouped ones once with how many asked, no personal data; the form keeps what was typed and resists bots."""

import datetime

import pytest
from django.db import connection
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.meetings.models import Visit
from kezdesu.portal.views.visit_questions import QUESTIONS_PER_HOUR, meeting_page_url
from kezdesu.questions.models import Channel, Question, QuestionGroup
from tests.factories.intake import intake_topic
from tests.factories.meetings import build_visit_world
from tests.factories.questions import question

pytestmark = pytest.mark.django_db

TEXT = "When will the road to the district hospital be repaired?"


@pytest.fixture
def world():
    return build_visit_world()


def _ask_url(visit, language="en"):
    with translation.override(language):
        return reverse("portal:visit_ask", kwargs={"pk": visit.pk})


def _panel(visit, **params):
    """The panel as the meeting page renders it."""
    request = RequestFactory().get("/en/visits/", params)
    template = Template("{% load public_questions %}{% visit_questions_panel visit %}")
    return template.render(RequestContext(request, {"visit": visit}))


def _form(world, **changes):
    data = {
        "author_name": "",
        "region": world.visit.region_id,
        "district": world.district.pk,
        "topic": intake_topic().pk,
        "text": TEXT,
        "contact": "",
        "website": "",
    }
    return {**data, **changes}


def test_the_panel_shows_published_questions_only_without_personal_data(world):
    question(
        world.visit,
        "Published question about the clinic",
        status=Question.Status.PUBLISHED,
        author_name="Secret Name",
        contact="secret@example.org",
        published_text="Published question about the clinic",
    )
    question(world.visit, "Waiting question about the school")
    question(world.visit, "Hidden advertising text", status=Question.Status.HIDDEN)

    html = _panel(world.visit)

    assert "Published question about the clinic" in html
    assert "Waiting question about the school" not in html
    assert "Hidden advertising text" not in html
    assert "Secret Name" not in html
    assert "secret@example.org" not in html
    assert "1 question published after moderation" in html


def test_the_published_text_is_shown_instead_of_the_original(world):
    question(
        world.visit,
        "Call me at +7 701 000 00 00 about the gas",
        status=Question.Status.PUBLISHED,
        published_text="Call me at [removed] about the gas",
    )

    html = _panel(world.visit)

    assert "Call me at [removed] about the gas" in html
    assert "+7 701" not in html


def test_a_group_is_shown_once_with_how_many_people_asked(world):
    members = [
        question(world.visit, f"Gas for the village, please {n}", status=Question.Status.PUBLISHED) for n in range(3)
    ]
    group = QuestionGroup.objects.create(visit=world.visit, representative=members[1], size=3)
    Question.objects.filter(pk__in=[member.pk for member in members]).update(group=group)
    question(world.visit, "A lonely question about the library", status=Question.Status.PUBLISHED)

    html = _panel(world.visit)

    assert "Gas for the village, please 1" in html
    assert "Gas for the village, please 0" not in html
    assert "Gas for the village, please 2" not in html
    assert "3 people asked this" in html
    assert "2 questions published after moderation" in html
    assert html.index("Gas for the village") < html.index("A lonely question")


def test_the_questions_are_paginated(world):
    for number in range(12):
        question(world.visit, f"Published question number {number:02d}", status=Question.Status.PUBLISHED)

    first = _panel(world.visit)
    second = _panel(world.visit, questions_page=2)

    assert first.count("Published question number") == 10
    assert second.count("Published question number") == 2
    assert "Page 2 of 2" in second


def test_the_panel_costs_the_same_queries_for_one_or_three_questions(world):
    question(world.visit, "Published question number one", status=Question.Status.PUBLISHED)
    with CaptureQueriesContext(connection) as one:
        _panel(world.visit)
    question(world.visit, "Published question number two", status=Question.Status.PUBLISHED)
    question(world.visit, "Published question number three", status=Question.Status.PUBLISHED)
    with CaptureQueriesContext(connection) as three:
        _panel(world.visit)

    assert len(three) == len(one)


def test_the_panel_says_when_nothing_is_published_yet(world):
    html = _panel(world.visit)

    assert "No questions are published yet." in html
    assert 'name="text"' in html


def test_the_ask_page_shows_the_form_first_with_a_link_to_the_questions(client, world):
    question(world.visit, "Published question about the clinic", status=Question.Status.PUBLISHED)

    html = client.get(_ask_url(world.visit)).content.decode()

    assert 'name="text"' in html
    assert "Published question about the clinic" not in html
    assert f'href="{meeting_page_url(world.visit)}#questions"' in html


def test_a_question_is_received_and_the_citizen_told_what_happens_next(client, world):
    response = client.post(_ask_url(world.visit), _form(world), follow=True)

    saved = Question.objects.get()
    assert (saved.text, saved.channel, saved.status) == (TEXT, Channel.WEB, Question.Status.RECEIVED)
    assert saved.district == world.district
    assert response.redirect_chain[-1][0] == meeting_page_url(world.visit) + "#ask-result"
    assert "A moderator reads it before it is published" in response.content.decode()


def test_script_in_the_text_is_refused_and_everything_typed_is_kept(client, world):
    typed = "<script>alert('x')</script> and the road"

    response = client.post(
        _ask_url(world.visit), _form(world, text=typed, author_name="Aigerim", contact="a@example.org", consent="on")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Write the question as plain text" in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; and the road" in html
    assert 'value="Aigerim"' in html
    assert 'value="a@example.org"' in html
    assert Question.objects.count() == 0


def test_a_contact_without_consent_is_refused_with_the_reason(client, world):
    response = client.post(_ask_url(world.visit), _form(world, contact="+77010000000"))

    html = response.content.decode()
    assert "tick the consent" in html
    assert 'value="+77010000000"' in html
    assert TEXT in html
    assert Question.objects.count() == 0


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_saved(client, world):
    response = client.post(_ask_url(world.visit), _form(world, website="https://spam.example"))

    assert response.status_code == 302
    assert Question.objects.count() == 0


def test_one_address_may_send_a_limited_number_of_questions_an_hour(client, world):
    for number in range(QUESTIONS_PER_HOUR):
        client.post(_ask_url(world.visit), _form(world, text=f"{TEXT} Variant {number}."))

    response = client.post(_ask_url(world.visit), _form(world, text=f"{TEXT} One too many."))

    assert Question.objects.count() == QUESTIONS_PER_HOUR
    assert "Too many questions were sent from your address" in response.content.decode()
    assert f"{TEXT} One too many." in response.content.decode()


def test_closed_questions_show_no_form_and_refuse_a_post(client, world):
    world.visit.questions_close_at = timezone.now() - datetime.timedelta(hours=1)
    world.visit.save(update_fields=["questions_close_at"])

    page = client.get(_ask_url(world.visit)).content.decode()
    client.post(_ask_url(world.visit), _form(world))

    assert "Questions to this meeting are closed." in page
    assert 'name="text"' not in page
    assert Question.objects.count() == 0


def test_an_unannounced_visit_has_no_question_page(client, world):
    world.visit.status = Visit.Status.DRAFT
    world.visit.save(update_fields=["status"])

    assert client.get(_ask_url(world.visit)).status_code == 404
    assert client.post(_ask_url(world.visit), _form(world)).status_code == 404


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_question_page_opens_in_each_language(client, world, language):
    response = client.get(_ask_url(world.visit, language))

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
