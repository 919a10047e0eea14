import html as html_lib
import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from kezdesu.meetings.domain.live_state import live_changed, live_etag, revision_key
from kezdesu.meetings.models import LiveMeeting, Visit
from kezdesu.questions.models import Channel, Question, QuestionVote
from tests.factories.live import ask, build_live_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_live_world()


def url(name, visit, language="en"):
    with translation.override(language):
        return reverse(f"portal:{name}", args=[visit.pk])


def updates(client, visit, language="en", etag=None):
    headers = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
    return client.get(url("live_updates", visit, language), **headers)


@pytest.mark.parametrize(
    ("language", "heading", "vote"),
    [
        ("en", "The question on screen", "Vote"),
        ("ru", "Вопрос на экране", "Голосовать"),
        ("kk", "Экрандағы сұрақ", "Дауыс беру"),
    ],
)
def test_the_live_page_shows_the_questions_in_each_language(client, world, language, heading, vote):
    response = client.get(url("live", world.visit, language))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert "When will the road to the district hospital be repaired?" in html
    assert html.count('name="question" value="') == 4
    assert f'hx-get="/{language}/visits/{world.visit.pk}/live/updates/"' in html
    if language == "en":  # the catalogues are the lead's; English is the source text
        assert heading in html
        assert vote in html


def test_the_page_refuses_a_draft_visit(client, world):
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.DRAFT)
    cache.clear()

    assert client.get(url("live", world.visit)).status_code == 404
    assert updates(client, world.visit).status_code == 404


def test_the_update_endpoint_answers_the_fragment_with_the_revision_as_etag(client, world):
    response = updates(client, world.visit)

    assert response.status_code == 200
    assert response["ETag"] == f'"live-{world.visit.pk}-0-en"'
    assert response["Cache-Control"] == "no-cache"
    html = response.content.decode()
    assert html.startswith('<div id="live-questions"')
    headers = html_lib.unescape(re.search(r'hx-headers="([^"]*)"', html).group(1))
    assert json.loads(headers) == {"If-None-Match": f'"live-{world.visit.pk}-0-en"'}
    assert "csrfmiddlewaretoken" not in html  # the same for every viewer: the page's form holds the token


def test_a_matching_etag_answers_304_without_a_query(client, world, django_assert_num_queries):
    etag = updates(client, world.visit)["ETag"]

    with django_assert_num_queries(0):
        response = updates(client, world.visit, etag=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "no-cache"


def test_the_etag_names_the_language(client, world):
    english = updates(client, world.visit)["ETag"]

    response = updates(client, world.visit, language="ru", etag=english)

    assert response.status_code == 200
    assert response["ETag"] == f'"live-{world.visit.pk}-0-ru"'


def test_a_change_gives_a_new_revision_and_a_200(client, world, django_capture_on_commit_callbacks):
    etag = updates(client, world.visit)["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        ask(world.visit, "Who will fix the bridge in Talgar?", channel=Channel.LIVE_PAGE)
        live_changed(visit_id=world.visit.pk)
    response = updates(client, world.visit, etag=etag)

    assert response.status_code == 200
    assert response["ETag"] == f'"live-{world.visit.pk}-1-en"'
    assert "Who will fix the bridge in Talgar?" in response.content.decode()


def test_the_revision_is_read_from_the_database_when_the_cache_forgot_it(client, world):
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(revision=7)
    cache.delete(revision_key(world.visit.pk))

    response = updates(client, world.visit, etag=live_etag(world.visit.pk, 7, "en"))

    assert response.status_code == 304


def test_the_statuses_of_the_questions_are_shown(client, world):
    road, gas, gym, kindergarten = world.questions
    Question.objects.filter(pk=road.pk).update(outcome=Question.Outcome.ANSWERED)
    Question.objects.filter(pk=gas.pk).update(outcome=Question.Outcome.IN_WRITING)
    Question.objects.filter(pk=gym.pk).update(
        outcome=Question.Outcome.FORWARDED, forwarded_to=world.visit_world.roles.akimat
    )
    Question.objects.filter(pk=kindergarten.pk).update(shortlisted_at=road.received_at)
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(current_question=kindergarten, stage="questions")

    html = client.get(url("live", world.visit)).content.decode()

    assert "Answered at the meeting" in html
    assert "To be answered in writing" in html
    assert f"Forwarded to {world.visit_world.roles.akimat.name_en}" in html
    assert "Chosen to be asked" in html
    assert "questions and answers" in html
    current = re.search(r'<p class="live-current__text">(.*?)</p>', html)
    assert current is not None
    assert current.group(1) == "How do I get a place in the kindergarten?"
    assert html.count('name="question" value="') == 1  # settled questions take no votes


def test_a_person_votes_once_for_a_question(client, world, django_capture_on_commit_callbacks):
    question = world.questions[1]

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url("live_vote", world.visit), {"question": question.pk})
        second = client.post(url("live_vote", world.visit), {"question": question.pk})

    assert first.status_code == second.status_code == 302
    assert first["Location"] == url("live", world.visit) + f"#q-{question.pk}"
    assert QuestionVote.objects.filter(question=question).count() == 1
    question.refresh_from_db()
    assert question.votes == 1
    page = client.get(url("live", world.visit)).content.decode()
    assert "You have already voted for this question: a vote counts once." in page
    assert LiveMeeting.objects.get(pk=world.meeting.pk).revision == 1


def test_another_browser_adds_a_second_vote(client, world, django_capture_on_commit_callbacks):
    from django.test import Client

    question = world.questions[0]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("live_vote", world.visit), {"question": question.pk})
        Client().post(url("live_vote", world.visit), {"question": question.pk})

    question.refresh_from_db()
    assert question.votes == 2


