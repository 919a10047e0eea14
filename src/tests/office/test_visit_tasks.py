"""The tasks pages (R12, R13, R18): a visit's tasks by party, and the authorized body's overview."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kezdesu.meetings.domain.tasks import create_visit_tasks
from kezdesu.meetings.models import Visit, VisitTask
from tests.factories.meetings import build_visit_world
from tests.factories.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit_world():
    world = build_visit_world()
    create_visit_tasks(visit=world.visit)
    return world


def tasks_url(world):
    return reverse("office:visit_tasks", kwargs={"pk": world.visit.pk})


def task(world, code):
    return VisitTask.objects.get(visit=world.visit, code=code)


EXPECTED = {
    "anonymous": 302,
    "no_role": 403,
    "ministry_viewer": 200,
    "ministry_editor": 200,
    "ministry_approver": 200,
    "akimat_viewer": 200,
    "coordinator": 200,
    "apparatus_oversight": 200,
    "presidential_oversight": 200,
    "superuser": 200,
}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_gets_the_expected_status_on_the_tasks_page(client, visit_world, role):
    user = visit_world.user(role)
    if user is not None:
        client.force_login(user)
    assert client.get(tasks_url(visit_world)).status_code == EXPECTED[role]


def test_the_akimat_gets_status_selects_for_its_own_tasks_only(client, visit_world):
    client.force_login(visit_world.user("akimat_editor"))
    page = client.get(tasks_url(visit_world)).content.decode()
    assert f'name="task-{task(visit_world, "venue").pk}-status"' in page
    assert f'name="task-{task(visit_world, "national_media").pk}-status"' not in page
    assert "Save the akimat's tasks" in page
    assert "Save the ministry's tasks" not in page


def test_the_akimat_marks_its_tasks_without_javascript(client, visit_world):
    client.force_login(visit_world.user("akimat_editor"))
    venue, media = task(visit_world, "venue"), task(visit_world, "media_invited")
    response = client.post(
        tasks_url(visit_world),
        {
            f"task-{venue.pk}-status": "done",
            f"task-{venue.pk}-note": "Ramp at the side door",
            f"task-{media.pk}-status": "todo",
            f"task-{media.pk}-note": "",
        },
        follow=True,
    )
    assert "Tasks changed: 1." in response.content.decode()
    venue.refresh_from_db()
    assert (venue.status, venue.note) == ("done", "Ramp at the side door")


def test_a_task_of_another_party_sent_anyway_is_refused_with_a_message(client, visit_world):
    client.force_login(visit_world.user("akimat_editor"))
    national = task(visit_world, "national_media")
    response = client.post(tasks_url(visit_world), {f"task-{national.pk}-status": "done"}, follow=True)
    assert "Only the responsible party&#x27;s staff may change this task." in response.content.decode()
    assert task(visit_world, "national_media").status == "todo"


def test_readers_may_not_change_tasks(client, visit_world):
    client.force_login(visit_world.user("akimat_viewer"))
    assert client.post(tasks_url(visit_world), {"action": "create"}).status_code == 403


def test_a_visit_without_tasks_offers_to_create_them(client):
    world = build_visit_world()
    client.force_login(world.user("akimat_editor"))
    assert "Create the task list" in client.get(tasks_url(world)).content.decode()
    client.post(tasks_url(world), {"action": "create"})
    assert VisitTask.objects.filter(visit=world.visit).count() == 12


OVERVIEW_EXPECTED = {
    "anonymous": 302,
    "no_role": 403,
    "ministry_viewer": 404,
    "ministry_editor": 404,
    "ministry_approver": 404,
    "akimat_viewer": 404,
    "coordinator": 200,
    "apparatus_oversight": 200,
    "presidential_oversight": 200,
    "superuser": 200,
}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_the_overview_is_for_the_authorized_body_and_oversight(client, visit_world, role):
    user = visit_world.user(role)
    if user is not None:
        client.force_login(user)
    assert client.get(reverse("office:visit_tasks_overview")).status_code == OVERVIEW_EXPECTED[role]


def test_the_overview_highlights_overdue_tasks(client):
    soon = timezone.localdate() + datetime.timedelta(days=2)
    world = build_visit_world(day=soon)
    create_visit_tasks(visit=world.visit)
    VisitTask.objects.filter(visit=world.visit, due_date__lt=timezone.localdate()).exclude(code="venue").update(
        status="done"
    )
    overdue = VisitTask.objects.filter(visit=world.visit, status="todo", due_date__lt=timezone.localdate()).count()
    client.force_login(world.user("coordinator"))
    page = client.get(reverse("office:visit_tasks_overview")).content.decode()
    assert overdue == 1
    assert 'class="row--overdue"' in page
    assert "1 task overdue" in page


def _another_visit(world, days):
    visit = world.visit
    return Visit.objects.create(
        organisation=visit.organisation,
        position=visit.position,
        region=visit.region,
        start_date=visit.start_date + datetime.timedelta(days=days),
        end_date=visit.end_date + datetime.timedelta(days=days),
        status=Visit.Status.PUBLISHED,
    )


def test_the_overview_asks_the_same_queries_for_one_visit_or_three(client, visit_world):
    client.force_login(visit_world.user("coordinator"))
    url = reverse("office:visit_tasks_overview")
    client.get(url)  # warm the session and the working calendar
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for days in (7, 14):
        create_visit_tasks(visit=_another_visit(visit_world, days))
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()
    assert page.count('<th scope="row">') == 3
    assert len(three) == len(one)


def test_the_press_release_page_shows_a_text_per_language(client, visit_world):
    client.force_login(visit_world.user("ministry_editor"))
    page = client.get(reverse("office:visit_press_release", kwargs={"pk": visit_world.visit.pk})).content.decode()
    assert page.count("<textarea") == 3
    assert "Minister A (Ministry A) meets the population on 10.03.2027 at 10:00." in page


def test_the_press_release_downloads_as_docx(client, visit_world):
    client.force_login(visit_world.user("akimat_viewer"))
    response = client.get(reverse("office:visit_press_release_docx", kwargs={"pk": visit_world.visit.pk}))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response.content[:2] == b"PK"
