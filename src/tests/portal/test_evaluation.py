"""The public annual evaluation: published only, the ranking, a ministry's page with its records, the XLSX."""

import html
import io

import pytest
from openpyxl import load_workbook

from kezdesu.reports.domain.evaluation import DEFAULT_CRITERIA, create_evaluation, publish_evaluation, set_criteria
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
    assert "counts at the average value of that criterion among the ranked ministries" in page
    # B's and the authorized body's issues and measures: no records, counted at A's value, marked (a title and a
    # text for screen readers each).
    assert page.count("No records: counted at the average of 1 ministry (33.3%).") == 8
    assert "No records under this criterion: counted by the rule" in page


def test_a_ministry_page_shows_each_criterion_and_the_records_behind_it(client, published):
    page = client.get("/en/evaluation/2025/ministry-a/").content.decode()
    assert "2 / 4" in page
    assert "0.5000" in page
    # V3's results were never published: its record leads to the visit's page, not to a missing results page.
    assert f'href="/en/visits/{published.v3.pk}/"' in page
    assert f'href="/en/visits/{published.v3.pk}/results/"' not in page
    assert f'href="/en/issues/{published.issues["i1"].pk}/"' in page
    assert "overdue" in page
    assert "late" in page
    assert "No records: counted" not in page
    assert client.get("/en/evaluation/2025/akimat-x/").status_code == 404


def test_a_ministry_page_marks_the_imputed_values_and_explains_the_rule(client, published):
    page = client.get("/en/evaluation/2025/ministry-b/").content.decode()
    assert page.count("No records: counted at the average of 1 ministry (33.3%).") == 4  # in the table, below
    assert "0.3333" in page
    assert "How the score is counted" in page
    assert "counts at the average value of that criterion among the ranked ministries" in page
    culture = client.get("/en/evaluation/2025/culture/").content.decode()
    assert "No records: counted at the average of 2 ministries (25.0%)." in culture


@pytest.mark.parametrize(
    ("missing", "text"),
    [
        ("spread", "its weight is spread over the ministry's other criteria in proportion to their weights"),
        ("zero", "counts as 0, as if nothing had been done"),
    ],
)
def test_the_pages_explain_the_rule_the_evaluation_uses(client, missing, text):
    world = build_evaluation_world()
    coordinator = world.user("coordinator")
    scheme = create_evaluation(actor=coordinator, year=YEAR)
    scheme = set_criteria(
        actor=coordinator, scheme=scheme, criteria=DEFAULT_CRITERIA, note_kk="", note_ru="", missing=missing,
        revision=scheme.revision,
    )  # fmt: skip
    publish_evaluation(actor=coordinator, scheme=scheme)
    ranking = client.get("/en/evaluation/2025/").content.decode()
    assert text in html.unescape(ranking)
    ministry = client.get("/en/evaluation/2025/ministry-b/").content.decode()
    assert text in html.unescape(ministry)
    assert ("No records: counted as 0." in ministry) is (missing == "zero")


def test_the_approving_order_is_shown_in_the_readers_language(client):
    world = build_evaluation_world()
    coordinator = world.user("coordinator")
    scheme = create_evaluation(actor=coordinator, year=YEAR)
    scheme = set_criteria(
        actor=coordinator, scheme=scheme, criteria=DEFAULT_CRITERIA, note_kk="", note_ru="",
        approval_reference_kk="№ 5 бұйрық", approval_reference_ru="Приказ № 5", approval_reference_en="Order No. 5",
        revision=scheme.revision,
    )  # fmt: skip
    publish_evaluation(actor=coordinator, scheme=scheme)
    assert "Order No. 5" in client.get("/en/evaluation/2025/").content.decode()
    assert "Приказ № 5" in client.get("/ru/evaluation/2025/").content.decode()
    assert "№ 5 бұйрық" in client.get("/kk/evaluation/2025/").content.decode()


def test_the_ranking_downloads_as_xlsx_in_russian(client, published):
    response = client.get("/en/evaluation/2025.xlsx?lang=ru")
    assert response["Content-Disposition"] == 'attachment; filename="evaluation-2025-ru.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.cell(row=4, column=1).value == 1
    assert sheet.cell(row=4, column=3).value == 41.25
    # Ministry B (second): its issues (column G) counted at the average, in italics with a comment.
    assert sheet.cell(row=5, column=1).value == 2
    imputed, own = sheet.cell(row=5, column=7), sheet.cell(row=5, column=6)
    assert (imputed.value, imputed.font.i, own.font.i) == (6.67, True, False)
    assert "33.3" in imputed.comment.text
    assert own.comment is None
    assert sheet.cell(row=sheet.max_row, column=1).value  # the key to the italics below the ranking
