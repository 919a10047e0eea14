"""The publication and progress report endpoints (R20, R21): public reads after publication, staff writes
through the domain, refusals with their messages, query counts of the list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kezdesu.followup.domain.queries.progress_reports import quarter_of
from kezdesu.followup.models import ProgressReport
from kezdesu.regulations.models import Fulfilment
from tests.factories.followup import build_followup_world
from tests.factories.followup_rules import with_followup_rules
from tests.factories.organisations import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_followup_world()
    with_followup_rules()
    return world


def client_for(world, role=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if role is not None:
        client.force_login(world.user(role))
    return client


def publication_url(world, suffix=""):
    return f"/api/v1/visits/{world.visit.pk}/publication/{suffix}"


def report_url(world, suffix=""):
    year, quarter = quarter_of(timezone.localdate())
    return f"/api/v1/progress-reports/{world.visit.organisation.code}/{year}/{quarter}/{suffix}"


RESULTS = {"results_kk": "Нәтижелер", "results_ru": "Итоги", "results_en": "Results", "revision": 0}


def test_the_draft_is_hidden_from_the_public_and_shown_to_staff(world):
    assert client_for(world).get(publication_url(world)).status_code == 404
    assert client_for(world, "other_editor").get(publication_url(world)).status_code == 404
    body = client_for(world, "ministry_viewer").get(publication_url(world)).json()
    assert (body["published_at"], body["revision"], [issue["number"] for issue in body["issues"]]) == (None, 0, [1, 2])


def test_the_editor_writes_and_the_approver_publishes(world):
    body = client_for(world, "ministry_editor").put(publication_url(world), RESULTS, format="json").json()
    assert (body["results"], body["revision"]) == ({"kk": "Нәтижелер", "ru": "Итоги", "en": "Results"}, 1)
    assert client_for(world, "ministry_editor").post(publication_url(world, "publish/")).status_code == 403
    response = client_for(world, "ministry_approver").post(publication_url(world, "publish/"))
    assert response.status_code == 200
    assert response.json()["published_at"] is not None
    assert response.json()["deadline"]["state"] == "met"
    assert not Fulfilment.objects.exists()  # the record meets it: nothing is typed
    public = client_for(world).get(publication_url(world)).json()
    assert public["issues"][0]["measures"][0]["text"]["en"] == "Repair the road"
    assert "Berik" not in str(public)


def test_a_refusal_names_what_is_missing(world):
    response = client_for(world, "ministry_approver").post(publication_url(world, "publish/"))
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Write the results of the visit in Kazakh. Write the results of the visit in Russian.",
        "code": "results_kk",
    }


def test_a_stale_revision_is_refused(world):
    client = client_for(world, "ministry_editor")
    client.put(publication_url(world), RESULTS, format="json")
    response = client.put(publication_url(world), RESULTS, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "changed_meanwhile")


def test_anonymous_writes_need_authentication(world):
    assert client_for(world).put(publication_url(world), RESULTS, format="json").status_code in (401, 403)
    assert client_for(world).post(report_url(world, "publish/")).status_code in (401, 403)


def test_the_report_is_drafted_and_published(world):
    client_for(world, "ministry_editor").put(publication_url(world), RESULTS, format="json")
    client_for(world, "ministry_approver").post(publication_url(world, "publish/"))
    assert client_for(world).get(report_url(world)).status_code == 404
    narrative = {"narrative_kk": "Баяндама", "narrative_ru": "Доклад", "revision": 0}
    body = client_for(world, "ministry_editor").put(report_url(world, "narrative/"), narrative, format="json").json()
    assert (body["narrative"]["ru"], body["published_at"], body["report"]["counts"]["raised"]) == ("Доклад", None, 2)
    assert client_for(world, "ministry_editor").post(report_url(world, "publish/")).status_code == 403
    assert client_for(world, "ministry_approver").post(report_url(world, "publish/")).status_code == 200
    public = client_for(world).get(report_url(world)).json()
    assert public["report"]["narrative"] == {"kk": "Баяндама", "ru": "Доклад", "en": ""}
    listed = client_for(world).get("/api/v1/progress-reports/").json()
    assert [(row["organisation"], row["quarter"]) for row in listed] == [
        (world.visit.organisation.code, quarter_of(timezone.localdate())[1])
    ]


def _published_reports(count: int) -> None:
    for index in range(count):
        ProgressReport.objects.create(
            organisation=OrganisationFactory(kind="ministry"),
            year=2026,
            quarter=1 + index % 4,
            published_at=timezone.now(),
            snapshot={"revised_at": None},
        )


def _list_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        assert APIClient().get("/api/v1/progress-reports/").status_code == 200
    return len(queries)


def test_the_list_of_reports_costs_the_same_queries_for_one_or_three():
    _published_reports(1)
    one = _list_queries()
    _published_reports(2)
    assert _list_queries() == one


def test_the_schema_describes_the_endpoints(world):
    paths = APIClient().get(reverse("api:schema"), {"format": "json"}).json()["paths"]
    assert set(paths["/api/v1/visits/{id}/publication/"]) == {"get", "put"}
    assert set(paths["/api/v1/visits/{id}/publication/publish/"]) == {"post"}
    assert set(paths["/api/v1/progress-reports/{organisation}/{year}/{quarter}/narrative/"]) == {"put"}
