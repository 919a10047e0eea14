"""The ten-day package (R20) as a Word document (A4) in one language: the visit's results, the list of problem
issues and the action plan. Public content only: no askers, no staff names."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument
from docx.shared import Cm

from kezdesu.followup.domain.publication import competent_body_name, executor_name, package_issues
from kezdesu.followup.models import ProblemIssue, Publication
from kezdesu.meetings.interfaces.public_page import visit_dates, visit_title
from kezdesu.meetings.interfaces.record_docx import _document, _facts, _widths
from kezdesu.meetings.models import Visit

LANGUAGES = ("kk", "ru", "en")


def language_or_default(value: str | None) -> str:
    return value if value in LANGUAGES else (translation.get_language() or "kk")[:2]


def file_name(visit: Visit, language: str, extension: str) -> str:
    return f"kezdesu-visit-{visit.pk}-results-{language}.{extension}"


def place(issue: ProblemIssue) -> str:
    return issue.region.name + (f", {issue.district.name}" if issue.district is not None else "")


def table(
    document: DocxDocument, header: tuple[str, ...], rows: Sequence[Sequence[str]], widths: tuple[Cm, ...]
) -> None:
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    for cell, label in zip(grid.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(label).bold = True
    for row in rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.paragraphs[0].add_run(value)
    _widths(grid, widths)


def issues_table(document: DocxDocument, issues: list[ProblemIssue]) -> None:
    header = (_("No."), _("Problem issue"), _("Region, district"), _("Sector"), _("Competent body"), _("Citizens"))
    rows = [
        (
            str(issue.number),
            issue.title,
            place(issue),
            issue.sector.name if issue.sector is not None else "—",
            competent_body_name(issue),
            str(issue.citizens),
        )
        for issue in issues
    ]
    table(document, header, rows, (Cm(1), Cm(4.8), Cm(3.1), Cm(2.6), Cm(3.3), Cm(2.6)))


def plan_table(document: DocxDocument, issues: list[ProblemIssue]) -> None:
    header = (_("No."), _("Measure"), _("Deadline"), _("Executor"), _("Responsible position"))
    rows = []
    for issue in issues:
        for position, measure in enumerate(issue.measures.all(), start=1):
            rows.append(
                (
                    f"{issue.number}.{position}",
                    measure.text,
                    measure.deadline.strftime("%d.%m.%Y"),
                    executor_name(measure),
                    measure.executor_position,
                )
            )
        if issue.status == ProblemIssue.Status.NOT_SOLVABLE:
            rows.append((str(issue.number), issue.status_note or str(issue.get_status_display()), "—", "—", "—"))
    table(document, header, rows, (Cm(1.2), Cm(7), Cm(2.2), Cm(3.6), Cm(3.4)))


def publication_docx(visit: Visit, publication: Publication | None, *, language: str) -> bytes:
    with translation.override(language):
        issues = package_issues(visit)
        document = _document()
        document.add_paragraph(_("Results of the meeting with the population"), style="Title")
        document.add_paragraph(visit_title(visit))
        published = "—"
        if publication is not None and publication.published_at is not None:
            published = timezone.localtime(publication.published_at).strftime("%d.%m.%Y %H:%M")
            if publication.revised_at is not None:
                revised = timezone.localtime(publication.revised_at).strftime("%d.%m.%Y %H:%M")
                published += " · " + _("revised %(when)s") % {"when": revised}
        _facts(
            document,
            [
                (_("Official"), f"{visit.position.title}, {visit.organisation.name}"),
                (_("Region"), visit.region.name + (f", {visit.district.name}" if visit.district else "")),
                (_("Dates"), visit_dates(visit)),
                (_("Published"), published),
            ],
        )
        document.add_paragraph(_("Results of the visit"), style="Heading 1")
        results = getattr(publication, f"results_{language}", "") if publication is not None else ""
        for paragraph in (results or (publication.results if publication is not None else "") or "—").split("\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
        document.add_paragraph(_("List of problem issues"), style="Heading 1")
        issues_table(document, issues)
        document.add_paragraph(_("Action plan"), style="Heading 1")
        plan_table(document, issues)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
