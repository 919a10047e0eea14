"""The API of a visit's agenda (R15) and its publicity and coordination tasks (R12, R13, R18)."""

import pytest
from rest_framework.test import APIClient

from kezdesu.meetings.domain.agenda import set_agenda
from kezdesu.meetings.domain.tasks import create_visit_tasks
from kezdesu.meetings.models import Visit, VisitTask
from tests.factories.agenda import entries, with_profile
from tests.factories.meetings import build_visit_world
from tests.factories.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db

AGENDA = [
    {"kind": "opening", "planned_minutes": 5, "title_en": "Opening", "title_ru": "Открытие"},
    {"kind": "presentation", "planned_minutes": 30, "speaker": "Minister"},
    {"kind": "questions", "planned_minutes": 80},
    {"kind": "closing", "planned_minutes": 5},
]


@pytest.fixture
def world():
    with_profile()
    world = build_visit_world()
    create_visit_tasks(visit=world.visit)
    return world


def client_for(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def agenda_url(world):
    return f"/api/v1/visits/{world.visit.pk}/agenda/"


def tasks_url(world):
    return f"/api/v1/visits/{world.visit.pk}/tasks/"


def test_anyone_reads_the_agenda_of_an_announced_visit(world):
    set_agenda(
        actor=world.user("ministry_editor"),
        part=world.part("meeting"),
        items=entries(("presentation", 20), ("questions", 80)),
    )
    response = APIClient().get(agenda_url(world))
    assert response.status_code == 200
    assert response.json()["share"] == {
        "presentation_minutes": 20,
        "total_minutes": 100,
        "percent": "20",
        "max_share": "0.25",
        "allowed_minutes": 25,
        "within": True,
    }
    assert [(item["order"], item["kind"], item["planned_minutes"]) for item in response.json()["items"]] == [
        (1, "presentation", 20),
        (2, "questions", 80),
    ]
    assert response.json()["part_minutes"] == 120


def test_the_agenda_of_a_visit_being_prepared_is_for_its_staff(world):
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.DRAFT)
    assert APIClient().get(agenda_url(world)).status_code == 404
    assert client_for(world.user("no_role")).get(agenda_url(world)).status_code == 404
    assert client_for(world.user("ministry_viewer")).get(agenda_url(world)).status_code == 200


def test_the_ministry_replaces_the_agenda(world):
    response = client_for(world.user("ministry_editor")).put(agenda_url(world), {"items": AGENDA}, format="json")
    assert response.status_code == 200
    assert [item["kind"] for item in response.json()["items"]] == ["opening", "presentation", "questions", "closing"]
    assert response.json()["items"][0]["title_ru"] == "Открытие"
    assert response.json()["share"]["within"] is True


def test_an_agenda_over_the_quarter_is_refused_with_the_numbers_and_nothing_saved(world):
    items = [{"kind": "presentation", "planned_minutes": 30}, {"kind": "questions", "planned_minutes": 60}]
    response = client_for(world.user("ministry_editor")).put(agenda_url(world), {"items": items}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The presentation takes 30 of 90 minutes (33%); at most 25% — 22 minutes — is allowed.",
        "code": "agenda",
    }
    assert world.part("meeting").agenda.count() == 0


def test_malformed_items_are_refused_field_by_field(world):
    items = [{"kind": "speech", "planned_minutes": 0}]
    response = client_for(world.user("ministry_editor")).put(agenda_url(world), {"items": items}, format="json")
    assert response.status_code == 400
    assert set(response.json()["items"]["0"]) == {"kind", "planned_minutes"}


# PUT the agenda: role -> status.
PUT_EXPECTED = {
    "anonymous": 403,
    "no_role": 404,
    "ministry_viewer": 403,
    "ministry_editor": 200,
    "ministry_approver": 200,
    "akimat_viewer": 403,
    "akimat_editor": 403,
    "coordinator": 403,
    "apparatus_oversight": 403,
    "presidential_oversight": 403,
    "superuser": 200,
}


@pytest.mark.parametrize("role", [*ROLE_NAMES, "akimat_editor"])
def test_each_role_gets_the_expected_status_when_putting_the_agenda(world, role):
    response = client_for(world.user(role)).put(agenda_url(world), {"items": AGENDA}, format="json")
    assert response.status_code == PUT_EXPECTED[role]


GET_TASKS_EXPECTED = {
    "anonymous": 403,
    "no_role": 404,
    "ministry_viewer": 200,
    "ministry_editor": 200,
    "ministry_approver": 200,
    "akimat_viewer": 200,
    "akimat_editor": 200,
    "coordinator": 200,
    "apparatus_oversight": 200,
    "presidential_oversight": 200,
    "superuser": 200,
}


@pytest.mark.parametrize("role", [*ROLE_NAMES, "akimat_editor"])
def test_each_role_gets_the_expected_status_when_reading_the_tasks(world, role):
    assert client_for(world.user(role)).get(tasks_url(world)).status_code == GET_TASKS_EXPECTED[role]


def test_the_tasks_list_each_partys_tasks_with_their_titles(world):
    tasks = client_for(world.user("coordinator")).get(tasks_url(world)).json()
    venue = next(task for task in tasks if task["code"] == "venue")
    assert venue["responsible"] == "akimat"
    assert venue["title"]["en"] == "Venue ready and accessible to people with disabilities"
    assert (venue["due_date"], venue["status"], venue["overdue"]) == ("2027-03-03", "todo", False)
    assert len(tasks) == 12


def test_the_akimat_patches_its_tasks(world):
    response = client_for(world.user("akimat_editor")).patch(
        tasks_url(world), {"tasks": [{"code": "venue", "status": "done", "note": "Ramp ready"}]}, format="json"
    )
    assert response.status_code == 200
    task = VisitTask.objects.get(visit=world.visit, code="venue")
    assert (task.status, task.note) == ("done", "Ramp ready")


def test_one_refused_change_leaves_every_task_as_it_was(world):
    changes = [{"code": "venue", "status": "done"}, {"code": "national_media", "status": "done"}]
    response = client_for(world.user("akimat_editor")).patch(tasks_url(world), {"tasks": changes}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the responsible party's staff may change this task."
    assert set(VisitTask.objects.filter(visit=world.visit).values_list("status", flat=True)) == {"todo"}


def test_an_unknown_task_is_refused(world):
    response = client_for(world.user("coordinator")).patch(
        tasks_url(world), {"tasks": [{"code": "fireworks", "status": "done"}]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "The visit has no task “fireworks”.", "code": "unknown_task"}


def test_the_schema_documents_the_agenda_and_the_tasks():
    schema = APIClient().get("/api/v1/schema/?format=json").json()
    assert set(schema["paths"]["/api/v1/visits/{id}/agenda/"]) >= {"get", "put"}
    assert set(schema["paths"]["/api/v1/visits/{id}/tasks/"]) >= {"get", "patch"}
    assert schema["paths"]["/api/v1/visits/{id}/agenda/"]["put"]["summary"] == "Replace a visit's agenda"
