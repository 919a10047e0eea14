"""The agenda editor of a visit's meeting (R15): rows, the share shown while editing, the refusal."""

import pytest
from django.urls import reverse

from kezdesu.meetings.models import AgendaItem, Visit
from tests.factories.agenda import with_profile
from tests.factories.meetings import build_visit_world
from tests.factories.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit_world():
    with_profile()
    return build_visit_world()


def url(world, name="office:visit_agenda"):
    return reverse(name, kwargs={"pk": world.visit.pk})


def rows(*items, action="save"):
    """The editor's POST: (number, kind, minutes) per row."""
    data = {"rows": str(len(items)), "action": action}
    for index, (number, kind, minutes) in enumerate(items):
        data |= {
            f"row-{index}-number": str(number),
            f"row-{index}-kind": kind,
            f"row-{index}-title_en": f"Item {kind}",
            f"row-{index}-minutes": str(minutes),
        }
    return data


def saved(world):
    part = world.part("meeting")
    return [(item.order, item.kind, item.planned_minutes) for item in part.agenda.order_by("order")]


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
def test_each_role_gets_the_expected_status_on_the_agenda_page(client, visit_world, role):
    user = visit_world.user(role)
    if user is not None:
        client.force_login(user)
    assert client.get(url(visit_world)).status_code == EXPECTED[role]


def test_an_empty_agenda_starts_from_a_suggestion_within_the_rule(client, visit_world):
    client.force_login(visit_world.user("ministry_editor"))
    page = client.get(url(visit_world)).content.decode()
    assert "No agenda is saved yet: a suggestion that keeps the rule is filled in." in page
    assert 'name="row-1-minutes" id="id_row-1-minutes" value="30"' in page  # a quarter of 120 minutes
    assert "25%" in page


def test_saving_orders_the_items_by_their_numbers(client, visit_world):
    client.force_login(visit_world.user("ministry_editor"))
    response = client.post(url(visit_world), rows((2, "questions", 80), (1, "presentation", 25), (3, "closing", 5)))
    assert response.status_code == 302
    assert saved(visit_world) == [(1, "presentation", 25), (2, "questions", 80), (3, "closing", 5)]


def test_an_agenda_over_the_quarter_is_refused_and_keeps_what_was_typed(client, visit_world):
    client.force_login(visit_world.user("ministry_editor"))
    response = client.post(url(visit_world), rows((1, "presentation", 30), (2, "questions", 60)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The presentation takes 30 of 90 minutes (33%); at most 25% — 22 minutes — is allowed." in page
    assert 'value="30"' in page
    assert 'value="60"' in page
    assert "Over the limit" in page
    assert saved(visit_world) == []


def test_a_row_with_a_wrong_number_of_minutes_is_marked(client, visit_world):
    client.force_login(visit_world.user("ministry_editor"))
    response = client.post(url(visit_world), rows((1, "presentation", "ten"), (2, "questions", 60)))
    page = response.content.decode()
    assert "Correct the rows marked below." in page
    assert "Enter a whole number." in page
    assert saved(visit_world) == []


def test_adding_a_row_keeps_the_rows_typed_and_saves_nothing(client, visit_world):
    client.force_login(visit_world.user("ministry_editor"))
    response = client.post(url(visit_world), rows((1, "presentation", 20), action="add"))
    page = response.content.decode()
    assert 'name="rows" value="2"' in page
    assert 'name="row-0-minutes" id="id_row-0-minutes" value="20"' in page
    assert 'name="row-1-number" id="id_row-1-number" value="2"' in page
    assert "Correct the rows" not in page
    assert saved(visit_world) == []


def test_removing_a_row_renumbers_the_rest(client, visit_world):
    client.force_login(visit_world.user("ministry_editor"))
    data = rows((1, "opening", 5), (2, "presentation", 20), (3, "questions", 60), action="remove-1")
    page = client.post(url(visit_world), data).content.decode()
    assert 'name="rows" value="2"' in page
    assert 'name="row-1-minutes" id="id_row-1-minutes" value="60"' in page
    assert 'name="row-1-number" id="id_row-1-number" value="2"' in page


def test_the_preview_recomputes_the_share_as_the_fields_change(client, visit_world):
    client.force_login(visit_world.user("ministry_editor"))
    response = client.post(
        url(visit_world, "office:visit_agenda_preview"),
        rows((1, "presentation", 40), (2, "questions", ""), (3, "closing", 10)),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<section id="agenda-share"')
    assert "80%" in page
    assert "add at least one questions-and-answers item." in page


def test_readers_see_the_agenda_without_the_editor(client, visit_world):
    part = visit_world.part("meeting")
    AgendaItem.objects.create(part=part, order=1, kind="questions", title_en="Questions", planned_minutes=60)
    client.force_login(visit_world.user("coordinator"))
    page = client.get(url(visit_world)).content.decode()
    assert "Questions" in page
    assert "Save the agenda" not in page
    assert client.post(url(visit_world), rows((1, "questions", 60))).status_code == 403


def test_the_akimat_may_not_preview_the_agenda(client, visit_world):
    client.force_login(visit_world.user("akimat_editor"))
    assert client.post(url(visit_world, "office:visit_agenda_preview"), rows((1, "questions", 60))).status_code == 404


def test_a_held_visits_agenda_is_shown_not_edited(client, visit_world):
    Visit.objects.filter(pk=visit_world.visit.pk).update(status=Visit.Status.HELD)
    client.force_login(visit_world.user("ministry_editor"))
    page = client.get(url(visit_world)).content.decode()
    assert "Save the agenda" not in page
    assert "No agenda is saved yet." in page
    assert client.post(url(visit_world), rows((1, "questions", 60))).status_code == 403
