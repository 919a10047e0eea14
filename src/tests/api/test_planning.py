import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.core.models import AuditLog
from kezdesu.planning.models import Proposal, SystemicProblem
from tests.api.conftest import client_for
from tests.factories.organisations import RegionFactory
from tests.factories.planning import (
    PlanningPeriodFactory,
    ProposalFactory,
    RiskFlagFactory,
    ScheduleVersionFactory,
    SystemicProblemFactory,
)
from tests.factories.planning_proposals import akimat_world, coordinator, ministry_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/{url}")
    assert response.status_code == 200
    return response.json()["count"], len(queries)


def test_a_planning_period_shows_its_profile_and_versions(anonymous_client):
    period = PlanningPeriodFactory()
    ScheduleVersionFactory(period=period)

    response = anonymous_client.get(f"/api/v1/planning-periods/{period.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("start", "end", "profile", "versions")} == {
        "start": "2030-01-01",
        "end": "2030-06-30",
        "profile": period.profile.code,
        "versions": [{"number": None, "status": "working"}],
    }
    assert body["deadlines"] == []


def test_the_period_list_does_not_grow_a_query_per_row(anonymous_client):
    PlanningPeriodFactory(start=datetime.date(2030, 1, 1))
    # the count, the page with profiles, the versions
    assert _count(anonymous_client, "planning-periods/") == (1, 3)
    PlanningPeriodFactory(start=datetime.date(2031, 1, 1), end=datetime.date(2031, 6, 30))
    PlanningPeriodFactory(start=datetime.date(2032, 1, 1), end=datetime.date(2032, 6, 30))
    assert _count(anonymous_client, "planning-periods/") == (3, 3)


def test_a_ministry_sees_only_its_own_proposals_and_the_coordinator_all():
    health = ministry_world("health")
    education = ministry_world("education")
    own = ProposalFactory(organisation=health.ministry, position=health.first_head)
    ProposalFactory(organisation=education.ministry, position=education.first_head)

    mine = client_for(health.viewer).get("/api/v1/proposals/").json()
    everything = client_for(coordinator()).get("/api/v1/proposals/").json()

    assert [row["id"] for row in mine["results"]] == [own.pk]
    assert everything["count"] == 2


def test_the_proposal_list_does_not_grow_a_query_per_row():
    health = ministry_world("health")
    client = client_for(health.viewer)
    ProposalFactory(organisation=health.ministry, position=health.first_head)
    # session, user, scope (nationwide?), the count, the page with its relations joined
    assert _count(client, "proposals/") == (1, 5)
    ProposalFactory(organisation=health.ministry, position=health.deputy)
    ProposalFactory(organisation=health.ministry, position=health.first_head)
    assert _count(client, "proposals/") == (3, 5)


def test_an_editor_proposes_withdraws_and_an_approver_submits():
    health = ministry_world("health")
    period = PlanningPeriodFactory()
    region = RegionFactory(kato="930000001")
    body = {
        "period": period.pk,
        "organisation": "health",
        "position": health.first_head.pk,
        "region": "930000001",
        "preferred_from": "2030-03-02",
        "preferred_to": "2030-03-06",
        "topics_en": "Rural clinics",
    }

    created = client_for(health.editor).post("/api/v1/proposals/", body, format="json")
    second = client_for(health.editor).post("/api/v1/proposals/", body, format="json")
    withdrawn = client_for(health.editor).post(f"/api/v1/proposals/{second.json()['id']}/withdraw/")
    submitted = client_for(health.approver).post(
        "/api/v1/proposals/submit/", {"period": period.pk, "organisation": "health"}, format="json"
    )

    assert created.status_code == 201
    assert created.json()["region"] == region.kato
    assert created.json()["status"] == "draft"
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    assert submitted.status_code == 200
    assert [row["id"] for row in submitted.json()] == [created.json()["id"]]
    assert Proposal.objects.get(pk=created.json()["id"]).status == Proposal.Status.SUBMITTED
    assert AuditLog.objects.filter(action="planning.proposal.create").count() == 2


