"""The approved schedule as a Word document in the official table layout (landscape A4)."""

import datetime
import io
from itertools import groupby

from django.utils import formats, translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import _Cell, _Row
from docx.text.font import Font

from kezdesu.planning.domain.queries.published import version_items
from kezdesu.planning.interfaces.wording import dates_label, item_notes, period_label, wording_for
from kezdesu.planning.models import ScheduleVersion

FONT = "Times New Roman"
BODY_SIZE = Pt(12)
TITLE_SIZE = Pt(14)
COLUMN_WIDTHS = (Mm(12), Mm(60), Mm(55), Mm(55), Mm(45), Mm(30))  # 257 mm between 20 mm margins


def _set_font(font: Font, size: Length, *, bold: bool = False) -> None:
    font.name = FONT
    font.size = size
    font.bold = bold


def _write(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph = cell.add_paragraph()
        _set_font(paragraph.add_run(line).font, BODY_SIZE, bold=bold)


def _repeat_as_header(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def schedule_docx(*, version: ScheduleVersion, language: str) -> bytes:
    """The document of one frozen version in Kazakh or Russian."""
    wording = wording_for(language)
    document = Document()
    styles = document.styles["Normal"]
    _set_font(styles.font, BODY_SIZE)
    # East Asian and complex-script fallbacks would otherwise keep the template's Calibri for Cyrillic in some viewers.
    styles.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(15)

    with translation.override(language):
        if version.act_number:
            approved = document.add_paragraph()
            approved.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            act_date = f"{version.act_date:%d.%m.%Y}" if version.act_date else ""
            _set_font(
                approved.add_run(wording.approved.format(number=version.act_number, date=act_date)).font, BODY_SIZE
            )

        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(12)
        _set_font(
            title.add_run(wording.title.format(period=period_label(version.period, wording))).font,
            TITLE_SIZE,
            bold=True,
        )

        table = document.add_table(rows=1, cols=len(wording.columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for cell, heading in zip(table.rows[0].cells, wording.columns, strict=True):
            _write(cell, heading, bold=True, center=True)
        _repeat_as_header(table.rows[0])

        number = 0
        items = version_items(version)
        for (year, month), group in groupby(items, key=lambda item: (item.start_date.year, item.start_date.month)):
            month_row = table.add_row()
            merged = month_row.cells[0].merge(month_row.cells[-1])
            _write(merged, formats.date_format(datetime.date(year, month, 1), "F Y"), bold=True, center=True)
            for item in group:
                number += 1
                district = f" ({item.district.name})" if item.district else ""
                cells = table.add_row().cells
                _write(cells[0], str(number), center=True)
                _write(cells[1], item.organisation.name)
                _write(cells[2], item.position.title)
                _write(cells[3], f"{item.region.name}{district}")
                _write(cells[4], dates_label(item.start_date, item.end_date), center=True)
                _write(cells[5], "\n".join(item_notes(item, wording)))

        # LibreOffice reads the grid, Word reads the cells: set both. Month rows are one merged cell.
        for column, width in zip(table.columns, COLUMN_WIDTHS, strict=True):
            column.width = width
        for row in table.rows:
            cells = row.cells
            if len({id(cell._tc) for cell in cells}) == len(COLUMN_WIDTHS):
                for cell, width in zip(cells, COLUMN_WIDTHS, strict=True):
                    cell.width = width

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
