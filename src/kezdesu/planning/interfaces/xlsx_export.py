"""The approved schedule as a spreadsheet: the official table's columns, dates as real dates."""

import io

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kezdesu.planning.domain.queries.published import version_items
from kezdesu.planning.interfaces.wording import item_notes, period_label, wording_for
from kezdesu.planning.models import ScheduleVersion

DATE_FORMAT = "DD.MM.YYYY"
WIDTHS = (6, 62, 62, 30, 24, 12, 12, 34)


def schedule_xlsx(*, version: ScheduleVersion, language: str) -> bytes:
    """One frozen version: №, ministry, official, region, district, first day, last day, note."""
    wording = wording_for(language)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = wording.sheet
    number, ministry, official, _region, _dates, note = wording.columns
    sheet.append([number, ministry, official, wording.region, wording.district, wording.start, wording.end, note])
    with translation.override(language):
        for row, item in enumerate(version_items(version), start=1):
            sheet.append(
                [
                    row,
                    item.organisation.name,
                    item.position.title,
                    item.region.name,
                    item.district.name if item.district else "",
                    item.start_date,
                    item.end_date,
                    "; ".join(item_notes(item, wording)),
                ]
            )
        sheet.title = wording.sheet
        workbook.properties.title = wording.title.format(period=period_label(version.period, wording))

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="0B4A6F")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for column in ("F", "G"):
        for cell in sheet[column][1:]:
            cell.number_format = DATE_FORMAT
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    # Printed, the table fits the width of a landscape A4 page and repeats its header row.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
