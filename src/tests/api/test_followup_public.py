"""The public API of the follow-up (issue 6, S6): published issues only, translated fields per language,
measures, history and accountability, read-only for anyone, and never personal data."""

import datetime
import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kezdesu.followup.domain.timeline import record_event
from kezdesu.followup.models import Follower, IssueEvent, Measure, MeasureStatus, ProblemIssue
from kezdesu.questions.models import Question
from tests.factories.followup import build_followup_world, issue, measure

pytestmark = pytest.mark.django_db

PERSONAL = ("Berik Secret", "berik@example.kz", "Aigerim Private", "+7 701 000 00 00", "follower@example.kz")


@pytest.fixture
def world():
    world = build_followup_world(publish=True)
    Question.objects.filter(pk=world.live.questions[0].pk).update(status=Question.Status.PUBLISHED)
    Follower.objects.create(issue=world.road, email="follower@example.kz", token="x", confirmed_at=timezone.now())
    record_event(issue=world.road, kind=IssueEvent.Kind.PUBLISHED)
    return world


def _client():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def test_the_list_is_public_and_holds_published_issues_only(world):
    issue(world.visit, 3, title="Not published", competent_company="Co")
    response = _client().get("/api/v1/problem-issues/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["title_en"] for row in rows] == ["Road to the district hospital", "Gas in the village"]
    road = rows[0]
    assert (road["title_kk"], road["title_ru"], road["title"]) == (
        "Road to the district hospital (kk)",
        "Road to the district hospital (ru)",
        "Road to the district hospital",
    )
    assert road["ministry"]["code"] == world.visit.organisation.code
    assert road["overdue"] is False


def test_the_list_filters_like_the_portal(world):
    Measure.objects.filter(pk=world.company_measure.pk).update(deadline=datetime.date(2020, 1, 1))
    rows = _client().get("/api/v1/problem-issues/", {"status": "overdue"}).json()["results"]
    assert [row["id"] for row in rows] == [world.gas.pk]
    rows = _client().get("/api/v1/problem-issues/", {"q": "hospital"}).json()["results"]
    assert [row["id"] for row in rows] == [world.road.pk]


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_query_count_does_not_grow(world, django_assert_num_queries, count):
    ProblemIssue.objects.filter(pk=world.gas.pk).delete()
    for number in range(count - 1):
        issue(world.visit, 10 + number, title=f"Extra {number}", competent_company="Co", published_at=timezone.now())
    client = _client()
    with django_assert_num_queries(3):  # the years of the filter, the count, the page
        response = client.get("/api/v1/problem-issues/")
    assert response.json()["count"] == count


def test_an_issue_comes_with_its_measures_questions_and_history_without_personal_data(world):
    response = _client().get(f"/api/v1/problem-issues/{world.road.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert [m["text_en"] for m in data["measures"]] == ["Repair the road", "Fund the repair"]
    assert data["measures"][0]["executor_position_ru"] == "Заместитель руководителя"
    assert data["questions"] == [world.live.questions[0].text]
    assert [(e["kind"], e["text"]) for e in data["timeline"]] == [("published", "Published in the visit's results.")]
    for secret in PERSONAL:
        assert secret not in json.dumps(data, ensure_ascii=False)
    hidden = issue(world.visit, 3, title="Not published", competent_company="Co")
    assert _client().get(f"/api/v1/problem-issues/{hidden.pk}/").status_code == 404


def test_measures_are_public_with_their_state(world):
    Measure.objects.filter(pk=world.akimat_measure.pk).update(
        status=MeasureStatus.DONE, percent=100, evidence="https://example.kz/done"
    )
    unpublished = issue(world.visit, 3, title="Not published", competent_company="Co")
    hidden_measure = measure(unpublished, "Hidden", deadline=datetime.date(2027, 1, 1), executor_company="Co")
    rows = _client().get("/api/v1/measures/").json()["results"]
    assert sorted(row["id"] for row in rows) == sorted(
        [world.akimat_measure.pk, world.other_ministry_measure.pk, world.company_measure.pk]
    )
    done = _client().get(f"/api/v1/measures/{world.akimat_measure.pk}/").json()
    assert (done["status"], done["percent"], done["evidence_links"]) == ("done", 100, ["https://example.kz/done"])
    assert _client().get(f"/api/v1/measures/{hidden_measure.pk}/").status_code == 404


def test_accountability_counts_per_ministry_and_region(world):
    ProblemIssue.objects.filter(pk=world.road.pk).update(status=ProblemIssue.Status.SOLVED)
    data = _client().get("/api/v1/accountability/").json()
    assert data["total"] == {
        "raised": 2,
        "solved": 1,
        "in_progress": 0,
        "overdue": 0,
        "open": 1,
        "measures": 3,
        "measures_done_on_time": 0,
    }
    assert [row["ministry"]["code"] for row in data["by_ministry"]] == [world.visit.organisation.code]
    assert [row["region"] for row in data["by_region"]] == [world.visit.region.kato]


def test_writes_are_refused(world):
    assert _client().post("/api/v1/problem-issues/", {}).status_code == 405
    assert _client().delete(f"/api/v1/measures/{world.akimat_measure.pk}/").status_code == 405