def test_a_hidden_question_takes_no_vote(client, world):
    hidden = ask(world.visit, "Buy cheap watches here", status=Question.Status.HIDDEN, hidden_reason="spam")

    client.post(url("live_vote", world.visit), {"question": hidden.pk})

    assert QuestionVote.objects.count() == 0
    assert "Only published questions can be voted for." in client.get(url("live", world.visit)).content.decode()


def test_a_question_sent_from_the_page_joins_the_list(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("live_ask", world.visit), {"text": "When will the new clinic open in Esik?"})

    assert response.status_code == 302
    question = Question.objects.get(channel=Channel.LIVE_PAGE)
    assert question.text == "When will the new clinic open in Esik?"
    assert question.status == Question.Status.PUBLISHED
    html = client.get(url("live", world.visit)).content.decode()
    assert "Thank you: your question is in the list of questions." in html
    assert "When will the new clinic open in Esik?" in html


def test_a_question_with_errors_is_shown_again_with_what_was_typed(client, world):
    response = client.post(url("live_ask", world.visit), {"text": "", "author_name": "Aigerim"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Write your question." in html
    assert 'value="Aigerim"' in html
    assert Question.objects.filter(channel=Channel.LIVE_PAGE).count() == 0


def test_no_personal_data_reaches_the_page(client, world):
    ask(
        world.visit,
        "Where is the new school going to be built?",
        author_name="Aigerim Sultanova",
        contact="+7 701 123 4567",
        consent=True,
    )

    html = client.get(url("live", world.visit)).content.decode()
    fragment = updates(client, world.visit).content.decode()

    assert "Where is the new school going to be built?" in html
    for personal in ("Aigerim Sultanova", "+7 701 123 4567"):
        assert personal not in html
        assert personal not in fragment


def test_without_javascript_the_page_has_a_refresh_link_and_plain_forms(client, world):
    html = client.get(url("live", world.visit)).content.decode()

    assert f'<a href="{url("live", world.visit)}#questions">Refresh the questions</a>' in html
    assert f'<form method="post" action="{url("live_vote", world.visit)}"' in html
    assert f'<form method="post" action="{url("live_ask", world.visit)}#live-ask-result"' in html
    assert "<noscript><style>.live-auto { display: none; }</style></noscript>" in html
    assert 'http-equiv="refresh"' not in html  # no forced reloads (WCAG 2.2.1)


def test_the_vote_buttons_submit_the_pages_form_with_the_viewers_csrf_token(client, world):
    html = client.get(url("live", world.visit)).content.decode()

    form = html.index(f'<form method="post" action="{url("live_vote", world.visit)}" class="live-vote-form"')
    token = html.index('name="csrfmiddlewaretoken"', form)
    fragment = html.index('<div id="live-questions"', form)
    end = html.index("</form>", fragment)
    assert form < token < fragment < html.index('name="question" value="', fragment) < end


def test_the_meeting_page_links_to_the_live_page_while_the_meeting_is_on(client, world):
    with translation.override("en"):
        html = client.get(reverse("portal:visit_detail", args=[world.visit.pk])).content.decode()

    assert f'<a class="button" href="{url("live", world.visit)}">Follow the questions live, ask and vote</a>' in html


def test_while_one_poll_builds_a_new_revision_the_others_get_the_one_before(
    client, world, django_capture_on_commit_callbacks
):
    old_etag = updates(client, world.visit)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        ask(world.visit, "Who will fix the bridge in Talgar?")
        live_changed(visit_id=world.visit.pk)
    cache.add(f"live:fragment-building:{world.visit.pk}:1:en", 1)  # another request is building revision 1

    waiting = updates(client, world.visit, etag=old_etag)
    newcomer = updates(client, world.visit)
    cache.delete(f"live:fragment-building:{world.visit.pk}:1:en")
    built = updates(client, world.visit, etag=old_etag)

    assert waiting.status_code == 304
    assert waiting["ETag"] == old_etag
    assert newcomer.status_code == 200
    assert newcomer["ETag"] == old_etag
    assert "Who will fix the bridge in Talgar?" not in newcomer.content.decode()
    assert built["ETag"] == f'"live-{world.visit.pk}-1-en"'
    assert "Who will fix the bridge in Talgar?" in built.content.decode()
