"""The ten-day package and the quarterly report as documents, in Kazakh and Russian (R20, R21)."""

import io
import subprocess

import pytest
from django.utils import timezone
from docx import Document

from kezdesu.followup.domain.progress_reports import publish_progress_report
from kezdesu.followup.domain.publication import publication_of, publish_results, save_results
from kezdesu.followup.domain.queries.progress_reports import quarter_of
from kezdesu.followup.interfaces.progress_report_docx import progress_report_docx
from kezdesu.followup.interfaces.publication_docx import publication_docx
from kezdesu.followup.interfaces.publication_pdf import publication_pdf
from tests.factories.followup import build_followup_world
from tests.factories.followup_rules import with_followup_rules

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "package.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()


@pytest.fixture
def published():
    world = build_followup_world()
    with_followup_rules()
    save_results(
        actor=world.user("ministry_editor"),
        visit=world.visit,
        results_kk="Министр тұрғындармен кездесті",
        results_ru="Министр встретился с жителями",
        results_en="The minister met the residents",
        revision=0,
    )
    publish_results(actor=world.user("ministry_approver"), visit=world.visit)
    return world


@pytest.mark.parametrize(
    ("language", "results", "suffix", "position"),
    [
        ("kk", "Министр тұрғындармен кездесті", "(kk)", "Басшының орынбасары"),
        ("ru", "Министр встретился с жителями", "(ru)", "Заместитель руководителя"),
    ],
)
def test_the_package_docx_holds_the_results_issues_and_plan_in_its_language(
    published, language, results, suffix, position
):
    text = docx_text(publication_docx(published.visit, publication_of(published.visit), language=language))
    for expected in (
        results,
        f"Road to the district hospital {suffix}",
        f"Gas in the village {suffix}",
        f"Repair the road {suffix}",
        "QazaqGaz",
        "30.09.2027",
        position,
    ):
        assert expected in text
    assert "Berik" not in text


@pytest.mark.parametrize(
    ("language", "results", "suffix"),
    [("kk", "Министр тұрғындармен кездесті", "(kk)"), ("ru", "Министр встретился с жителями", "(ru)")],
)
def test_the_package_pdf_holds_the_results_issues_and_plan_in_its_language(
    published, tmp_path, language, results, suffix
):
    content = publication_pdf(published.visit, publication_of(published.visit), language=language)
    text = " ".join(pdf_text(content, tmp_path).split())
    assert content.startswith(b"%PDF")
    for expected in (results, f"Gas in the village {suffix}", f"Repair the road {suffix}", "01.12.2027"):
        assert expected in text


@pytest.mark.parametrize(("language", "suffix"), [("kk", "(kk)"), ("ru", "(ru)")])
def test_the_quarterly_report_docx_is_in_its_language(published, language, suffix):
    year, quarter = quarter_of(timezone.localdate())
    report = publish_progress_report(
        actor=published.user("ministry_approver"), organisation=published.visit.organisation, year=year, quarter=quarter
    )
    text = docx_text(progress_report_docx(report.snapshot, language=language))
    for expected in (
        f"Road to the district hospital {suffix}",
        f"Connect the village to the gas network {suffix}",
        "QazaqGaz",
    ):
        assert expected in text
