"""The akimat changes a systemic problem it has not sent yet."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kezdesu.core.models import AuditLog
from kezdesu.organisations.models import Role
from kezdesu.planning.models import SystemicProblem
from tests.factories.organisations import MembershipFactory, UserFactory
from tests.factories.planning import SystemicProblemFactory
from tests.factories.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def akimat_editor(world):
    return MembershipFactory(
        user=UserFactory(username="akimat_editor"), organisation=world.akimat, role=Role.EDITOR
    ).user


@pytest.fixture
def problem(world):
    return SystemicProblemFactory(
        akimat=world.akimat,
        region=world.akimat.region,
        title="Roads",
        description="District roads are not repaired.",
        competent_body=world.ministry,
    )


def edit_url(problem):
    return reverse("office:problem_edit", kwargs={"pk": problem.pk})


def list_url(problem):
    return f"{reverse('office:problems')}?akimat={problem.akimat.pk}&half_year=2030-01-01"


# Out of the akimat's scope the page does not exist; inside it, only editors of the akimat may change.
EXPECTED = {
    "anonymous": 302,
    "no_role": 403,
    "ministry_viewer": 404,
    "ministry_editor": 404,
    "ministry_approver": 404,
    "akimat_viewer": 403,
    "coordinator": 403,
    "apparatus_oversight": 403,
    "presidential_oversight": 403,
    "superuser": 200,
}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_gets_the_expected_status_on_the_edit_page(client, world, problem, role):
    user = world.user(role)
    if user is not None:
        client.force_login(user)

    response = client.get(edit_url(problem))

    assert response.status_code == EXPECTED[role]


def test_the_akimat_editor_changes_a_draft_problem_and_it_is_audited(client, problem, akimat_editor):
    client.force_login(akimat_editor)

    page = client.get(edit_url(problem))
    response = client.post(
        edit_url(problem),
        {
            "title": "Roads and bridges",
            "description": "Three bridges are closed.",
            "competent_body": problem.competent_body.pk,
        },
    )

    assert page.context["form"].initial["title"] == "Roads"
    assert response.status_code == 302
    assert response["Location"] == list_url(problem)
    problem.refresh_from_db()
    assert (problem.title, problem.description) == ("Roads and bridges", "Three bridges are closed.")
    audit = AuditLog.objects.get(action="planning.problem.update")
    assert audit.new_values == {"title": "Roads and bridges", "description": "Three bridges are closed."}


def test_the_list_links_to_the_edit_page_of_a_draft_only(client, world, problem, akimat_editor):
    sent = SystemicProblemFactory(
        akimat=world.akimat, region=world.akimat.region, status="sent", sent_at=timezone.now()
    )
    client.force_login(akimat_editor)

    page = client.get(list_url(problem)).text

    assert f'href="{edit_url(problem)}"' in page
    assert f'href="{edit_url(sent)}"' not in page


def test_a_refused_routing_keeps_what_was_typed_and_says_why(client, problem, akimat_editor):
    client.force_login(akimat_editor)

    response = client.post(
        edit_url(problem),
        {
            "title": "Roads and bridges",
            "description": "Three bridges are closed.",
            "competent_body": problem.competent_body.pk,
            "competent_company": "KazAvtoZhol",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Choose the competent ministry, or name the national holding or company — one of the two."
    ]
    assert 'value="Roads and bridges"' in response.text
    assert 'value="KazAvtoZhol"' in response.text
    problem.refresh_from_db()
    assert problem.title == "Roads"


def test_a_missing_title_is_a_translated_field_error(client, problem, akimat_editor):
    client.force_login(akimat_editor)

    response = client.post(
        "/ru" + edit_url(problem).removeprefix("/en"),
        {"title": "", "description": "Three bridges are closed.", "competent_body": problem.competent_body.pk},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Обязательное поле."]
    assert "Three bridges are closed." in response.text


def test_a_sent_problem_cannot_be_changed(client, problem, akimat_editor):
    problem.status = SystemicProblem.Status.SENT
    problem.save(update_fields=["status"])
    client.force_login(akimat_editor)

    response = client.post(
        edit_url(problem),
        {"title": "Changed", "description": "Changed.", "competent_body": problem.competent_body.pk},
        follow=True,
    )

    assert response.redirect_chain == [(list_url(problem), 302)]
    assert "Only a draft problem can be changed." in response.text
    problem.refresh_from_db()
    assert problem.title == "Roads"
