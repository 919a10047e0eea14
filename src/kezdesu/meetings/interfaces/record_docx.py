"""The meeting's record as a Word document (A4), in the active language: what the meeting was, its times
against the plan and the presentation's share (R15), attendance, participants (R17), recordings, and every
question with what became of it. For the ministry's files and the follow-up (issue 6)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

from kezdesu.meetings.domain.queries.record import MeetingRecord
from kezdesu.meetings.interfaces.public_page import visit_title
from kezdesu.meetings.templatetags.live_clock import clock

ACCENT = RGBColor(0x0B, 0x4A, 0x6F)
QUESTION_CHARS = 300


def _when(moment: object) -> str:
    if moment is None:
        return "—"
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")  # type: ignore[arg-type]


def _document() -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(1.5)
    section.left_margin = section.right_margin = Cm(1.8)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(2)
    for name in ("Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.color.rgb = ACCENT
    document.styles["Title"].font.size = Pt(18)
    document.styles["Heading 1"].font.size = Pt(13)
    return document


def _widths(table: Table, widths: tuple[Cm, ...]) -> None:
    """Fixed column widths, set on the grid and on every cell: LibreOffice reads the one, Word the other."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _facts(document: DocxDocument, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        run = cells[0].paragraphs[0].add_run(label)
        run.bold = True
        cells[1].paragraphs[0].add_run(value)
    _widths(table, (Cm(5), Cm(12.4)))


def record_docx(record: MeetingRecord) -> bytes:
    """The record as the bytes of a .docx file."""
    visit = record.visit
    document = _document()
    document.add_paragraph(_("Record of the meeting with the population"), style="Title")
    document.add_paragraph(visit_title(visit))
    timing = record.timing
    planned = f"{_when(record.planned_start)} – {_when(record.planned_end)}"
    if record.planned_minutes:
        planned += " · " + _("%(minutes)s minutes planned") % {"minutes": record.planned_minutes}
    actual = f"{_when(record.actual_start)} – {_when(record.actual_end)}"
    if record.actual_minutes is not None:
        actual += " · " + _("%(minutes)s minutes") % {"minutes": record.actual_minutes}
    rows = [
        (_("Official"), f"{visit.position.title}, {visit.organisation.name}"),
        (_("Region"), visit.region.name + (f", {visit.district.name}" if visit.district else "")),
        (_("Planned"), planned),
        (_("Actual"), actual),
    ]
    if timing is not None:
        rows += [
            (_("Presentation"), clock(timing.presentation_seconds)),
            (_("Questions and answers"), clock(timing.questions_seconds)),
            (
                _("The presentation's share"),
                timing.summary() + " " + _("Of the time used: %(percent)s%%.") % {"percent": timing.percent_of_used},
            ),
        ]
    none = "—"
    rows += [
        (_("People in the hall"), none if record.attendance_hall is None else str(record.attendance_hall)),
        (_("Online viewers"), none if record.online_viewers is None else str(record.online_viewers)),
        (_("Participants"), "\n".join(record.participants) or none),
        (_("Recordings"), "\n".join(record.recording_links) or none),
    ]
    if record.note:
        rows.append((_("Note"), record.note))
    _facts(document, rows)

    document.add_paragraph(_("What happened to the questions"), style="Heading 1")
    counts = [f"{capfirst(label)}: {count}" for label, count in record.outcome_rows]
    counts.append(_("No outcome recorded: %(count)s") % {"count": record.without_outcome})
    counts.append(_("Hidden: %(count)s") % {"count": record.hidden_total})
    if record.awaiting_moderation:
        counts.append(_("Awaiting moderation: %(count)s") % {"count": record.awaiting_moderation})
    document.add_paragraph(" · ".join(counts))

    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, (_("No."), _("Question"), _("Channel"), _("Outcome")), strict=True):
        cell.paragraphs[0].add_run(label).bold = True
    for number, fate in enumerate(record.questions, start=1):
        question = fate.question
        if question.status == question.Status.HIDDEN:
            outcome = _("Hidden: %(reason)s") % {"reason": question.get_hidden_reason_display()}
        elif question.outcome:
            outcome = str(capfirst(question.get_outcome_display()))
            if question.forwarded_to is not None:
                outcome += f": {question.forwarded_to.name}"
            if question.outcome_note:
                outcome += f"\n{question.outcome_note}"
        else:
            outcome = "—"
        cells = table.add_row().cells
        cells[0].text = str(number)
        cells[1].text = Truncator(question.published_text or question.text).chars(QUESTION_CHARS)
        cells[2].text = f"{question.get_channel_display()} · " + _("%(votes)s votes") % {"votes": question.votes}
        cells[3].text = outcome
    _widths(table, (Cm(1), Cm(9.2), Cm(3.4), Cm(3.8)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
