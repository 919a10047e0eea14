"""The staff API of a visit's problem issues: every role on each endpoint, then the behaviour."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kezdesu.followup.models import IssueQuestion, ProblemIssue
from kezdesu.meetings.models import Visit
from kezdesu.questions.models import Channel, Question
from tests.api.visit_roles import MODERATORS, ROLES
from tests.factories.followup import build_followup_world, issue
from tests.factories.live import ask
from tests.factories.organisations import PositionFactory

pytestmark = pytest.mark.django_db

READERS = {**MODERATORS, "ministry_viewer": 200, "akimat_viewer": 200, "apparatus_oversight": 200}
CREATED = {role: 201 if code == 200 else code for role, code in MODERATORS.items()}


@pytest.fixture
def world():
    return build_followup_world()


def client_for(world, role: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    user = world.user(role)
    if user is not None:
        client.force_authenticate(user)
    return client


def endpoint(name: str, visit_id: int, **kwargs: int) -> str:
    return reverse(f"api:visit-{name}", kwargs={"visit_id": visit_id, **kwargs})


def other_visit(world) -> Visit:
    return Visit.objects.create(
        organisation=world.roles.other_ministry,
        position=PositionFactory(organisation=world.roles.other_ministry),
        region=world.roles.other_akimat.region,
        start_date=datetime.date(2027, 3, 10),
        end_date=datetime.date(2027, 3, 10),
        status=Visit.Status.PUBLISHED,
    )


def _school(world) -> Question:
    return world.live.questions[2]


CASES = {
    "list": ("get", "issues", None, lambda w: {}, READERS),
    "create": (
        "post",
        "issues",
        None,
        lambda w: {"questions": [_school(w).pk], "title_kk": "a", "title_ru": "b", "competent_company": "X"},
        CREATED,
    ),
    "detail": ("get", "issue", "road", lambda w: {}, READERS),
    "update": ("patch", "issue", "road", lambda w: {"revision": 0, "title_en": "Road"}, MODERATORS),
    "merge": ("post", "issue-merge", "road", lambda w: {"others": [w.gas.pk]}, MODERATORS),
    "split": (
        "post",
        "issue-split",
        "road",
        lambda w: {"questions": [w.live.questions[3].pk], "title_kk": "a", "title_ru": "b"},
        CREATED,
    ),
    "questions": ("post", "issue-questions", "gas", lambda w: {"questions": [_school(w).pk]}, MODERATORS),
    "status": ("post", "issue-status", "gas", lambda w: {"status": "in_progress", "revision": 0}, MODERATORS),
    "suggestions": ("get", "issue-suggestions", None, lambda w: {}, MODERATORS),
    "raised question": (
        "post",
        "issue-raised-question",
        None,
        lambda w: {"channel": "ngo_meeting", "text": "Нужен центр"},
        CREATED,
    ),
    "reception topics": ("post", "issue-reception-topics", None, lambda w: {}, MODERATORS),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES)
def test_permission_matrix(world, case, role):
    method, name, key, body, expected = CASES[case]
    kwargs = {"pk": getattr(world, key).pk} if key else {}
    response = getattr(client_for(world, role), method)(
        endpoint(name, world.visit.pk, **kwargs), body(world), format="json"
    )
    assert response.status_code == expected[role], response.content[:300]


def test_a_visit_out_of_scope_answers_404_even_to_an_editor(world):
    assert client_for(world, "ministry_editor").get(endpoint("issues", other_visit(world).pk)).status_code == 404


def test_deleting_an_unpublished_issue_without_measures(world):
    blank = issue(world.visit, 3, title="Blank", competent_company="X")
    response = client_for(world, "coordinator").delete(endpoint("issue", world.visit.pk, pk=blank.pk))
    assert response.status_code == 204
    refused = client_for(world, "coordinator").delete(endpoint("issue", world.visit.pk, pk=world.road.pk))
    assert (refused.status_code, refused.json()["code"]) == (400, "has_measures")


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_takes_the_same_queries_for_one_or_three_issues(world, django_assert_num_queries, count):
    ProblemIssue.objects.filter(pk=world.gas.pk).delete()
    for number in range(2, count + 1):
        extra = issue(world.visit, number + 10, title=f"Issue {number}", competent_company="X")
        IssueQuestion.objects.create(issue=extra, question=ask(world.visit, f"Question {number}"))
    client = client_for(world, "ministry_viewer")
    with django_assert_num_queries(10):
        response = client.get(endpoint("issues", world.visit.pk))
    assert len(response.json()) == count


def test_the_list_shows_the_issues_with_their_questions_and_no_personal_data(world):
    response = client_for(world, "ministry_viewer").get(endpoint("issues", world.visit.pk))
    road, gas = response.json()
    assert (road["number"], road["title_en"], road["citizens"], road["measures"], road["published_at"]) == (
        1,
        "Road to the district hospital",
        2,
        2,
        None,
    )
    assert [q["text"] for q in road["questions"]] == [
        "When will the road to the district hospital be repaired?",
        "How do I get a place in the kindergarten?",
    ]
    assert "Berik Secret" not in response.content.decode()
    assert "berik@example.kz" not in response.content.decode()
    assert (gas["competent_body"], gas["competent_company"]) == (None, "QazaqGaz")


def test_creating_needs_titles_in_kazakh_and_russian(world):
    response = client_for(world, "ministry_editor").post(
        endpoint("issues", world.visit.pk),
        {"questions": [_school(world).pk], "title_kk": "Спортзал", "title_ru": "", "competent_company": "X"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Give the problem issue a title in Kazakh and in Russian.", "code": "no_title"}


def test_creating_with_a_question_of_another_visit_is_refused(world):
    foreign = ask(other_visit(world), "Чужой вопрос")
    response = client_for(world, "ministry_editor").post(
        endpoint("issues", world.visit.pk),
        {"questions": [foreign.pk], "title_kk": "a", "title_ru": "b", "competent_company": "X"},
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (400, "other_visit")


def test_creating_returns_the_new_issue(world):
    response = client_for(world, "akimat_editor").post(
        endpoint("issues", world.visit.pk),
        {
            "questions": [_school(world).pk],
            "title_kk": "Спортзал",
            "title_ru": "Спортзал",
            "competent_body": world.roles.ministry.pk,
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["citizens"], body["competent_body"], [q["id"] for q in body["questions"]]) == (
        3,
        1,
        world.roles.ministry.pk,
        [_school(world).pk],
    )


def test_patching_with_a_stale_revision_is_refused(world):
    client = client_for(world, "ministry_editor")
    first = client.patch(
        endpoint("issue", world.visit.pk, pk=world.road.pk), {"revision": 0, "title_en": "A"}, format="json"
    )
    second = client.patch(
        endpoint("issue", world.visit.pk, pk=world.road.pk), {"revision": 0, "title_en": "B"}, format="json"
    )
    assert (first.status_code, first.json()["title_en"], first.json()["revision"]) == (200, "A", 1)
    assert (second.status_code, second.json()["code"]) == (400, "changed_meanwhile")


def test_patching_changes_only_the_fields_sent(world):
    response = client_for(world, "ministry_editor").patch(
        endpoint("issue", world.visit.pk, pk=world.gas.pk), {"revision": 0, "title_ru": "Газ"}, format="json"
    )
    body = response.json()
    assert (body["title_ru"], body["title_kk"], body["competent_company"]) == (
        "Газ",
        "Gas in the village (kk)",
        "QazaqGaz",
    )


def test_the_status_endpoint_explains_a_refusal(world):
    response = client_for(world, "ministry_editor").post(
        endpoint("issue-status", world.visit.pk, pk=world.road.pk), {"status": "solved", "revision": 0}, format="json"
    )
    assert response.json() == {
        "detail": "The problem is solved only when every measure of its action plan is done.",
        "code": "measures_open",
    }


def test_suggestions_list_the_free_questions(world):
    soon = ask(world.visit, "Will the school get a new gym soon?", votes=2)
    response = client_for(world, "ministry_editor").get(endpoint("issue-suggestions", world.visit.pk))
    [gym] = response.json()
    assert (gym["citizens"], gym["title"]) == (2, "Will the school get a new gym soon?")
    assert [q["id"] for q in gym["questions"]] == [soon.pk, _school(world).pk]


def test_recording_a_raised_question(world):
    response = client_for(world, "ministry_editor").post(
        endpoint("issue-raised-question", world.visit.pk),
        {"channel": "reception", "text": "Жер мәселесі"},
        format="json",
    )
    assert response.status_code == 201
    assert Question.objects.get(pk=response.json()["id"]).channel == Channel.RECEPTION


def test_the_schema_describes_the_endpoints(world):
    response = APIClient().get(reverse("api:schema"), {"format": "json"})
    paths = response.json()["paths"]
    assert set(paths["/api/v1/visits/{visit_id}/issues/"]) == {"get", "post"}
    assert set(paths["/api/v1/visits/{visit_id}/issues/{id}/"]) >= {"get", "patch", "delete"}
