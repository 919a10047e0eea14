"""The annual evaluation in the back office: the coordinator creates, weighs and publishes; staff read."""

from decimal import Decimal

import pytest

from kezdesu.core.models import AuditLog
from kezdesu.reports.domain.evaluation import create_evaluation, publish_evaluation, set_criteria
from kezdesu.reports.models import EvaluationScheme
from tests.factories.reports_evaluation import YEAR, build_evaluation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_evaluation_world()


def test_the_coordinator_creates_weighs_and_publishes(client, world):
    client.force_login(world.user("coordinator"))
    response = client.post("/en/office/reports/evaluation/", {"year": YEAR})
    assert response.status_code == 302
    assert response["Location"] == f"/en/office/reports/evaluation/{YEAR}/"
    weights = {"weight_meeting_frequency": "60", "weight_participation": "30"}
    form = {"action": "save", "revision": "0", "note_kk": "Әдіс", "note_ru": "Метод", "missing": "average", **weights}
    refused = client.post(f"/en/office/reports/evaluation/{YEAR}/", form)
    assert refused.status_code == 400
    assert "The weights must add up to 100; they add up to 90." in refused.content.decode()
    assert 'value="60"' in refused.content.decode()
    form["weight_participation"] = "40"
    assert client.post(f"/en/office/reports/evaluation/{YEAR}/", form).status_code == 302
    assert client.post(f"/en/office/reports/evaluation/{YEAR}/", {"action": "publish"}).status_code == 302
    scheme = EvaluationScheme.objects.get(year=YEAR)
    assert scheme.status == "published"
    assert scheme.criteria.count() == 2


def test_every_staff_member_reads_the_preview_but_only_the_coordinator_changes_it(client, world):
    client.force_login(world.user("coordinator"))
    client.post("/en/office/reports/evaluation/", {"year": YEAR})
    client.force_login(world.user("ministry_viewer"))
    page = client.get(f"/en/office/reports/evaluation/{YEAR}/").content.decode()
    assert "Preview: the ranking from the records as they stand today" in page
    assert "Save the criteria" not in page
    assert client.post(f"/en/office/reports/evaluation/{YEAR}/", {"action": "publish"}).status_code == 404
    assert client.post("/en/office/reports/evaluation/", {"year": 2030}).status_code == 404


def _save(client, **values):
    form = {
        "action": "save", "revision": "0", "missing": "average", "note_kk": "Әдіс", "note_ru": "Метод",
        "weight_meeting_frequency": "50", "weight_issues_solved_on_time": "50", **values,
    }  # fmt: skip
    return client.post(f"/en/office/reports/evaluation/{YEAR}/", form)


def test_the_form_offers_the_three_rules_explained_and_the_approving_order_in_each_language(client, world):
    create_evaluation(actor=world.user("coordinator"), year=YEAR)
    client.force_login(world.user("coordinator"))
    page = client.get(f"/en/office/reports/evaluation/{YEAR}/").content.decode()
    assert page.count('name="missing"') == 3
    assert 'value="average" id="id_missing_0" required checked' in page
    assert "The average (recommended): the criterion counts at its average value" in page
    assert "Spread: the criterion does not count and its weight goes to the ministry&#x27;s other criteria" in page
    assert "Zero: the criterion counts as 0, as if nothing had been done." in page
    for code in ("kk", "ru", "en"):
        assert f'name="approval_reference_{code}"' in page
        assert f'name="note_{code}"' in page
    assert "The saved rule for a criterion with nothing to count" in page


def test_the_coordinator_saves_the_rule_and_the_approving_order_and_the_preview_follows_it(client, world):
    create_evaluation(actor=world.user("coordinator"), year=YEAR)
    client.force_login(world.user("coordinator"))
    references = {
        "approval_reference_kk": "№ 5 бұйрық", "approval_reference_ru": "Приказ № 5",
        "approval_reference_en": "Order No. 5",
    }  # fmt: skip
    assert _save(client, missing="zero", **references).status_code == 302
    scheme = EvaluationScheme.objects.get(year=YEAR)
    assert (scheme.missing, scheme.approval_reference_kk, scheme.approval_reference_en) == (
        "zero", "№ 5 бұйрық", "Order No. 5",
    )  # fmt: skip
    audit = AuditLog.objects.get(action="reports.evaluation.set_criteria")
    assert (audit.new_values["missing"], audit.new_values["approval_reference_ru"]) == ("zero", "Приказ № 5")
    page = client.get(f"/en/office/reports/evaluation/{YEAR}/").content.decode()
    assert 'value="zero" id="id_missing_2" required checked' in page
    assert "counts as 0, as if nothing had been done; such values are marked." in page
    # B has no issues: counted as 0, and marked.
    assert "No records: counted as 0." in page
    assert 'value="Order No. 5"' in page


def test_the_form_refuses_a_weight_that_is_not_a_number_and_an_unknown_rule(client, world):
    create_evaluation(actor=world.user("coordinator"), year=YEAR)
    client.force_login(world.user("coordinator"))
    refused = _save(client, weight_meeting_frequency="fifty", missing="median")
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Give each weight as a number, e.g. 12.5." in page
    assert "Select a valid choice. median is not one of the available choices." in page
    assert 'value="fifty"' in page
    assert EvaluationScheme.objects.get(year=YEAR).revision == 0
    assert _save(client, weight_meeting_frequency="49,5", weight_participation="0.5").status_code == 302


def test_a_published_evaluation_explains_its_rule_and_shows_no_form(client, world):
    coordinator = world.user("coordinator")
    scheme = create_evaluation(actor=coordinator, year=YEAR)
    criteria = [("meeting_frequency", Decimal(50)), ("issues_solved_on_time", Decimal(50))]
    set_criteria(
        actor=coordinator, scheme=scheme, criteria=criteria, note_kk="", note_ru="",
        approval_reference_kk="№ 5 бұйрық", approval_reference_en="Order No. 5", revision=0,
    )  # fmt: skip
    publish_evaluation(actor=coordinator, scheme=scheme)
    client.force_login(coordinator)
    page = client.get(f"/en/office/reports/evaluation/{YEAR}/").content.decode()
    assert 'name="missing"' not in page
    assert "counts at the average value of that criterion among the ranked ministries" in page
    assert "Approved by: Order No. 5" in page
    assert "No records: counted at the average of 1 ministry (33.3%)." in page
    kazakh = client.get(f"/kk/office/reports/evaluation/{YEAR}/").content.decode()
    assert "№ 5 бұйрық" in kazakh
