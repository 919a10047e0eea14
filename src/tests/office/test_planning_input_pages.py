"""Proposals, systemic problems and risk flags in the back office: each role's status, and the
main actions done through the pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kezdesu.organisations.models import Position, Region, Role
from kezdesu.planning.models import Proposal, RiskFlag, SystemicProblem
from tests.factories.organisations import MembershipFactory, PositionFactory, RegionFactory, UserFactory
from tests.factories.planning import PlanningPeriodFactory, RiskFlagFactory, SystemicProblemFactory
from tests.factories.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db

MEMBERS = ("ministry_viewer", "ministry_editor", "ministry_approver", "akimat_viewer")
NATIONWIDE = ("coordinator", "apparatus_oversight", "presidential_oversight", "superuser")


def _expected(anonymous, no_role, members, nationwide, **exceptions):
    expected = {"anonymous": anonymous, "no_role": no_role}
    expected.update(dict.fromkeys(MEMBERS, members))
    expected.update(dict.fromkeys(NATIONWIDE, nationwide))
    expected.update(exceptions)
    return expected


PAGES = {
    "proposals": ("office:proposals", _expected(302, 403, 200, 200)),
    "advisor weights": ("office:advisor_weights", _expected(302, 403, 404, 404, coordinator=200, superuser=200)),
    "systemic problems": ("office:problems", _expected(302, 403, 200, 200)),
    "problems inbox": ("office:problems_inbox", _expected(302, 403, 200, 200)),
    "risk flags": ("office:risks", _expected(302, 403, 200, 200)),
}


@pytest.fixture
def planning_world(world):
    PlanningPeriodFactory(
        start=timezone.localdate().replace(month=1, day=1), end=timezone.localdate().replace(month=12, day=31)
    )
    PositionFactory(organisation=world.ministry, code="minister", level=Position.Level.FIRST_HEAD)
    RiskFlagFactory(competent_ministry=world.ministry, raised_by_organisation=world.akimat, level=RiskFlag.Level.HIGH)
    SystemicProblemFactory(
        akimat=world.akimat,
        region=world.akimat.region,
        competent_body=world.ministry,
        status="sent",
        sent_at=timezone.now(),
    )
    return world


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize("page", list(PAGES))
def test_each_role_gets_the_expected_status(client, planning_world, page, role):
    name, expected = PAGES[page]
    user = planning_world.user(role)
    if user is not None:
        client.force_login(user)

    response = client.get(reverse(name))

    assert response.status_code == expected[role], f"{page} as {role}"


def test_the_proposals_page_shows_the_advisor_with_reasons_and_formula(client, planning_world):
    client.force_login(planning_world.user("ministry_editor"))

    response = client.get(reverse("office:proposals"))

    assert response.context["ministry"] == planning_world.ministry
    assert len(response.context["ranking"]) == Region.objects.count() == 3
    assert "no questions in the sector from the region since" in response.text
    assert "Score = 3.00 × systemic problems" in response.text
    assert response.context["form"] is not None


def test_an_editor_saves_a_proposal_and_the_approver_submits_it(client, planning_world):
    world = planning_world
    period = PlanningPeriodFactory(start=timezone.localdate().replace(month=1, day=1))
    minister = Position.objects.get(organisation=world.ministry, code="minister")
    client.force_login(world.user("ministry_editor"))
    url = f"{reverse('office:proposals')}?period={period.pk}&organisation={world.ministry.pk}"

    response = client.post(
        url,
        {
            "position": minister.pk,
            "region": world.akimat.region.pk,
            "preferred_from": f"{period.start + datetime.timedelta(days=40):%Y-%m-%d}",
            "preferred_to": f"{period.start + datetime.timedelta(days=44):%Y-%m-%d}",
            "topics_en": "Rural clinics",
        },
    )

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    client.force_login(world.user("ministry_approver"))
    response = client.post(reverse("office:proposals_submit"), {"period": period.pk, "organisation": world.ministry.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_a_proposal_outside_the_period_is_refused_in_the_form(client, planning_world):
    world = planning_world
    period = PlanningPeriodFactory(start=timezone.localdate().replace(month=1, day=1))
    minister = Position.objects.get(organisation=world.ministry, code="minister")
    client.force_login(world.user("ministry_editor"))

    response = client.post(
        f"{reverse('office:proposals')}?period={period.pk}&organisation={world.ministry.pk}",
        {
            "position": minister.pk,
            "region": world.akimat.region.pk,
            "preferred_from": f"{period.end:%Y-%m-%d}",
            "preferred_to": f"{period.end + datetime.timedelta(days=3):%Y-%m-%d}",
            "topics_en": "Rural clinics",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"The preferred dates must lie within the planning period, {period.start:%d.%m.%Y} – {period.end:%d.%m.%Y}."
    ]


def test_the_ministry_answers_a_problem_from_its_inbox(client, planning_world):
    world = planning_world
    problem = SystemicProblem.objects.get()
    client.force_login(world.user("ministry_editor"))

    response = client.post(reverse("office:problem_answer", kwargs={"pk": problem.pk}), {"answer": "Done."})

    assert response.status_code == 302
    problem.refresh_from_db()
    assert (problem.status, problem.answer) == (SystemicProblem.Status.ANSWERED, "Done.")


def test_the_coordinator_assigns_a_high_risk_flag_which_names_the_deputy_prime_minister(client, planning_world):
    world = planning_world
    flag = RiskFlag.objects.get()
    client.force_login(world.user("coordinator"))
    page = client.get(reverse("office:risks"))
    assert "A deputy prime minister takes part." in page.text

    deadline = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        reverse("office:risk_decide", kwargs={"pk": flag.pk}),
        {"decision": "assign", "deadline": f"{deadline:%Y-%m-%d}", "note": ""},
    )

    assert response.status_code == 302
    flag.refresh_from_db()
    assert (flag.status, flag.deadline) == (RiskFlag.Status.ASSIGNED, deadline)


def test_an_akimat_editor_raises_a_flag_from_the_page(client, planning_world):
    world = planning_world
    editor = MembershipFactory(user=UserFactory(username="akimat_editor"), organisation=world.akimat, role=Role.EDITOR)
    client.force_login(editor.user)

    response = client.post(
        reverse("office:risks"),
        {
            "region": world.akimat.region.pk,
            "competent_ministry": world.ministry.pk,
            "level": "elevated",
            "description_en": "Drought.",
            "evidence_en": "",
        },
    )

    assert response.status_code == 302
    assert RiskFlag.objects.filter(raised_by_organisation=world.akimat, description_en="Drought.").count() == 1


def test_a_ministry_viewer_may_not_post_a_proposal(client, planning_world):
    client.force_login(planning_world.user("ministry_viewer"))
    region = RegionFactory()

    response = client.post(reverse("office:proposals"), {"region": region.pk})

    assert response.status_code == 403


@pytest.mark.parametrize("page", ["office:risks", "office:problems_inbox", "office:problems"])
def test_list_pages_read_the_same_number_of_queries_for_1_and_3_rows(
    client, planning_world, django_assert_num_queries, page
):
    world = planning_world
    client.force_login(world.user("coordinator"))
    url = reverse(page) + (f"?akimat={world.akimat.pk}" if page == "office:problems" else "")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _number in range(2):
        RiskFlagFactory(competent_ministry=world.ministry, raised_by_organisation=world.akimat)
        SystemicProblemFactory(
            akimat=world.akimat,
            region=world.akimat.region,
            half_year_start=timezone.localdate().replace(month=1 if timezone.localdate().month < 7 else 7, day=1),
            competent_body=world.ministry,
            status="sent",
            sent_at=timezone.now(),
        )
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200
