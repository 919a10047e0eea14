"""The executors' workspace: their measures, filters, and the quarterly report form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kezdesu.followup.models import Measure, MeasureStatus, ProgressUpdate
from tests.api.visit_roles import ROLES
from tests.factories.followup import build_followup_world, measure

pytestmark = pytest.mark.django_db

REPORTERS = {
    "anonymous": 302,
    "no_role": 403,
    "ministry_viewer": 404,
    "ministry_editor": 404,
    "ministry_approver": 404,
    "akimat_viewer": 404,
    "akimat_editor": 200,
    "akimat_approver": 200,
    "coordinator": 404,
    "apparatus_oversight": 404,
    "superuser": 404,
    "other_editor": 404,
    "other_approver": 404,
}


@pytest.fixture
def world():
    return build_followup_world(publish=True)


def login(client, world, role="akimat_editor"):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


def report_url(target):
    return reverse("office:measure_report", kwargs={"pk": target.pk})


@pytest.mark.parametrize("role", [*ROLES, "other_editor", "other_approver"])
def test_only_the_executor_opens_the_report_form(client, world, role):
    assert login(client, world, role).get(report_url(world.akimat_measure)).status_code == REPORTERS[role]


def test_the_workspace_lists_the_users_measures(client, world):
    page = login(client, world, "other_editor").get(reverse("office:my_measures")).content.decode()
    assert "Fund the repair" in page
    assert "Repair the road" not in page
    assert "30.06.2027" in page


def test_the_workspace_filters_overdue_and_unreported(client, world):
    late = measure(
        world.road,
        "Clear the ditch",
        deadline=timezone.localdate() - datetime.timedelta(days=3),
        executor=world.roles.akimat,
    )
    client = login(client, world)
    overdue = client.get(reverse("office:my_measures") + "?overdue=1").content.decode()
    assert "Clear the ditch" in overdue
    assert "Repair the road" not in overdue
    assert "3 days overdue" in overdue
    today = timezone.localdate()
    ProgressUpdate.objects.create(
        measure=late,
        year=today.year,
        quarter=(today.month - 1) // 3 + 1,
        status="in_progress",
        percent=5,
        comment="Started",
        organisation=world.roles.akimat,
    )
    unreported = client.get(reverse("office:my_measures") + "?unreported=1").content.decode()
    assert "Repair the road" in unreported
    assert "Clear the ditch" not in unreported


def test_a_report_is_recorded_and_the_form_warns_the_comment_is_public(client, world):
    client = login(client, world)
    form = client.get(report_url(world.akimat_measure)).content.decode()
    assert "What you write in the comment is published on the problem issue" in form
    response = client.post(
        report_url(world.akimat_measure),
        {"status": "in_progress", "percent": "35", "comment": "Design done", "evidence_links": ""},
        follow=True,
    )
    assert "Your report is recorded. Thank you." in response.content.decode()
    world.akimat_measure.refresh_from_db()
    assert (world.akimat_measure.status, world.akimat_measure.percent) == ("in_progress", 35)


def test_a_refused_report_keeps_what_was_typed(client, world):
    response = login(client, world).post(
        report_url(world.akimat_measure),
        {"status": MeasureStatus.DONE, "percent": "100", "comment": "Road laid", "evidence_links": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give at least one link to evidence that the measure is done." in page
    assert "Road laid" in page
    assert ProgressUpdate.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_the_workspace_takes_the_same_queries_for_one_or_three_measures(
    client, world, django_assert_num_queries, count
):
    Measure.objects.exclude(pk=world.akimat_measure.pk).delete()
    for number in range(1, count):
        extra = measure(world.road, f"Extra {number}", deadline=datetime.date(2027, 8, 1), executor=world.roles.akimat)
        ProgressUpdate.objects.create(
            measure=extra,
            year=2027,
            quarter=2,
            status="in_progress",
            percent=5,
            comment="x",
            organisation=world.roles.akimat,
        )
    client = login(client, world)
    client.get(reverse("office:my_measures"))
    with django_assert_num_queries(QUERIES):
        assert client.get(reverse("office:my_measures")).status_code == 200


QUERIES = 14
