"""Open data (S6): the public problem issues and measures as CSV (UTF-8 with a byte-order mark) and JSON,
stable English columns, one column per language, the list's filters, and no personal data."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.followup.interfaces.open_data import ISSUE_COLUMNS, MEASURE_COLUMNS
from kezdesu.followup.models import Follower, Measure, ProblemIssue
from tests.factories.followup import build_followup_world, issue

pytestmark = pytest.mark.django_db

PERSONAL = ("Berik Secret", "berik@example.kz", "Aigerim Private", "+7 701 000 00 00", "follower@example.kz")


@pytest.fixture
def world():
    world = build_followup_world(publish=True)
    issue(world.visit, 3, title="Not published", competent_company="Co")
    Follower.objects.create(issue=world.road, email="follower@example.kz", token="x", confirmed_at=timezone.now())
    return world


def _get(client, name, fmt, **params):
    with translation.override("en"):
        url = reverse(f"portal:{name}", kwargs={"format": fmt})
    response = client.get(url, params)
    return response, b"".join(response.streaming_content)


def test_issues_as_csv_for_excel(client, world):
    response, body = _get(client, "open_data_issues", "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="kezdesu-problem-issues-')
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert tuple(rows[0]) == ISSUE_COLUMNS
    assert [row["title_en"] for row in rows] == ["Road to the district hospital", "Gas in the village"]
    road = rows[0]
    assert (road["title_kk"], road["title_ru"], road["measures"], road["overdue"]) == (
        "Road to the district hospital (kk)",
        "Road to the district hospital (ru)",
        "2",
        "false",
    )
    assert road["url"].endswith(f"/kk/issues/{world.road.pk}/")
    for secret in PERSONAL:
        assert secret.encode() not in body


def test_measures_as_json_follow_the_filters(client, world):
    Measure.objects.filter(pk=world.akimat_measure.pk).update(evidence="https://example.kz/a\nplain words")
    response, body = _get(client, "open_data_measures", "json", q="hospital")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(body)
    assert data["columns"] == list(MEASURE_COLUMNS)
    assert [row["text_en"] for row in data["rows"]] == ["Repair the road", "Fund the repair"]
    assert data["rows"][0]["evidence_links"] == ["https://example.kz/a"]
    assert data["rows"][0]["executor_position_ru"] == "Заместитель руководителя"
    for secret in PERSONAL:
        assert secret not in body.decode()


def test_issues_as_json_and_measures_as_csv(client, world):
    ProblemIssue.objects.filter(pk=world.gas.pk).update(status=ProblemIssue.Status.SOLVED)
    _response, body = _get(client, "open_data_issues", "json", status="solved")
    assert [row["id"] for row in json.loads(body)["rows"]] == [world.gas.pk]
    _response, body = _get(client, "open_data_measures", "csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 3


def test_another_format_is_not_found(client, world):
    assert client.get("/en/open-data/problem-issues.xml").status_code == 404


def test_the_about_the_data_page_lists_the_files(client, world):
    with translation.override("en"):
        page = client.get(reverse("portal:about_data")).content.decode()
        assert reverse("portal:open_data_issues", kwargs={"format": "csv"}) in page
        assert reverse("portal:open_data_measures", kwargs={"format": "json"}) in page
