"""The public annual evaluation: published only, the ranking, a ministry's page with its records, the XLSX."""

import io

import pytest
from openpyxl import load_workbook

from kezdesu.reports.domain.evaluation import create_evaluation, publish_evaluation
from tests.factories.reports_evaluation import YEAR, build_evaluation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    world = build_evaluation_world()
    scheme = create_evaluation(actor=world.user("coordinator"), year=YEAR)
    publish_evaluation(actor=world.user("coordinator"), scheme=scheme)
    return world


def test_a_draft_is_not_public(client):
    world = build_evaluation_world()
    create_evaluation(actor=world.user("coordinator"), year=YEAR)
    assert client.get(f"/en/evaluation/{YEAR}/").status_code == 404
    assert "No annual evaluation has been published yet." in client.get("/en/evaluation/").content.decode()


def test_the_ranking_shows_ranks_scores_points_and_the_method(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = client.get("/en/evaluation/").content.decode()
    assert "Annual evaluation of the ministries, 2025" in page
    assert '<a href="/en/evaluation/2025/ministry-a/">Ministry A</a>' in page
    assert "<strong>41.25</strong>" in page
    assert "12.50" in page
    assert "exempt by the act" in page
    assert "its weight is spread over the ministry's other criteria" in page


def test_a_ministry_page_shows_each_criterion_and_the_records_behind_it(client, published):
    page = client.get("/en/evaluation/2025/ministry-a/").content.decode()
    assert "2 / 4" in page
    assert "0.5000" in page
    assert f'href="/en/visits/{published.v3.pk}/results/"' in page
    assert f'href="/en/issues/{published.issues["i1"].pk}/"' in page
    assert "overdue" in page
    assert "late" in page
    assert client.get("/en/evaluation/2025/akimat-x/").status_code == 404


def test_the_ranking_downloads_as_xlsx_in_russian(client, published):
    response = client.get("/en/evaluation/2025.xlsx?lang=ru")
    assert response["Content-Disposition"] == 'attachment; filename="evaluation-2025-ru.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.cell(row=4, column=1).value == 1
    assert sheet.cell(row=4, column=3).value == 41.25
