"""The annual evaluation in the back office: the coordinator creates, weighs and publishes; staff read."""

import pytest

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
    form = {"action": "save", "revision": "0", "note_kk": "Әдіс", "note_ru": "Метод", **weights}
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
