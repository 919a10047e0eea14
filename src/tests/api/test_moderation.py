"""The moderation, groups, analysis and briefing endpoints: every role on each, then the behaviour."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.grouping import merge_questions
from kezdesu.questions.domain.moderation import moderation_version, publish_question
from kezdesu.questions.models import Question, QuestionGroup
from tests.api.visit_roles import MODERATORS, ROLES
from tests.factories.meetings import build_visit_world
from tests.factories.organisations import PositionFactory
from tests.factories.questions import question, topic

pytestmark = pytest.mark.django_db

READERS = {**MODERATORS, "ministry_viewer": 200, "akimat_viewer": 200, "apparatus_oversight": 200}


@pytest.fixture
def world():
    return build_visit_world()


def client_for(world, role: str) -> APIClient:
    client = APIClient()
    user = world.user(role)
    if user is not None:
        client.force_authenticate(user)
    return client


def endpoint(name: str, visit_id: int, **kwargs: int) -> str:
    return reverse(f"api:moderation-{name}", kwargs={"visit_id": visit_id, **kwargs})


def other_visit(world) -> Visit:
    return Visit.objects.create(
        organisation=world.roles.other_ministry,
        position=PositionFactory(organisation=world.roles.other_ministry),
        region=world.roles.other_akimat.region,
        start_date=datetime.date(2027, 3, 10),
        end_date=datetime.date(2027, 3, 10),
        status=Visit.Status.PUBLISHED,
    )


def _two_in_a_group(world) -> list[Question]:
    pair = [question(world.visit, "Когда починят мост?"), question(world.visit, "Когда починят мост!")]
    merge_questions(actor=world.user("coordinator"), visit=world.visit, questions=pair)
    return pair


CASES = {
    "questions (list)": ("get", "questions", None, lambda w: {}, MODERATORS),
    "publish": ("post", "publish", "pk", lambda w: {}, MODERATORS),
    "hide": ("post", "hide", "pk", lambda w: {"reason": "spam"}, MODERATORS),
    "bulk": ("post", "bulk", None, lambda w: {"action": "hide", "reason": "spam", "questions": [w["pk"]]}, MODERATORS),
    "groups (list)": ("get", "groups", None, lambda w: {}, MODERATORS),
    "grouping": ("post", "grouping", None, lambda w: {}, MODERATORS),
    "merge": ("post", "merge", None, lambda w: {"questions": w["pair"]}, MODERATORS),
    "split": ("post", "split", "grouped", lambda w: {}, MODERATORS),
    "analysis": ("get", "analysis", None, lambda w: {}, READERS),
    "briefing": ("get", "briefing", None, lambda w: {}, READERS),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES)
def test_permission_matrix(world, case, role):
    method, name, key, body, expected = CASES[case]
    asked = question(world.visit, "Когда откроют школу?")
    pair = _two_in_a_group(world)
    extra = {"pk": asked.pk, "grouped": pair[1].pk}
    kwargs = {"pk": extra[key]} if key else {}
    data = body({"pk": asked.pk, "pair": [pair[0].pk, asked.pk]})
    response = getattr(client_for(world, role), method)(endpoint(name, world.visit.pk, **kwargs), data, format="json")
    assert response.status_code == expected[role], response.content[:300]


@pytest.mark.parametrize("name", ["questions", "groups", "analysis", "briefing"])
def test_a_visit_out_of_scope_answers_404_even_to_a_moderator(world, name):
    assert client_for(world, "ministry_editor").get(endpoint(name, other_visit(world).pk)).status_code == 404


def test_another_visits_question_answers_404(world):
    foreign = question(other_visit(world))
    response = client_for(world, "ministry_editor").post(
        endpoint("publish", world.visit.pk, pk=foreign.pk), {}, format="json"
    )
    assert response.status_code == 404
    assert Question.objects.get(pk=foreign.pk).status == "received"


def test_the_queue_lists_the_suggestions_and_filters_them(world):
    with_iin = question(world.visit, "Мой ИИН 900101300123")
    question(world.visit, "Когда откроют школу?")
    response = client_for(world, "akimat_editor").get(
        endpoint("questions", world.visit.pk), {"suggested": "personal_data", "lang": "en"}
    )
    assert response.status_code == 200
    assert response.json()["count"] == 1
    (row,) = response.json()["results"]
    assert (row["id"], row["proposed_text"], row["version"]) == (
        with_iin.pk,
        "Мой ИИН [personal data removed]",
        "received@-",
    )
    assert row["suggestions"] == [
        {"reason": "personal_data", "message": "The text contains a 12-digit number that looks like an IIN."}
    ]


def test_publishing_with_a_stale_version_is_refused_with_its_code(world):
    asked = question(world.visit, "Вопрос о газе")
    seen = moderation_version(asked)
    publish_question(actor=world.user("coordinator"), question=asked)
    response = client_for(world, "ministry_editor").post(
        endpoint("hide", world.visit.pk, pk=asked.pk), {"reason": "spam", "version": seen, "lang": "en"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "changed_meanwhile"


def test_publishing_an_edited_text_answers_the_question(world):
    asked = question(world.visit, "Звоните 87011234567, когда газ?")
    response = client_for(world, "ministry_editor").post(
        endpoint("publish", world.visit.pk, pk=asked.pk),
        {"published_text": "Когда газ?", "version": moderation_version(asked)},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["published_text"]) == ("published", "Когда газ?")


def test_bulk_publishing_reports_what_it_skipped(world):
    plain, with_phone = question(world.visit, "Когда газ?"), question(world.visit, "Звоните +77011234567")
    response = client_for(world, "ministry_editor").post(
        endpoint("bulk", world.visit.pk) + "?lang=en",
        {"action": "publish", "questions": [plain.pk, with_phone.pk]},
        format="json",
    )
    assert response.json() == {
        "changed": [plain.pk],
        "skipped": [{"id": with_phone.pk, "reason": "personal data to remove first"}],
    }


def test_grouping_merge_and_split_through_the_api(world):
    first, second = (
        question(world.visit, "Когда отремонтируют дорогу?"),
        question(world.visit, "когда отремонтируют дорогу"),
    )
    other = question(world.visit, "Где взять справку?")
    client = client_for(world, "coordinator")
    assert client.post(endpoint("grouping", world.visit.pk)).json() == {"new_groups": 1, "joined": 0, "questions": 3}
    merged = client.post(endpoint("merge", world.visit.pk), {"questions": [first.pk, other.pk]}, format="json").json()
    assert (merged["size"], [q["id"] for q in merged["questions"]]) == (3, [first.pk, second.pk, other.pk])
    split = client.post(endpoint("split", world.visit.pk, pk=other.pk)).json()
    assert (split["size"], split["representative"]) == (1, other.pk)
    assert sorted(QuestionGroup.objects.values_list("size", flat=True)) == [1, 2]


def test_the_analysis_as_json(world):
    roads = topic("roads", "Roads")
    question(world.visit, "Road", topic=roads)
    question(world.visit, "Spam", status="hidden")
    data = client_for(world, "akimat_viewer").get(endpoint("analysis", world.visit.pk), {"lang": "en"}).json()
    assert (data["total"], data["hidden"]) == (1, 1)
    assert data["by_topic"] == [{"key": str(roads.pk), "label": "Roads", "count": 1, "share": 100}]
    assert (data["earlier_visits"], data["outcomes"]) == ([], [])


def test_the_briefing_is_a_docx(world):
    response = client_for(world, "ministry_viewer").get(endpoint("briefing", world.visit.pk), {"lang": "kk"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response.content[:2] == b"PK"


def test_the_schema_documents_the_moderation_endpoints(world):
    schema = APIClient().get(reverse("api:schema"), {"format": "json"}).json()
    assert "/api/v1/visits/{visit_id}/moderation/questions/{id}/publish/" in schema["paths"]
    assert schema["paths"]["/api/v1/visits/{visit_id}/analysis/"]["get"]["summary"] == (
        "The analysis of a visit's questions"
    )
