"""The public problem issues (issue 6): the list with its filters, each issue's page with its questions,
measures and history, following it by e-mail, and never a person's data."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.followup.domain.timeline import record_event
from kezdesu.followup.models import Follower, IssueEvent, Measure, ProblemIssue
from kezdesu.portal.views.issues import FOLLOWS_PER_HOUR
from kezdesu.questions.models import Question
from tests.factories.followup import build_followup_world, issue

pytestmark = pytest.mark.django_db

PERSONAL = ("Berik Secret", "berik@example.kz", "Aigerim Private", "+7 701 000 00 00")


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"portal:{name}", kwargs=kwargs)


def test_the_list_shows_public_issues_only(client):
    world = build_followup_world(publish=True)
    hidden = issue(world.visit, 3, title="Not published yet", competent_company="Company")
    page = client.get(_url("issue_list")).content.decode()
    assert "Road to the district hospital" in page
    assert "Gas in the village" in page
    assert hidden.title_en not in page
    assert client.get(_url("issue_detail", pk=hidden.pk)).status_code == 404


def test_the_list_filters_by_status_overdue_region_and_text(client):
    world = build_followup_world(publish=True)
    Measure.objects.filter(pk=world.company_measure.pk).update(deadline=datetime.date(2020, 1, 1))
    ProblemIssue.objects.filter(pk=world.road.pk).update(status=ProblemIssue.Status.SOLVED)

    def titles(**params):
        page = client.get(_url("issue_list"), params)
        return [issue.title_en for issue in page.context["page"].object_list]

    assert titles(status="overdue") == ["Gas in the village"]
    assert titles(status="solved") == ["Road to the district hospital"]
    assert titles(q="hospital") == ["Road to the district hospital"]
    assert titles(region=world.visit.region.kato) == ["Road to the district hospital", "Gas in the village"]
    assert titles(ministry=world.visit.organisation.code) == ["Road to the district hospital", "Gas in the village"]
    assert titles(year=world.visit.start_date.year, status="solved") == ["Road to the district hospital"]
    assert titles(year=1990, status="solved") == ["Road to the district hospital"]  # an unknown year is left out


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    world = build_followup_world(publish=True)
    ProblemIssue.objects.filter(pk=world.gas.pk).delete()
    for number in range(count - 1):
        issue(world.visit, 10 + number, title=f"Extra {number}", competent_company="Co", published_at=timezone.now())
    # the years, the choices of the filters (ministries, regions, sectors), the count and the page
    with django_assert_num_queries(6):
        page = client.get(_url("issue_list"))
    assert len(page.context["page"].object_list) == count


def test_the_issue_page_shows_everything_public_and_nothing_personal(client):
    world = build_followup_world(publish=True)
    hospital = world.live.questions[0]
    Question.objects.filter(pk=hospital.pk).update(
        status=Question.Status.PUBLISHED, published_text="When is the road repaired?"
    )
    Measure.objects.filter(pk=world.akimat_measure.pk).update(
        percent=40, evidence="https://akimat.example.kz/road\nnot a link"
    )
    record_event(issue=world.road, kind=IssueEvent.Kind.PUBLISHED)
    record_event(
        issue=world.road,
        kind=IssueEvent.Kind.MEASURE_ADDED,
        measure=world.akimat_measure,
        params={"text": {"kk": "Жол (kk)", "ru": "Дорога (ru)", "en": "Repair the road"}, "deadline": "2027-09-30"},
    )
    Follower.objects.create(issue=world.road, email="follower@example.kz", token="x", confirmed_at=timezone.now())

    page = client.get(_url("issue_detail", pk=world.road.pk)).content.decode()

    assert "When is the road repaired?" in page
    assert "Repair the road" in page
    assert "Fund the repair" in page
    assert "30.06.2027" in page
    assert "Deputy head" in page
    assert 'href="https://akimat.example.kz/road"' in page
    assert "Published in the visit&#x27;s results." in page
    assert "Measure planned: Repair the road (deadline 30.09.2027)." in page
    assert _url("visit_detail", pk=world.visit.pk) in page
    for secret in (*PERSONAL, "follower@example.kz"):
        assert secret not in page
    russian = client.get(_url("issue_detail", "ru", pk=world.road.pk)).content.decode()
    assert "Дорога (ru)" in russian


def test_following_from_the_page_sends_a_confirmation_and_keeps_what_was_typed_on_error(
    client, django_capture_on_commit_callbacks
):
    world = build_followup_world(publish=True)
    refused = client.post(_url("issue_follow", pk=world.road.pk), {"email": "me@example.kz"})
    assert refused.status_code == 400
    assert "Tick the consent to follow this issue." in refused.content.decode()
    assert 'value="me@example.kz"' in refused.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(_url("issue_follow", pk=world.road.pk), {"email": "me@example.kz", "consent": "on"})
    assert sent.status_code == 302
    follower = Follower.objects.get()
    assert (follower.confirmed_at, follower.language) == (None, "en")
    assert [message.to for message in mail.outbox] == [["me@example.kz"]]

    confirm = _url("issue_follow_confirm", token=follower.token)
    assert client.get(confirm).status_code == 200
    follower.refresh_from_db()
    assert follower.confirmed_at is None  # opening the link confirms nothing: a mail scanner may open it
    assert client.post(confirm).status_code == 302
    follower.refresh_from_db()
    assert follower.confirmed_at is not None

    assert client.post(_url("issue_unfollow", token=follower.token)).status_code == 302
    assert Follower.objects.count() == 0
    assert client.get(_url("issue_unfollow", token=follower.token)).status_code == 404


def test_follow_requests_are_limited_per_address(client):
    world = build_followup_world(publish=True)
    for _attempt in range(FOLLOWS_PER_HOUR):
        client.post(_url("issue_follow", pk=world.road.pk), {"email": "flood@example.kz", "consent": "on"})
    refused = client.post(_url("issue_follow", pk=world.road.pk), {"email": "FLOOD@example.kz", "consent": "on"})
    assert refused.status_code == 400
    assert "Too many requests for this e-mail address" in refused.content.decode()
