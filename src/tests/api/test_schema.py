"""The OpenAPI schema generates without a warning, validates, and documents every endpoint."""

import pytest
import yaml
from django.core.management import call_command


@pytest.fixture
def schema(tmp_path):
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


def test_the_schema_generates_without_warnings_and_names_every_endpoint(schema):
    assert sorted(schema["paths"]) == [
        "/api/v1/accountability/",
        "/api/v1/agreements/{id}/decide/",
        "/api/v1/agreements/{id}/paper/",
        "/api/v1/audit/",
        "/api/v1/audit/{id}/",
        "/api/v1/calendar-exceptions/",
        "/api/v1/calendar-exceptions/{date}/",
        "/api/v1/calendar/{year}/",
        "/api/v1/districts/",
        "/api/v1/districts/{kato}/",
        "/api/v1/draft/{id}/",
        "/api/v1/draft/{id}/acknowledge/",
        "/api/v1/draft/{id}/amend/",
        "/api/v1/draft/{id}/approve/",
        "/api/v1/draft/{id}/include-proposal/",
        "/api/v1/draft/{id}/items/",
        "/api/v1/draft/{id}/items/{item_id}/",
        "/api/v1/draft/{id}/submit/",
        "/api/v1/evaluations/",
        "/api/v1/evaluations/{year}/",
        "/api/v1/evaluations/{year}/criteria/",
        "/api/v1/evaluations/{year}/preview/",
        "/api/v1/evaluations/{year}/publish/",
        "/api/v1/half-year-reports/",
        "/api/v1/half-year-reports/{year}/{half}/",
        "/api/v1/half-year-reports/{year}/{half}/narrative/",
        "/api/v1/half-year-reports/{year}/{half}/review/",
        "/api/v1/half-year-reports/{year}/{half}/submit/",
        "/api/v1/instructions/",
        "/api/v1/instructions/{id}/",
        "/api/v1/instructions/{id}/report/",
        "/api/v1/library/",
        "/api/v1/library/{code}/",
        "/api/v1/library/{code}/compare/",
        "/api/v1/library/{code}/versions/",
        "/api/v1/library/{code}/versions/{number}/",
        "/api/v1/library/{code}/versions/{number}/publish/",
        "/api/v1/me/",
        "/api/v1/measures/",
        "/api/v1/measures/mine/",
        "/api/v1/measures/{id}/",
        "/api/v1/measures/{id}/progress/",
        "/api/v1/notifications/",
        "/api/v1/notifications/read-all/",
        "/api/v1/notifications/{id}/",
        "/api/v1/notifications/{id}/read/",
        "/api/v1/obligations/",
        "/api/v1/obligations/{key}/",
        "/api/v1/obligations/{key}/fulfilment/",
        "/api/v1/official-accounts/",
        "/api/v1/official-accounts/{id}/",
        "/api/v1/organisations/",
        "/api/v1/organisations/{code}/",
        "/api/v1/oversight/compliance/",
        "/api/v1/oversight/overdue/",
        "/api/v1/oversight/trends/",
        "/api/v1/planning-periods/",
        "/api/v1/planning-periods/{id}/",
        "/api/v1/positions/",
        "/api/v1/problem-issues/",
        "/api/v1/problem-issues/{id}/",
        "/api/v1/profiles/",
        "/api/v1/profiles/{code}/",
        "/api/v1/progress-reports/",
        "/api/v1/progress-reports/{organisation}/{year}/{quarter}/",
        "/api/v1/progress-reports/{organisation}/{year}/{quarter}/narrative/",
        "/api/v1/progress-reports/{organisation}/{year}/{quarter}/publish/",
        "/api/v1/proposals/",
        "/api/v1/proposals/submit/",
        "/api/v1/proposals/{id}/",
        "/api/v1/proposals/{id}/withdraw/",
        "/api/v1/quarterly-information/",
        "/api/v1/quarterly-information/{organisation}/{year}/{quarter}/",
        "/api/v1/quarterly-information/{organisation}/{year}/{quarter}/approve/",
        "/api/v1/quarterly-information/{organisation}/{year}/{quarter}/narrative/",
        "/api/v1/quarterly-information/{organisation}/{year}/{quarter}/return/",
        "/api/v1/quarterly-information/{organisation}/{year}/{quarter}/submit/",
        "/api/v1/quarterly-information/{organisation}/{year}/{quarter}/withdraw/",
        "/api/v1/regions/",
        "/api/v1/regions/{kato}/",
        "/api/v1/risk-flags/",
        "/api/v1/risk-flags/{id}/",
        "/api/v1/risk-flags/{id}/assign/",
        "/api/v1/risk-flags/{id}/dismiss/",
        "/api/v1/schedule-versions/",
        "/api/v1/schedule/",
        "/api/v1/systemic-problems-report/",
        "/api/v1/systemic-problems/",
        "/api/v1/systemic-problems/send/",
        "/api/v1/systemic-problems/{id}/",
        "/api/v1/systemic-problems/{id}/answer/",
        "/api/v1/systemic-problems/{id}/company-answer/",
        "/api/v1/visits/",
        "/api/v1/visits/to-close/",
        "/api/v1/visits/{id}/",
        "/api/v1/visits/{id}/agenda/",
        "/api/v1/visits/{id}/cancel/",
        "/api/v1/visits/{id}/date-options/",
        "/api/v1/visits/{id}/date-options/{option_id}/",
        "/api/v1/visits/{id}/date-options/{option_id}/fix/",
        "/api/v1/visits/{id}/date-vote/",
        "/api/v1/visits/{id}/date-vote/close/",
        "/api/v1/visits/{id}/date-vote/open/",
        "/api/v1/visits/{id}/live/",
        "/api/v1/visits/{id}/live/stage/",
        "/api/v1/visits/{id}/outcomes/",
        "/api/v1/visits/{id}/parts/{kind}/",
        "/api/v1/visits/{id}/publication/",
        "/api/v1/visits/{id}/publication/publish/",
        "/api/v1/visits/{id}/publish/",
        "/api/v1/visits/{id}/reception/bookings/",
        "/api/v1/visits/{id}/reception/cancel/",
        "/api/v1/visits/{id}/reception/slots/",
        "/api/v1/visits/{id}/record/",
        "/api/v1/visits/{id}/tasks/",
        "/api/v1/visits/{visit_id}/analysis/",
        "/api/v1/visits/{visit_id}/briefing/",
        "/api/v1/visits/{visit_id}/broadcast-comments/",
        "/api/v1/visits/{visit_id}/issues/",
        "/api/v1/visits/{visit_id}/issues/raised-questions/",
        "/api/v1/visits/{visit_id}/issues/reception-topics/",
        "/api/v1/visits/{visit_id}/issues/suggestions/",
        "/api/v1/visits/{visit_id}/issues/{id}/",
        "/api/v1/visits/{visit_id}/issues/{id}/merge/",
        "/api/v1/visits/{visit_id}/issues/{id}/questions/",
        "/api/v1/visits/{visit_id}/issues/{id}/split/",
        "/api/v1/visits/{visit_id}/issues/{id}/status/",
        "/api/v1/visits/{visit_id}/live/ask/",
        "/api/v1/visits/{visit_id}/live/comment-imports/",
        "/api/v1/visits/{visit_id}/live/current-question/",
        "/api/v1/visits/{visit_id}/live/hall-questions/",
        "/api/v1/visits/{visit_id}/live/questions/",
        "/api/v1/visits/{visit_id}/live/questions/{id}/hide/",
        "/api/v1/visits/{visit_id}/live/questions/{id}/outcome/",
        "/api/v1/visits/{visit_id}/live/questions/{id}/publish/",
        "/api/v1/visits/{visit_id}/live/questions/{id}/shortlist/",
        "/api/v1/visits/{visit_id}/measures.xlsx",
        "/api/v1/visits/{visit_id}/measures/",
        "/api/v1/visits/{visit_id}/measures/import/",
        "/api/v1/visits/{visit_id}/measures/{id}/",
        "/api/v1/visits/{visit_id}/moderation/bulk/",
        "/api/v1/visits/{visit_id}/moderation/groups/",
        "/api/v1/visits/{visit_id}/moderation/groups/merge/",
        "/api/v1/visits/{visit_id}/moderation/groups/run/",
        "/api/v1/visits/{visit_id}/moderation/questions/",
        "/api/v1/visits/{visit_id}/moderation/questions/{id}/hide/",
        "/api/v1/visits/{visit_id}/moderation/questions/{id}/publish/",
        "/api/v1/visits/{visit_id}/moderation/questions/{id}/restore/",
        "/api/v1/visits/{visit_id}/moderation/questions/{id}/split/",
        "/api/v1/visits/{visit_id}/questions/",
    ]


def test_every_operation_has_a_summary_and_a_description(schema):
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    assert [(path, method) for path, method, operation in operations if not operation.get("summary")] == []
    assert [(path, method) for path, method, operation in operations if not operation.get("description")] == []


def test_the_obligations_list_says_it_is_public(schema):
    operation = schema["paths"]["/api/v1/obligations/"]["get"]

    assert "anyone may read it without signing in" in operation["description"]
    assert [parameter["name"] for parameter in operation["parameters"]] == [
        "from",
        "lang",
        "limit",
        "offset",
        "organisation",
        "profile",
        "requirement",
        "state",
        "to",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["docs/", "redoc/"])
def test_the_browsable_documentation_is_served(client, page):
    response = client.get(f"/api/v1/{page}")

    assert response.status_code == 200
    assert b"/api/v1/schema/" in response.content
