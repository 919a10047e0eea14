"""The action plan page: who sees and edits it, adding, changing and removing measures, XLSX in and out."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kezdesu.followup.interfaces.plan_xlsx import plan_xlsx
from kezdesu.followup.models import Measure
from tests.api.visit_roles import ROLES
from tests.factories.followup import build_followup_world, measure

pytestmark = pytest.mark.django_db

# Readers of the visit see the plan; planners (ministry, akimat, authorized body) edit it.
READ = {
    "anonymous": 302,
    "no_role": 403,
    "ministry_viewer": 200,
    "ministry_editor": 200,
    "ministry_approver": 200,
    "akimat_viewer": 200,
    "akimat_editor": 200,
    "akimat_approver": 200,
    "coordinator": 200,
    "apparatus_oversight": 200,
    "superuser": 200,
    "other_editor": 404,
    "other_approver": 404,
}
EDIT = {**READ, "ministry_viewer": 404, "akimat_viewer": 404, "apparatus_oversight": 404}


@pytest.fixture
def world():
    return build_followup_world()


def url(world, name="visit_plan", **kwargs):
    return reverse(f"office:{name}", kwargs={"pk": world.visit.pk, **kwargs})


def login(client, world, role="ministry_editor"):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


def form_data(prefix, **overrides):
    data = {
        "text_kk": "Жарық орнату",
        "text_ru": "Установить освещение",
        "text_en": "Install lighting",
        "deadline": "2027-11-30",
        "executor": "",
        "executor_company": "",
        "executor_position_kk": "Аким",
        "executor_position_ru": "Аким",
        "executor_position_en": "Akim",
        "revision": "",
        **overrides,
    }
    return {f"{prefix}-{key}": value for key, value in data.items()}


@pytest.mark.parametrize("role", [*ROLES, "other_editor", "other_approver"])
def test_each_role_gets_the_expected_status_on_the_plan(client, world, role):
    assert login(client, world, role).get(url(world)).status_code == READ[role]


@pytest.mark.parametrize("role", [*ROLES, "other_editor", "other_approver"])
def test_only_planners_add_measures(client, world, role):
    response = login(client, world, role).post(
        url(world, "visit_plan_add", issue_pk=world.gas.pk),
        form_data(f"i{world.gas.pk}", executor_company="QazaqGaz"),
    )
    planner = EDIT[role] == 200
    assert response.status_code == (302 if planner else EDIT[role])
    assert Measure.objects.filter(issue=world.gas).count() == (2 if planner else 1)


def test_the_plan_lists_measures_per_issue_with_forms_for_planners(client, world):
    page = login(client, world).get(url(world)).content.decode()
    assert "1. Road to the district hospital" in page
    assert "Repair the road" in page
    assert "30.09.2027" in page
    assert "Add a measure to issue 2" in page
    reader = login(client, world, "ministry_viewer").get(url(world)).content.decode()
    assert "Repair the road" in reader
    assert "Add a measure to issue 2" not in reader


def test_a_measure_is_added_for_a_body(client, world):
    response = login(client, world).post(
        url(world, "visit_plan_add", issue_pk=world.road.pk),
        form_data(f"i{world.road.pk}", executor=str(world.roles.akimat.pk)),
        follow=True,
    )
    assert "The measure is added to the plan." in response.content.decode()
    added = Measure.objects.get(text_en="Install lighting")
    assert (added.executor, added.order) == (world.roles.akimat, 2)


def test_a_refused_measure_keeps_what_was_typed(client, world):
    response = login(client, world).post(
        url(world, "visit_plan_add", issue_pk=world.road.pk),
        form_data(f"i{world.road.pk}", executor=str(world.roles.akimat.pk), executor_company="QazaqGaz"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Name the executor: either a state body or a national holding or company, not both." in page
    assert "Установить освещение" in page
    assert Measure.objects.count() == 3


def test_a_measure_is_changed_with_its_revision(client, world):
    target = world.company_measure
    data = form_data(
        f"m{target.pk}",
        executor_company="QazaqGaz",
        text_en="Lay the gas pipe",
        deadline="2027-12-20",
        revision="0",
    )
    response = login(client, world).post(url(world, "visit_plan_edit", measure_pk=target.pk), data)
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.text_en, target.revision, str(target.deadline)) == ("Lay the gas pipe", 1, "2027-12-20")
    stale = login(client, world).post(url(world, "visit_plan_edit", measure_pk=target.pk), data)
    assert stale.status_code == 400
    assert "Someone changed this measure meanwhile" in stale.content.decode()


def test_a_measure_is_removed(client, world):
    response = login(client, world).post(
        url(world, "visit_plan_remove", measure_pk=world.company_measure.pk), follow=True
    )
    assert "The measure is removed from the plan." in response.content.decode()
    assert not Measure.objects.filter(pk=world.company_measure.pk).exists()


def test_the_plan_downloads_as_xlsx_in_the_chosen_language(client, world):
    response = login(client, world, "ministry_viewer").get(url(world, "visit_plan_xlsx") + "?lang=ru")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 4


def test_an_import_with_errors_shows_them_by_row_and_imports_nothing(client, world):
    content = plan_xlsx(visit=world.visit, language="en")
    book = load_workbook(io.BytesIO(content))
    book.active.append([7, "", "", "Жаңа", "Новая", "New", "01.12.2027", "", "QazaqGaz", "Аким", "Аким"])
    book.active.append([2, "", "", "Тағы", "Ещё", "More", "01.12.2027", "", "QazaqGaz", "Аким", "Аким"])
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = "plan.xlsx"
    response = login(client, world).post(url(world, "visit_plan_import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported: correct the rows below." in page
    assert "There is no problem issue number “7” in this visit." in page
    assert Measure.objects.count() == 3


def test_an_import_adds_the_new_rows(client, world):
    book = load_workbook(io.BytesIO(plan_xlsx(visit=world.visit, language="en")))
    book.active.append([2, "", "", "Тағы", "Ещё", "More", "01.12.2027", "", "QazaqGaz", "Аким", "Аким"])
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = "plan.xlsx"
    response = login(client, world).post(url(world, "visit_plan_import"), {"file": upload}, follow=True)
    assert "1 measure imported (3 already in the plan)." in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_plan_takes_the_same_queries_for_one_or_three_measures(client, world, django_assert_num_queries, count):
    Measure.objects.exclude(pk=world.akimat_measure.pk).delete()
    for number in range(1, count):
        measure(world.road, f"Extra {number}", deadline=world.akimat_measure.deadline, executor=world.roles.akimat)
    login(client, world).get(url(world))
    with django_assert_num_queries(QUERIES):
        assert client.get(url(world)).status_code == 200


QUERIES = 17
