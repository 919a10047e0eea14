"""Citizens following a problem issue by e-mail (issue 6, point 5): askers enrolled when the issue is public,
double opt-in for others, unsubscribe deletes the address, followers hear of each event in their language."""

import pytest
from django.core import mail
from django.utils import timezone, translation

from kezdesu.core.errors import DomainError
from kezdesu.core.models import AuditLog
from kezdesu.followup.domain.followers import confirm_follow, enrol_askers, follow_issue, notify_followers, unfollow
from kezdesu.followup.domain.timeline import record_event
from kezdesu.followup.models import Follower, IssueEvent, ProblemIssue
from kezdesu.questions.domain.intake import submit_question
from tests.factories.followup import build_followup_world
from tests.factories.meetings import build_visit_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def _asker_wants_updates(question, *, contact="Asker@Example.kz", consent=True, language="ru"):
    question.contact, question.consent, question.wants_updates, question.language = contact, consent, True, language
    question.save(update_fields=["contact", "consent", "wants_updates", "language"])


def test_enrol_askers_subscribes_askers_who_asked_for_updates_once(django_capture_on_commit_callbacks):
    world = build_followup_world(publish=True)
    hospital, _gas, _school, kindergarten = world.live.questions
    _asker_wants_updates(hospital)
    _asker_wants_updates(kindergarten, contact="+7 701 000 00 00")  # a phone: cannot be e-mailed

    with django_capture_on_commit_callbacks(execute=True):
        assert enrol_askers(world.road) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert enrol_askers(world.road) == 0

    follower = Follower.objects.get()
    assert (follower.email, follower.language, follower.question, follower.issue) == (
        "asker@example.kz",
        "ru",
        hospital,
        world.road,
    )
    assert follower.confirmed_at is not None
    assert len(follower.token) >= 40
    assert [message.to for message in mail.outbox] == [["asker@example.kz"]]
    assert f"/ru/issues/follow/{follower.token}/stop/" in mail.outbox[0].body
    assert "asker@example.kz" not in str(AuditLog.objects.filter(action="followup.follower_enrolled").values())


def test_enrol_askers_skips_those_without_consent_and_unpublished_issues():
    world = build_followup_world(publish=False)
    hospital = world.live.questions[0]
    _asker_wants_updates(hospital)
    assert enrol_askers(world.road) == 0
    ProblemIssue.objects.filter(pk=world.road.pk).update(published_at=timezone.now())
    world.road.refresh_from_db()
    _asker_wants_updates(hospital, consent=False)
    assert enrol_askers(world.road) == 0
    assert Follower.objects.count() == 0


def test_follow_issue_needs_consent_and_a_public_issue():
    world = build_followup_world(publish=False)
    with pytest.raises(DomainError) as refused:
        follow_issue(issue=world.road, email="a@example.kz", language="en", consent=True)
    assert refused.value.code == "not_public"
    ProblemIssue.objects.filter(pk=world.road.pk).update(published_at=timezone.now())
    world.road.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        follow_issue(issue=world.road, email="a@example.kz", language="en", consent=False)
    assert refused.value.code == "consent"
    with pytest.raises(DomainError) as refused:
        follow_issue(issue=world.road, email="not an address", language="en", consent=True)
    assert refused.value.code == "email"
    assert Follower.objects.count() == 0


def test_double_opt_in_then_unfollow_deletes_the_address(django_capture_on_commit_callbacks):
    world = build_followup_world(publish=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = follow_issue(issue=world.road, email="Reader@Example.kz", language="kk", consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        again = follow_issue(issue=world.road, email="reader@example.kz", language="en", consent=True)
    assert again.pk == first.pk
    assert again.token != first.token
    assert again.confirmed_at is None
    assert [message.to for message in mail.outbox] == [["reader@example.kz"], ["reader@example.kz"]]
    assert f"/en/issues/follow/{again.token}/confirm/" in mail.outbox[1].body

    with pytest.raises(DomainError):
        confirm_follow(token=first.token)
    assert confirm_follow(token=again.token).confirmed_at is not None

    assert unfollow(token=again.token) == world.road
    assert Follower.objects.count() == 0
    audit = AuditLog.objects.filter(action__startswith="followup.follow").values_list("new_values", "target_label")
    assert "reader@example.kz" not in str(list(audit))


def test_notify_followers_writes_to_confirmed_followers_in_their_language(django_capture_on_commit_callbacks):
    world = build_followup_world(publish=True)
    now = timezone.now()
    Follower.objects.create(issue=world.road, email="kk@example.kz", language="kk", token="t1", confirmed_at=now)
    Follower.objects.create(issue=world.road, email="en@example.kz", language="en", token="t2", confirmed_at=now)
    Follower.objects.create(issue=world.road, email="later@example.kz", language="en", token="t3")
    Follower.objects.create(issue=world.gas, email="gas@example.kz", language="en", token="t4", confirmed_at=now)

    with django_capture_on_commit_callbacks(execute=True):  # the task runs eagerly once the event commits
        event = record_event(
            issue=world.road,
            kind=IssueEvent.Kind.STATUS,
            params={"status": "solved", "note": {"kk": "Жөнделді", "ru": "Отремонтирована", "en": "Repaired"}},
        )

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["en@example.kz", "kk@example.kz"]
    english = by_address["en@example.kz"]
    assert english.subject == "News of the problem issue “Road to the district hospital”"
    assert "Status changed to “solved”. Repaired" in english.body
    assert f"/en/issues/{world.road.pk}/" in english.body
    assert "/en/issues/follow/t2/stop/" in english.body
    assert "Жөнделді" in by_address["kk@example.kz"].body
    assert "/kk/issues/follow/t1/stop/" in by_address["kk@example.kz"].body
    assert english.alternatives[0][1] == "text/html"
    assert notify_followers(event_id=event.pk) == 2


def test_asking_for_updates_needs_an_email_and_consent():
    visit = build_visit_world().visit
    text = "When will the road to the district hospital be repaired?"
    with pytest.raises(DomainError) as refused:
        submit_question(
            visit=visit, text=text, topic=None, contact="+7 701 000 00 00", consent=True, wants_updates=True
        )
    assert (
        str(refused.value.message) == "To hear what becomes of your question, give your e-mail address as the contact."
    )
    with pytest.raises(DomainError) as refused:
        submit_question(visit=visit, text=text, topic=None, contact="me@example.kz", wants_updates=True)
    assert refused.value.code == "consent"  # the contact itself needs the consent first
    question = submit_question(
        visit=visit, text=text, topic=None, contact="me@example.kz", consent=True, wants_updates=True
    )
    assert question.wants_updates is True
