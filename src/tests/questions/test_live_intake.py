"""Questions reaching the meeting's stream while it happens: the hall, the live page, the broadcast webhook."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import LiveMeeting, OfficialAccount, Platform, Visit
from kezdesu.questions.domain.live_intake import (
    enter_hall_question,
    live_questions_open,
    receive_broadcast_comment,
    submit_live_question,
)
from kezdesu.questions.interfaces.broadcast_webhook import signature_of
from kezdesu.questions.models import Channel, Question
from tests.factories.live import build_live_world

pytestmark = pytest.mark.django_db

SECRET = "s3cret-shared-with-the-integration"


@pytest.fixture
def world():
    cache.clear()
    return build_live_world()


@pytest.fixture
def account(world):
    account = OfficialAccount.objects.get(organisation=world.visit.organisation, platform=Platform.YOUTUBE)
    account.webhook_secret = SECRET
    account.save(update_fields=["webhook_secret"])
    return account


def test_a_hall_question_typed_by_staff_keeps_its_channel_and_is_published_at_once(world):
    question = enter_hall_question(
        actor=world.user("ministry_editor"), visit=world.visit, text="When will the bridge over the river be rebuilt?"
    )
    assert (question.channel, question.status) == (Channel.HALL, Question.Status.PUBLISHED)
    assert question.published_text == "When will the bridge over the river be rebuilt?"
    assert AuditLog.objects.filter(action="questions.live_received", target_id=str(question.pk)).count() == 1


def test_a_flagged_hall_question_waits_for_a_moderator(world):
    question = enter_hall_question(
        actor=world.user("akimat_editor"), visit=world.visit, text="Call me back on +7 701 123 45 67 about the road"
    )
    assert (question.status, question.published_text) == (Question.Status.RECEIVED, "")


def test_only_staff_of_the_meeting_may_type_hall_questions(world):
    with pytest.raises(NotPermitted):
        enter_hall_question(actor=world.user("akimat_viewer"), visit=world.visit, text="A question from the hall here")


def test_a_live_page_question_is_published_at_once_when_the_checks_find_nothing(world):
    question = submit_live_question(visit=world.visit, text="Will the village get clean drinking water this year?")
    assert (question.channel, question.status) == (Channel.LIVE_PAGE, Question.Status.PUBLISHED)
    assert question.author_name == ""


def test_abuse_on_the_live_page_waits_for_a_moderator(world):
    question = submit_live_question(visit=world.visit, text="Visit our shop, big discount, buy now at www.shop.kz")
    assert question.status == Question.Status.RECEIVED


def test_a_name_on_the_live_page_needs_consent(world):
    with pytest.raises(DomainError) as refused:
        submit_live_question(visit=world.visit, text="Why is the clinic closed on Saturdays?", author_name="Aigul")
    assert refused.value.code == "consent"
    question = submit_live_question(
        visit=world.visit, text="Why is the clinic closed on Saturdays?", author_name="Aigul", consent=True
    )
    assert (question.author_name, question.consent) == ("Aigul", True)


def test_the_live_page_limits_questions_per_network(world, settings):
    settings.KEZDESU_LIVE_QUESTIONS_PER_MINUTE = 2
    for number in range(2):
        submit_live_question(visit=world.visit, text=f"Question number {number} about the roads", network_key="n1")
    with pytest.raises(DomainError) as refused:
        submit_live_question(visit=world.visit, text="Question number 3 about the roads", network_key="n1")
    assert refused.value.code == "too_many"
    submit_live_question(visit=world.visit, text="Question from another network here", network_key="n2")


def test_the_live_page_takes_no_questions_once_the_meeting_is_closed(world):
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(stage=LiveMeeting.Stage.CLOSED)
    assert live_questions_open(world.visit) is False
    with pytest.raises(DomainError) as refused:
        submit_live_question(visit=world.visit, text="Is anyone still reading the questions?")
    assert refused.value.code == "questions_closed"


def test_the_live_page_opens_an_hour_before_the_meeting(world):
    part = world.meeting.part
    assert live_questions_open(world.visit, now=part.starts_at - datetime.timedelta(minutes=59)) is True
    assert live_questions_open(world.visit, now=part.starts_at - datetime.timedelta(minutes=61)) is False


def test_a_broadcast_comment_keeps_its_platform_and_id_and_is_added_once(world, account):
    published_at = timezone.now() - datetime.timedelta(minutes=3)
    first, created = receive_broadcast_comment(
        account=account,
        visit=world.visit,
        comment_id="Ugx1",
        text="Please say something about the school buses",
        author="Viewer",
        published_at=published_at,
    )
    again, created_again = receive_broadcast_comment(
        account=account, visit=world.visit, comment_id="Ugx1", text="Please say something about the school buses"
    )
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert (first.channel, first.external_id, first.received_at) == (Channel.BROADCAST, "youtube:Ugx1", published_at)


def test_a_comment_for_another_ministrys_visit_is_refused(world, account):
    world.visit.organisation = world.visit_world.roles.other_ministry
    with pytest.raises(NotPermitted):
        receive_broadcast_comment(account=account, visit=world.visit, comment_id="1", text="A comment about anything")


# The webhook


def deliver(world, account, payload, *, secret=SECRET, headers=None, raw=None):
    body = raw if raw is not None else json.dumps(payload).encode("utf-8")
    sent = {
        "HTTP_X_KEZDESU_ACCOUNT": str(account.pk),
        "HTTP_X_KEZDESU_SIGNATURE": signature_of(secret, body),
    }
    sent.update(headers or {})
    return APIClient().post(
        reverse("api:live-broadcast-comments", args=[world.visit.pk]), body, content_type="application/json", **sent
    )


COMMENT = {"id": "Ugz42", "text": "When will the new hospital open in our district?", "author": "Marat"}


def test_a_signed_comment_is_added_and_published(world, account):
    response = deliver(world, account, COMMENT)
    assert response.status_code == 201
    question = Question.objects.get(pk=response.json()["question"])
    assert response.json() == {"question": question.pk, "status": "published", "created": True}
    assert (question.channel, question.external_id, question.author_name) == ("broadcast", "youtube:Ugz42", "Marat")


def test_the_same_comment_delivered_again_is_already_there(world, account):
    first = deliver(world, account, COMMENT)
    again = deliver(world, account, COMMENT)
    assert (again.status_code, again.json()["created"], again.json()["question"]) == (
        200,
        False,
        first.json()["question"],
    )
    assert Question.objects.filter(channel=Channel.BROADCAST).count() == 1


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({"HTTP_X_KEZDESU_SIGNATURE": ""}, 401, "unsigned"),
        ({"HTTP_X_KEZDESU_SIGNATURE": "sha256=" + "0" * 64}, 401, "bad_signature"),
        ({"HTTP_X_KEZDESU_ACCOUNT": ""}, 401, "no_account"),
        ({"HTTP_X_KEZDESU_ACCOUNT": "999999"}, 403, "unknown_account"),
    ],
)
def test_a_call_that_is_not_rightly_signed_is_refused_and_saves_nothing(world, account, headers, status, code):
    before = Question.objects.count()
    response = deliver(world, account, COMMENT, headers=headers)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert response.json()["detail"]
    assert Question.objects.count() == before


def test_a_call_signed_with_another_secret_is_refused(world, account):
    response = deliver(world, account, COMMENT, secret="not-the-secret")
    assert (response.status_code, response.json()["code"]) == (401, "bad_signature")


def test_an_account_of_another_ministry_is_refused(world, account):
    foreign = OfficialAccount.objects.create(
        organisation=world.visit_world.roles.other_ministry,
        platform=Platform.YOUTUBE,
        url="https://www.youtube.com/@ministry-b",
        webhook_secret=SECRET,
    )
    response = deliver(world, foreign, COMMENT)
    assert (response.status_code, response.json()["code"]) == (403, "unknown_account")


def test_an_account_without_a_secret_is_refused(world, account):
    OfficialAccount.objects.filter(pk=account.pk).update(webhook_secret="")
    response = deliver(world, account, COMMENT, secret="")
    assert (response.status_code, response.json()["code"]) == (403, "no_secret")


@pytest.mark.parametrize(
    ("raw", "status", "code"),
    [
        (b"{not json", 400, "malformed"),
        (b"[1, 2]", 400, "malformed"),
        (json.dumps({"id": "1"}).encode(), 400, "missing_fields"),
        (json.dumps({"text": "A comment without its id here"}).encode(), 400, "missing_fields"),
        (
            json.dumps({"id": "1", "text": "A comment with a bad date", "published_at": "yesterday"}).encode(),
            400,
            "malformed",
        ),
        (json.dumps({"id": "1", "text": "x" * 17000}).encode(), 413, "too_large"),
    ],
)
def test_a_malformed_or_oversized_body_is_refused_and_saves_nothing(world, account, raw, status, code):
    response = deliver(world, account, None, raw=raw)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert Question.objects.filter(channel=Channel.BROADCAST).count() == 0


def test_a_too_short_comment_is_refused_with_the_reason(world, account):
    response = deliver(world, account, {"id": "short", "text": "Hi!"})
    assert (response.status_code, response.json()["code"]) == (400, "text")


def test_the_webhook_needs_no_session_or_csrf(world, account):
    client = APIClient(enforce_csrf_checks=True)
    body = json.dumps(COMMENT).encode()
    response = client.post(
        reverse("api:live-broadcast-comments", args=[world.visit.pk]),
        body,
        content_type="application/json",
        HTTP_X_KEZDESU_ACCOUNT=str(account.pk),
        HTTP_X_KEZDESU_SIGNATURE=signature_of(SECRET, body),
    )
    assert response.status_code == 201


def test_a_comment_for_a_draft_visit_is_refused(world, account):
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.DRAFT)
    response = deliver(world, account, COMMENT)
    assert (response.status_code, response.json()["code"]) == (400, "not_published")
    assert Question.objects.filter(channel=Channel.BROADCAST).count() == 0
