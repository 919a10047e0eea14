"""A visit's action plan as a spreadsheet, one row per measure, headers in the reader's language.

The import (followup.domain.plan_import) reads the same layout by column position, so a plan exported in any
language can be filled in and imported back.
"""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kezdesu.followup.domain.queries.measures import plan_measures
from kezdesu.meetings.models import Visit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"
# (key, header, width). The import relies on this order.
COLUMNS = (
    ("issue_number", _("Issue No."), 8),
    ("issue_title_kk", _("Issue (Kazakh)"), 36),
    ("issue_title_ru", _("Issue (Russian)"), 36),
    ("text_kk", _("Measure (Kazakh)"), 48),
    ("text_ru", _("Measure (Russian)"), 48),
    ("text_en", _("Measure (English)"), 48),
    ("deadline", _("Deadline"), 12),
    ("executor_code", _("Executor body (code)"), 18),
    ("executor_company", _("Executor (holding or company)"), 24),
    ("executor_position_kk", _("Responsible position (Kazakh)"), 30),
    ("executor_position_ru", _("Responsible position (Russian)"), 30),
    ("executor_position_en", _("Responsible position (English)"), 30),
    ("status", _("Status"), 14),
    ("percent", _("Done, %"), 8),
)
KEYS = tuple(key for key, _label, _width in COLUMNS)


def _tr(obj: object, name: str, language: str) -> str:
    """One language's value of translated content, without fallback."""
    return getattr(obj, f"{name}_{language}", None) or ""


def plan_file_name(visit: Visit) -> str:
    return f"action-plan-visit-{visit.pk}.xlsx"


def plan_xlsx(*, visit: Visit, language: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    with translation.override(language):
        sheet.title = str(_("Action plan"))[:31]
        sheet.append([str(label) for _key, label, _width in COLUMNS])
        for measure in plan_measures(visit):
            issue = measure.issue
            sheet.append(
                [
                    issue.number,
                    _tr(issue, "title", "kk"),
                    _tr(issue, "title", "ru"),
                    _tr(measure, "text", "kk"),
                    _tr(measure, "text", "ru"),
                    _tr(measure, "text", "en"),
                    measure.deadline,
                    measure.executor.code if measure.executor else "",
                    measure.executor_company,
                    _tr(measure, "executor_position", "kk"),
                    _tr(measure, "executor_position", "ru"),
                    _tr(measure, "executor_position", "en"),
                    str(measure.get_status_display()),
                    measure.percent,
                ]
            )
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="0B4A6F")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    deadline_column = get_column_letter(KEYS.index("deadline") + 1)
    for cell in sheet[deadline_column][1:]:
        cell.number_format = DATE_FORMAT
    for index, (_key, _label, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
