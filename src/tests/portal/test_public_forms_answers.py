"""Every public form answers where the page lands (issue 14): an error summary linking to each field with a
problem, or a confirmation, each with the id the form's action or the redirect names; on the live page a vote
and a question sent with htmx swap only their answer."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from kezdesu.meetings.domain.date_vote import open_date_vote
from kezdesu.questions.models import Channel, Question
from tests.factories.date_vote import offer_options
from tests.factories.followup import build_followup_world
from tests.factories.intake import intake_topic
from tests.factories.live import build_live_world
from tests.factories.meetings import at, build_visit_world
from tests.factories.reception import add_slots, make_iin

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def url(name, **kwargs):
    return reverse(f"portal:{name}", kwargs=kwargs)


def summary_links(html: str, result_id: str) -> list[str]:
    """The fragments the error summary `result_id` links to."""
    summary = re.search(rf'<div class="error-summary" id="{result_id}".*?</div>', html, re.DOTALL)
    assert summary is not None, f"no error summary #{result_id}"
    return re.findall(r'href="#([^"]+)"', summary.group(0))


def ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


@pytest.fixture
def visit_world():
    world = build_visit_world()
    world.options = offer_options(world.visit)
    open_date_vote(
        actor=world.user("ministry_editor"), visit=world.visit, closes_at=at(18, day=datetime.date(2027, 3, 1))
    )
    world.slots = add_slots(world, count=3)
    return world


def test_a_question_with_errors_lands_on_a_summary_linking_to_each_field(client, visit_world):
    intake_topic()
    visit = visit_world.visit

    response = client.post(
        url("visit_ask", pk=visit.pk),
        {"region": visit.region_id, "text": "", "contact": "+77010000000", "website": ""},
    )

    html = response.content.decode()
    assert f'action="{url("visit_ask", pk=visit.pk)}#ask-result"' in html
    assert 'role="alert" tabindex="-1" aria-labelledby="ask-result-title"' in html
    assert summary_links(html, "ask-result") == ["id_topic", "id_text", "id_consent"]
    assert {"id_topic", "id_text", "id_consent"} <= ids(html)


def test_a_question_sent_lands_on_its_confirmation_under_the_form_heading(client, visit_world):
    visit = visit_world.visit
    data = {"region": visit.region_id, "topic": intake_topic().pk, "text": "When is the new school opening?"}

    response = client.post(url("visit_ask", pk=visit.pk), data, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("#ask-result")
    panel = html.index('<div class="confirmation confirmation--success" id="ask-result" role="status" tabindex="-1"')
    assert html.index('id="ask"') < panel < html.index("A moderator reads it before it is published here")
    assert html.count("A moderator reads it before it is published here") == 1  # not at the top as well


def test_a_vote_counted_lands_on_its_confirmation_in_the_vote_panel(client, visit_world):
    visit = visit_world.visit

    response = client.post(url("visit_vote", pk=visit.pk), {"option": visit_world.options[0].pk}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == url("visit_detail", pk=visit.pk) + "#date-vote-result"
    panel = html.index('id="date-vote-result" role="status"')
    assert html.index('id="date-vote"') < panel < html.index("Thank you: your vote is counted.")


def test_opening_the_vote_address_goes_back_to_the_panel(client, visit_world):
    response = client.get(url("visit_vote", pk=visit_world.visit.pk))

    assert response.status_code == 302
    assert response["Location"] == url("visit_detail", pk=visit_world.visit.pk) + "#date-vote"


def test_a_booking_refused_links_the_time_to_the_first_time_offered(client, visit_world):
    visit = visit_world.visit

    response = client.post(url("visit_reception_book", pk=visit.pk), {"full_name": "", "iin": "123"})

    html = response.content.decode()
    assert f'action="{url("visit_reception_book", pk=visit.pk)}#reception-result"' in html
    links = summary_links(html, "reception-result")
    assert links == [
        f"reception-slot-{visit_world.slots[0].pk}",
        "reception-full_name",
        "reception-iin",
        "reception-phone",
        "reception-topic",
        "reception-consent",
    ]
    assert set(links) <= ids(html)


def test_a_booking_made_lands_on_the_confirmation_and_a_cancellation_on_the_reception_panel(client, visit_world):
    visit = visit_world.visit
    iin = make_iin(serial=3)
    booked = client.post(
        url("visit_reception_book", pk=visit.pk),
        {
            "slot": visit_world.slots[0].pk,
            "full_name": "Testov Test",
            "iin": iin,
            "phone": "8 701 555 12 34",
            "topic": "Lighting",
            "consent": "on",
        },
        follow=True,
    )
    code = booked.context["booking"].code

    refused = client.post(url("visit_reception_cancel", pk=visit.pk), {"code": "", "iin": iin})
    cancelled = client.post(url("visit_reception_cancel", pk=visit.pk), {"code": code, "iin": iin}, follow=True)

    assert 'id="reception-result" role="status" tabindex="-1"' in booked.content.decode()
    assert summary_links(refused.content.decode(), "cancel-result") == ["id_code"]
    assert f'action="{url("visit_reception_cancel", pk=visit.pk)}#cancel-result"' in refused.content.decode()
    assert cancelled.redirect_chain[-1][0].endswith("#reception-result")
    html = cancelled.content.decode()
    assert html.index('id="reception-result" role="status"') < html.index("Your booking is cancelled.")


def test_following_an_issue_answers_in_the_follow_section(client):
    world = build_followup_world(publish=True)
    follow = url("issue_follow", pk=world.road.pk)

    refused = client.post(follow, {"email": "not an address"})
    sent = client.post(follow, {"email": "me@example.kz", "consent": "on"}, follow=True)

    assert f'action="{follow}#follow-result"' in refused.content.decode()
    assert summary_links(refused.content.decode(), "follow-result") == ["id_email", "id_consent"]
    assert sent.redirect_chain[-1][0] == url("issue_detail", pk=world.road.pk) + "#follow-result"
    html = sent.content.decode()
    assert html.index('id="follow"') < html.index('id="follow-result" role="status"') < html.index("Check your inbox")


@pytest.fixture
def live_world():
    return build_live_world()


def test_a_vote_sent_with_htmx_swaps_only_its_question(client, live_world, django_capture_on_commit_callbacks):
    visit, question = live_world.visit, live_world.questions[1]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("live_vote", pk=visit.pk), {"question": question.pk}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert (response["HX-Retarget"], response["HX-Reswap"]) == (f"#q-{question.pk}", "outerHTML")
    assert html.lstrip().startswith(f'<li class="live-question" id="q-{question.pk}">')
    assert "1 vote" in html
    assert '<div id="live-vote-status" hx-swap-oob="innerHTML">' in html
    assert "Thank you: your vote is counted." in html
    assert "kezdesu_vote_" in "".join(response.cookies)
    # The message was shown in the answer: the next page does not show it again.
    assert "Thank you: your vote is counted." not in client.get(url("live", pk=visit.pk)).content.decode()


def test_a_refused_vote_with_htmx_changes_only_the_status_line(client, live_world):
    response = client.post(url("live_vote", pk=live_world.visit.pk), {"question": "999999"}, **HTMX)

    assert response["HX-Reswap"] == "none"
    assert "Choose one of the published questions." in response.content.decode()
    assert 'class="confirmation confirmation--problem" id="live-vote-result"' in response.content.decode()


def test_without_javascript_a_vote_comes_back_at_its_question_with_the_status_line(client, live_world):
    question = live_world.questions[0]

    response = client.post(url("live_vote", pk=live_world.visit.pk), {"question": question.pk}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"#q-{question.pk}")
    status = html.index('<div class="live-vote-status" id="live-vote-status" role="status">')
    assert status < html.index("Thank you: your vote is counted.") < html.index("</form>", status)


def test_a_question_asked_with_htmx_shows_its_confirmation_in_place(
    client, live_world, django_capture_on_commit_callbacks
):
    ask = url("live_ask", pk=live_world.visit.pk)

    refused = client.post(ask, {"text": ""}, **HTMX)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(ask, {"text": "Will the bus run on Sundays?"}, **HTMX)

    assert refused.status_code == 200  # htmx swaps 2xx answers only on this page
    assert summary_links(refused.content.decode(), "live-ask-result") == ["id_text"]
    assert "<html" not in refused.content.decode()
    assert sent.status_code == 200
    assert sent["HX-Trigger"] == "kezdesu-live-changed"
    html = sent.content.decode()
    assert 'id="live-ask-result" role="status"' in html
    assert "Thank you: your question is in the list of questions." in html
    assert 'name="text"' in html  # a new, empty form
    assert "Will the bus run on Sundays?" not in html
    assert Question.objects.filter(channel=Channel.LIVE_PAGE).count() == 1


def test_without_javascript_a_question_lands_on_its_answer(client, live_world):
    ask = url("live_ask", pk=live_world.visit.pk)

    refused = client.post(ask, {"text": ""})
    sent = client.post(ask, {"text": "Will the bus run on Sundays?"}, follow=True)

    assert refused.status_code == 400
    assert summary_links(refused.content.decode(), "live-ask-result") == ["id_text"]
    assert sent.redirect_chain[-1][0] == url("live", pk=live_world.visit.pk) + "#live-ask-result"
    assert 'id="live-ask-result" role="status"' in sent.content.decode()