def test_a_proposal_outside_the_period_answers_400_with_the_reason():
    health = ministry_world("health")
    period = PlanningPeriodFactory()
    RegionFactory(kato="930000001")

    response = client_for(health.editor).post(
        "/api/v1/proposals/?lang=en",
        {
            "period": period.pk,
            "organisation": "health",
            "position": health.first_head.pk,
            "region": "930000001",
            "preferred_from": "2030-08-02",
            "preferred_to": "2030-08-06",
            "topics_en": "Rural clinics",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The preferred dates must lie within the planning period, 01.01.2030 – 30.06.2030.",
        "code": "dates_period",
    }


def test_a_viewer_may_not_propose_and_nothing_is_left_to_submit_answers_400():
    health = ministry_world("health")
    period = PlanningPeriodFactory()
    RegionFactory(kato="930000001")

    refused = client_for(health.viewer).post(
        "/api/v1/proposals/",
        {
            "period": period.pk,
            "organisation": "health",
            "position": health.first_head.pk,
            "region": "930000001",
            "preferred_from": "2030-03-02",
            "preferred_to": "2030-03-06",
            "topics_en": "x",
        },
        format="json",
    )
    empty = client_for(health.approver).post(
        "/api/v1/proposals/submit/", {"period": period.pk, "organisation": "health"}, format="json"
    )

    assert refused.status_code == 403
    assert empty.status_code == 400
    assert empty.json()["code"] == "nothing_to_submit"


def test_an_akimat_sees_its_problems_and_the_ministry_only_those_sent_to_it():
    health = ministry_world("health")
    abai = akimat_world("akimat-abai")
    sent = SystemicProblemFactory(
        akimat=abai.akimat, region=abai.region, competent_body=health.ministry, status=SystemicProblem.Status.SENT
    )
    draft = SystemicProblemFactory(akimat=abai.akimat, region=abai.region, competent_body=health.ministry)
    SystemicProblemFactory()  # another akimat's

    akimat_sees = client_for(abai.editor).get("/api/v1/systemic-problems/").json()
    ministry_sees = client_for(health.viewer).get("/api/v1/systemic-problems/").json()

    assert sorted(row["id"] for row in akimat_sees["results"]) == sorted([sent.pk, draft.pk])
    assert [row["id"] for row in ministry_sees["results"]] == [sent.pk]


def test_an_akimat_records_and_sends_a_problem_and_the_ministry_answers():
    health = ministry_world("health")
    abai = akimat_world("akimat-abai")

    created = client_for(abai.editor).post(
        "/api/v1/systemic-problems/",
        {
            "akimat": "akimat-abai",
            "half_year_start": "2030-01-01",
            "title": "Rural clinics",
            "description": "No doctors in the villages.",
            "competent_body": "health",
        },
        format="json",
    )
    sent = client_for(abai.approver).post(
        "/api/v1/systemic-problems/send/", {"akimat": "akimat-abai", "half_year_start": "2030-01-01"}, format="json"
    )
    answered = client_for(health.editor).post(
        f"/api/v1/systemic-problems/{created.json()['id']}/answer/", {"answer": "Doctors are hired."}, format="json"
    )

    assert created.status_code == 201
    assert created.json()["region"] == abai.region.kato
    assert [row["status"] for row in sent.json()] == ["sent"]
    assert answered.status_code == 200
    assert (answered.json()["status"], answered.json()["answer"]) == ("answered", "Doctors are hired.")


def test_a_problem_routed_nowhere_answers_400_with_the_reason():
    abai = akimat_world("akimat-abai")

    response = client_for(abai.editor).post(
        "/api/v1/systemic-problems/?lang=en",
        {"akimat": "akimat-abai", "half_year_start": "2030-01-01", "title": "T", "description": "D"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Choose the competent ministry, or name the national holding or company — one of the two.",
        "code": "routing",
    }


def test_a_risk_flag_is_raised_and_the_coordinator_assigns_it():
    health = ministry_world("health")
    abai = akimat_world("akimat-abai")

    raised = client_for(abai.editor).post(
        "/api/v1/risk-flags/",
        {"region": abai.region.kato, "competent_ministry": "health", "level": "high", "description_en": "Flood"},
        format="json",
    )
    assigned = client_for(coordinator()).post(
        f"/api/v1/risk-flags/{raised.json()['id']}/assign/", {"deadline": "2099-04-01"}, format="json"
    )
    again = client_for(health.viewer).get(f"/api/v1/risk-flags/{raised.json()['id']}/")

    assert raised.status_code == 201
    assert (raised.json()["raised_by_organisation"], raised.json()["status"]) == ("akimat-abai", "raised")
    assert assigned.status_code == 200
    assert (assigned.json()["status"], assigned.json()["deadline"]) == ("assigned", "2099-04-01")
    assert again.json()["status"] == "assigned"


def test_dismissing_a_risk_flag_without_a_reason_answers_400():
    flag = RiskFlagFactory()

    response = client_for(coordinator()).post(f"/api/v1/risk-flags/{flag.pk}/dismiss/?lang=en", {"note": " "})

    assert response.status_code == 400
    assert response.json() == {"detail": "Say why the risk flag is dismissed.", "code": "note"}


def test_the_problem_and_risk_lists_do_not_grow_a_query_per_row():
    client = client_for(coordinator())
    SystemicProblemFactory()
    RiskFlagFactory()
    # session, user, scope (nationwide?), the count, the page with its relations joined
    assert _count(client, "systemic-problems/") == (1, 5)
    # session, user, office.access, the count, the page with its relations joined
    assert _count(client, "risk-flags/") == (1, 5)
    SystemicProblemFactory()
    SystemicProblemFactory()
    RiskFlagFactory()
    RiskFlagFactory()
    assert _count(client, "systemic-problems/") == (3, 5)
    assert _count(client, "risk-flags/") == (3, 5)
