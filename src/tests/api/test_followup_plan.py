"""The action plan and progress endpoints: every role on each, then the behaviour."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from rest_framework.test import APIClient

from kezdesu.followup.interfaces.plan_xlsx import COLUMNS, plan_xlsx
from kezdesu.followup.models import Measure, ProgressUpdate
from tests.api.visit_roles import MODERATORS, ROLES
from tests.factories.followup import build_followup_world, measure

pytestmark = pytest.mark.django_db

ALL_ROLES = [*ROLES, "other_editor", "other_approver"]
READERS = {
    **MODERATORS,
    "ministry_viewer": 200,
    "akimat_viewer": 200,
    "apparatus_oversight": 200,
    "other_editor": 404,
    "other_approver": 404,
}
PLANNERS = {**MODERATORS, "other_editor": 404, "other_approver": 404}
# The akimat's measure: its editors and approvers report; other readers of the visit are refused.
AKIMAT_REPORTERS = {
    "anonymous": 403,
    "no_role": 404,
    "ministry_viewer": 403,
    "ministry_editor": 403,
    "ministry_approver": 403,
    "akimat_viewer": 403,
    "akimat_editor": 201,
    "akimat_approver": 201,
    "coordinator": 403,
    "apparatus_oversight": 403,
    "superuser": 403,
    "other_editor": 404,
    "other_approver": 404,
}
NEW_MEASURE = {
    "issue": 2,
    "text_kk": "Құбыр тарту",
    "text_ru": "Проложить трубу",
    "deadline": "2027-11-30",
    "executor_company": "QazaqGaz",
    "executor_position_kk": "Директор",
    "executor_position_ru": "Директор",
}


@pytest.fixture
def world():
    return build_followup_world(publish=True)


def client_for(world, role: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    user = world.user(role)
    if user is not None:
        client.force_authenticate(user)
    return client


def plan_url(world, name="plan-measures", **kwargs):
    return reverse(f"api:{name}", kwargs={"visit_id": world.visit.pk, **kwargs})


def xlsx_upload(content: bytes):
    upload = io.BytesIO(content)
    upload.name = "plan.xlsx"
    return upload


CASES = {
    "list": ("get", lambda w: plan_url(w), lambda w: None, READERS, 200),
    "create": ("post", lambda w: plan_url(w), lambda w: NEW_MEASURE, PLANNERS, 201),
    "update": (
        "patch",
        lambda w: plan_url(w, "plan-measure", pk=w.company_measure.pk),
        lambda w: {"text_en": "Gas pipe", "revision": 0},
        PLANNERS,
        200,
    ),
    "delete": ("delete", lambda w: plan_url(w, "plan-measure", pk=w.company_measure.pk), lambda w: None, PLANNERS, 204),
    "export": ("get", lambda w: plan_url(w, "plan-xlsx"), lambda w: None, READERS, 200),
    "import": (
        "post",
        lambda w: plan_url(w, "plan-import"),
        lambda w: {"file": xlsx_upload(plan_xlsx(visit=w.visit, language="en"))},
        PLANNERS,
        200,
    ),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_gets_the_expected_status(world, role, case):
    method, url, data, expected, success = CASES[case]
    client = client_for(world, role)
    body = data(world)
    fmt = "multipart" if case == "import" else "json"
    response = getattr(client, method)(url(world), body, format=fmt) if body else getattr(client, method)(url(world))
    assert response.status_code == (success if expected[role] == 200 else expected[role])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_executor_reports_on_its_measure(world, role):
    response = client_for(world, role).post(
        reverse("api:measure-progress", kwargs={"pk": world.akimat_measure.pk}),
        {"status": "in_progress", "percent": 20, "comment": "Started"},
        format="json",
    )
    assert response.status_code == AKIMAT_REPORTERS[role]


def test_the_ministry_reports_for_a_company(world):
    response = client_for(world, "ministry_editor").post(
        reverse("api:measure-progress", kwargs={"pk": world.company_measure.pk}),
        {"status": "done", "percent": 100, "comment": "Connected", "evidence_links": ["https://qazaqgaz.kz/news/1"]},
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["organisation"], response.json()["evidence_links"]) == (
        "ministry-a",
        ["https://qazaqgaz.kz/news/1"],
    )


def test_a_refused_report_says_why_in_english(world):
    response = client_for(world, "akimat_editor").post(
        reverse("api:measure-progress", kwargs={"pk": world.akimat_measure.pk}),
        {"status": "done", "percent": 100, "comment": "Done"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Give at least one link to evidence that the measure is done.",
        "code": "evidence_required",
    }


def test_a_measure_is_created_with_a_body_code(world):
    response = client_for(world, "akimat_editor").post(
        plan_url(world), {**NEW_MEASURE, "executor_company": "", "executor": "akimat-x", "issue": 1}, format="json"
    )
    assert response.status_code == 201
    assert (response.json()["issue"], response.json()["executor"], response.json()["order"]) == (1, "akimat-x", 2)


def test_an_update_on_an_old_revision_is_refused(world):
    client = client_for(world, "ministry_editor")
    url = plan_url(world, "plan-measure", pk=world.company_measure.pk)
    assert client.patch(url, {"text_en": "Gas pipe", "revision": 0}, format="json").status_code == 200
    stale = client.patch(url, {"text_en": "Gas main", "revision": 0}, format="json")
    assert (stale.status_code, stale.json()["code"]) == (400, "changed_meanwhile")


def test_a_measure_with_progress_on_a_published_issue_is_not_deleted(world):
    ProgressUpdate.objects.create(
        measure=world.company_measure,
        year=2027,
        quarter=2,
        status="in_progress",
        percent=5,
        comment="x",
        organisation=world.visit.organisation,
    )
    response = client_for(world, "ministry_editor").delete(plan_url(world, "plan-measure", pk=world.company_measure.pk))
    assert (response.status_code, response.json()["code"]) == (400, "measure_has_progress")


def test_the_export_follows_lang(world):
    response = client_for(world, "ministry_viewer").get(plan_url(world, "plan-xlsx") + "?lang=ru")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    with translation.override("ru"):
        expected = [str(label) for _key, label, _width in COLUMNS]
    assert (list(rows[0]), len(rows)) == (expected, 4)


def test_an_import_with_a_wrong_row_answers_the_errors(world):
    book = load_workbook(io.BytesIO(plan_xlsx(visit=world.visit, language="en")))
    book.active.append([5, "", "", "Жаңа", "Новая", "New", "01.12.2027", "", "QazaqGaz", "Аким", "Аким"])
    content = io.BytesIO()
    book.save(content)
    response = client_for(world, "ministry_editor").post(
        plan_url(world, "plan-import"), {"file": xlsx_upload(content.getvalue())}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json() == {
        "created": 0,
        "unchanged": 3,
        "errors": [{"row": 5, "message": "There is no problem issue number “5” in this visit."}],
    }


def test_my_measures_lists_the_users_measures_with_the_last_report(world):
    ProgressUpdate.objects.create(
        measure=world.other_ministry_measure,
        year=2027,
        quarter=2,
        status="in_progress",
        percent=15,
        comment="Budget line",
        organisation=world.roles.other_ministry,
    )
    response = client_for(world, "other_editor").get(reverse("api:measures-mine"))
    rows = response.json()["results"]
    assert [(row["id"], row["last_update"]["percent"]) for row in rows] == [(world.other_ministry_measure.pk, 15)]


def test_my_measures_is_for_signed_in_staff(world):
    assert client_for(world, "anonymous").get(reverse("api:measures-mine")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_plan_list_takes_the_same_queries_for_one_or_three(world, django_assert_num_queries, count):
    Measure.objects.exclude(pk=world.akimat_measure.pk).delete()
    for number in range(1, count):
        measure(world.road, f"Extra {number}", deadline=datetime.date(2027, 8, 1), executor=world.roles.akimat)
    client = client_for(world, "ministry_viewer")
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(plan_url(world)).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_my_measures_takes_the_same_queries_for_one_or_three(world, django_assert_num_queries, count):
    Measure.objects.exclude(pk=world.akimat_measure.pk).delete()
    for number in range(1, count):
        measure(world.road, f"Extra {number}", deadline=datetime.date(2027, 8, 1), executor=world.roles.akimat)
    client = client_for(world, "akimat_editor")
    with django_assert_num_queries(MINE_QUERIES):
        assert client.get(reverse("api:measures-mine")).status_code == 200


LIST_QUERIES = 9
MINE_QUERIES = 5
