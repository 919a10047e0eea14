"""The moderators' live console of a meeting: who opens it, filters, plain forms, refusals, polling."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kezdesu.meetings.models import LiveMeeting, Visit
from kezdesu.planning.domain.queries.schedule import akimat_of_region
from kezdesu.questions.domain.live_moderation import shortlist_question
from kezdesu.questions.models import Channel, Question
from tests.factories.live import ask, build_live_world
from tests.factories.organisations import PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_live_world()


def url(world, name="office:live_console", **extra):
    return reverse(name, kwargs={"pk": world.visit.pk, **extra})


def signed_in(client, world, role="ministry_editor"):
    client.force_login(world.user(role))
    return client


def shown(response):
    return [question.pk for question in response.context["questions"]]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("ministry_editor", 200),
        ("ministry_approver", 200),
        ("akimat_editor", 200),
        ("akimat_approver", 200),
        ("coordinator", 200),
        ("ministry_viewer", 404),
        ("akimat_viewer", 404),
        ("no_role", 403),
    ],
)
def test_the_console_opens_for_moderators_only(client, world, role, expected):
    assert signed_in(client, world, role).get(url(world)).status_code == expected


def test_the_console_sends_anonymous_visitors_to_sign_in(client, world):
    assert client.get(url(world)).status_code == 302


def test_the_visit_tabs_link_to_the_console(client, world):
    page = signed_in(client, world).get(reverse("office:visit_detail", args=[world.visit.pk])).content.decode()
    assert f'href="{url(world)}"' in page


def test_the_stream_is_newest_first_or_most_voted_first(client, world):
    Question.objects.filter(pk=world.questions[1].pk).update(votes=9)
    client = signed_in(client, world)
    assert shown(client.get(url(world))) == [q.pk for q in reversed(world.questions)]
    assert shown(client.get(url(world), {"order": "votes"}))[0] == world.questions[1].pk


def test_the_stream_filters(client, world):
    client = signed_in(client, world)
    shortlist_question(actor=world.user("ministry_editor"), question=world.questions[2], revision=0)
    waiting = ask(world.visit, "A question from the live page here", channel=Channel.LIVE_PAGE, status="received")
    Question.objects.filter(pk=world.questions[0].pk).update(outcome="answered")
    assert shown(client.get(url(world), {"channel": "hall"})) == [world.questions[3].pk]
    assert shown(client.get(url(world), {"status": "received"})) == [waiting.pk]
    assert shown(client.get(url(world), {"shortlisted": "yes"})) == [world.questions[2].pk]
    assert shown(client.get(url(world), {"outcome": "answered"})) == [world.questions[0].pk]
    assert world.questions[0].pk not in shown(client.get(url(world), {"outcome": "none"}))
    assert shown(client.get(url(world), {"q": "GAS"})) == [world.questions[1].pk]


def test_duplicates_show_once_with_the_number_who_asked(client, world):
    from kezdesu.questions.domain.live_moderation import merge_live_questions

    merge_live_questions(actor=world.user("ministry_editor"), visit=world.visit, questions=world.questions[:2])
    response = signed_in(client, world).get(url(world))
    assert len(shown(response)) == 3
    assert "asked by 2 people" in response.content.decode()


def test_merging_from_the_console(client, world):
    response = signed_in(client, world).post(
        url(world, "office:live_console_merge"), {"question": [world.questions[0].pk, world.questions[2].pk]}
    )
    assert response.status_code == 302
    assert (
        Question.objects.get(pk=world.questions[0].pk).group_id
        == Question.objects.get(pk=world.questions[2].pk).group_id
    )


def act(client, world, question, **data):
    return client.post(url(world, "office:live_console_act", question_pk=question.pk), data)


def test_plain_forms_shortlist_put_on_screen_and_record_an_outcome(client, world):
    client = signed_in(client, world)
    question = world.questions[0]
    assert act(client, world, question, action="shortlist", revision=0).status_code == 302
    assert act(client, world, question, action="screen", revision=1).status_code == 302
    assert LiveMeeting.objects.get(pk=world.meeting.pk).current_question_id == question.pk
    akimat = akimat_of_region(world.visit.region)
    response = act(
        client, world, question, action="outcome", revision=1, outcome="forwarded", forwarded_to=akimat.pk, note="Roads"
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.outcome, question.forwarded_to, question.outcome_note, question.revision) == (
        "forwarded",
        akimat,
        "Roads",
        2,
    )


def test_hiding_without_a_reason_shows_the_refusal_on_the_question(client, world):
    response = act(signed_in(client, world), world, world.questions[0], action="hide", revision=0, note="typed")
    assert response.status_code == 400
    assert response.context["refused_pk"] == world.questions[0].pk
    assert "Choose why the question is hidden." in response.content.decode()
    assert 'value="typed"' in response.content.decode()


def test_a_stale_form_is_refused_naming_who_changed_the_question(client, world):
    question = world.questions[0]
    other = world.user("akimat_editor")
    shortlist_question(actor=other, question=question, revision=0)
    response = act(signed_in(client, world), world, question, action="outcome", outcome="answered", revision=0)
    assert response.status_code == 409
    who = other.get_full_name() or other.get_username()
    assert f"Another moderator ({who}) has just shortlisted this question" in response.content.decode()
    question.refresh_from_db()
    assert question.outcome == ""


def test_a_question_of_another_visit_is_not_found(client, world):
    roles = world.visit_world.roles
    elsewhere = Visit.objects.create(
        organisation=roles.other_ministry,
        position=PositionFactory(organisation=roles.other_ministry),
        region=roles.other_akimat.region,
        start_date=world.visit.start_date,
        end_date=world.visit.end_date,
        status=Visit.Status.PUBLISHED,
    )
    response = act(
        signed_in(client, world), world, ask(elsewhere, "A question elsewhere"), action="shortlist", revision=0
    )
    assert response.status_code == 404


def test_staff_type_a_hall_question(client, world):
    response = signed_in(client, world, "akimat_editor").post(
        url(world, "office:live_console_hall"), {"text": "Will the park near the school be finished?"}
    )
    assert response.status_code == 302
    question = Question.objects.get(text="Will the park near the school be finished?")
    assert (question.channel, question.status) == (Channel.HALL, Question.Status.PUBLISHED)


def test_a_refused_hall_question_keeps_what_was_typed(client, world):
    response = signed_in(client, world).post(
        url(world, "office:live_console_hall"), {"text": "Short", "author_name": "Ali"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The question is too short" in page
    assert ">Short</textarea>" in page
    assert 'value="Ali"' in page


def test_uploading_a_comment_file(client, world):
    content = json.dumps({"data": [{"id": "9", "message": "When will the district get a new bus route?"}]}).encode()
    response = signed_in(client, world).post(
        url(world, "office:live_console_import"),
        {"platform": "facebook", "file": SimpleUploadedFile("comments.json", content, "application/json")},
    )
    assert response.status_code == 302
    assert Question.objects.get(channel=Channel.BROADCAST).external_id == "facebook:9"


def test_an_unchanged_stream_answers_304_and_a_change_a_new_page(client, world):
    client = signed_in(client, world)
    first = client.get(url(world), {"part": "stream"})
    etag = first["ETag"]
    assert first.status_code == 200
    assert 'id="live-stream"' in first.content.decode()
    assert "<html" not in first.content.decode()
    assert client.get(url(world), {"part": "stream"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Question.objects.filter(pk=world.questions[0].pk).update(votes=3)
    assert client.get(url(world), {"part": "stream"}, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_page_works_without_javascript(client, world):
    page = signed_in(client, world).get(url(world)).content.decode()
    assert f'action="{url(world, "office:live_console_act", question_pk=world.questions[0].pk)}"' in page
    assert 'name="revision" value="0"' in page
    assert "Refresh now" in page
    assert 'hx-trigger="every 5s' in page


def test_the_console_queries_stay_flat(client, world):
    client = signed_in(client, world)
    Question.objects.filter(pk__in=[q.pk for q in world.questions[1:]]).delete()
    client.get(url(world))
    with CaptureQueriesContext(connection) as one:
        client.get(url(world))
    for number in range(2):
        ask(world.visit, f"Another question number {number} here", channel=Channel.HALL)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url(world))
    assert len(shown(response)) == 3
    assert len(three) == len(one)


def test_merged_duplicates_count_everyones_votes(client, world):
    from kezdesu.questions.domain.live_moderation import merge_live_questions

    Question.objects.filter(pk=world.questions[0].pk).update(votes=2)
    Question.objects.filter(pk=world.questions[1].pk).update(votes=5)
    Question.objects.filter(pk=world.questions[2].pk).update(votes=6)
    merge_live_questions(actor=world.user("ministry_editor"), visit=world.visit, questions=world.questions[:2])
    response = signed_in(client, world).get(url(world), {"order": "votes"})
    assert shown(response)[:2] == [world.questions[0].pk, world.questions[2].pk]
    assert response.context["questions"][0].group_votes == 7


def test_a_flagged_question_shows_what_the_checks_found_and_publishes_the_cleaned_text(client, world):
    flagged = ask(world.visit, "Call me on +7 701 123 45 67 about the bus", channel=Channel.HALL, status="received")
    client = signed_in(client, world)
    page = client.get(url(world)).content.decode()
    assert "The text contains a phone number." in page
    assert "Call me on [personal data removed] about the bus</textarea>" in page
    response = act(client, world, flagged, action="publish", revision=0, published_text="Call me about the bus")
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert (flagged.status, flagged.published_text, flagged.text) == (
        "published",
        "Call me about the bus",
        "Call me on +7 701 123 45 67 about the bus",
    )
