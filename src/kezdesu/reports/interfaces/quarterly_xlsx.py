"""The quarterly information (R22) as spreadsheets: one ministry's pack (figures, channels, meetings) and the
national quarterly pack (a summary sheet of every ministry with a totals row, then one sheet per ministry)."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kezdesu.followup.domain.progress_reports import pick
from kezdesu.reports.domain.figures import COUNT_FIELDS, SECTIONS, compile_quarterly_figures
from kezdesu.reports.interfaces.quarterly_docx import (
    channel_rows,
    date_text,
    document_language,
    meeting_header,
    meeting_rows,
)
from kezdesu.reports.models import QuarterlyInformation

LANGS = ("kk", "ru", "en")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="0B4A6F")
_BOLD = Font(bold=True)


def _header(sheet: Worksheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _printable(sheet: Worksheet, *, landscape: bool = False) -> None:
    """Printed (and converted to PDF) one page wide."""
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    if landscape:
        sheet.page_setup.orientation = "landscape"


def _count_label(name: str) -> str:
    for title, rows in SECTIONS:
        for field, label, _help in rows:
            if field == name:
                return f"{title}: {label}"
    return name


def _pack_sheet(sheet: Worksheet, snapshot: dict[str, Any]) -> None:
    """One ministry's figures, questions by channel and meetings, top to bottom."""
    sheet.append([_("Quarterly information on the meetings with the population")])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [
            _("%(ministry)s · quarter %(quarter)s of %(year)s")
            % {
                "ministry": pick(snapshot["organisation_name"]),
                "quarter": snapshot["quarter"],
                "year": snapshot["year"],
            }
        ]
    )
    sheet.append([_("Period"), f"{date_text(snapshot['start'])} – {date_text(snapshot['end'])}"])
    sheet.append([_("As of"), date_text(snapshot["as_of"])])
    sheet.append([])
    counts = snapshot["counts"]
    for title, rows in SECTIONS:
        sheet.append([str(title)])
        sheet.cell(row=sheet.max_row, column=1).font = _BOLD
        for name, label, explanation in rows:
            sheet.append([str(label), int(counts.get(name, 0)), str(explanation)])
    sheet.append([])
    sheet.append([_("Questions by channel")])
    sheet.cell(row=sheet.max_row, column=1).font = _BOLD
    for label, count in channel_rows(snapshot):
        sheet.append([label, count])
    narrative = pick(snapshot.get("narrative") or "")
    if narrative:
        sheet.append([])
        sheet.append([_("Summary")])
        sheet.cell(row=sheet.max_row, column=1).font = _BOLD
        sheet.append([narrative])
    sheet.append([])
    sheet.append(list(meeting_header()))
    _header(sheet, sheet.max_row)
    for row in meeting_rows(snapshot):
        sheet.append(list(row))
    _widths(sheet, [34, 18, 60, 20, 14, 11, 11, 16])
    _printable(sheet, landscape=True)


def quarterly_xlsx(snapshot: dict[str, Any], *, language: str) -> bytes:
    language = document_language(language)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    with translation.override(language):
        sheet.title = str(_("Quarterly information"))[:31]
        _pack_sheet(sheet, snapshot)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def national_pack_file_name(year: int, quarter: int, language: str) -> str:
    return f"kezdesu-quarterly-national-{year}-q{quarter}-{language}.xlsx"


def national_pack_xlsx(year: int, quarter: int, language: str, *, today: Any = None) -> bytes:
    """Every ministry's quarterly information for the quarter: the approved snapshot where there is one, the
    figures compiled from the records for the rest (one compilation for all of them)."""
    from kezdesu.reports.domain.queries.quarterly import quarterly_overview

    language = document_language(language)
    today = today or timezone.localdate()
    rows = quarterly_overview(year, quarter, today=today)
    # Approved or submitted packs read as approved; drafts (and ministries without a pack) as the records stand.
    need = [
        row.organisation
        for row in rows
        if row.information is None or row.status == QuarterlyInformation.Status.DRAFT or not row.information.snapshot
    ]
    compiled = compile_quarterly_figures(need, year, quarter, today=today)
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    with translation.override(language):
        summary.title = str(_("Summary"))[:31]
        summary.append(
            [
                _("Quarterly information of the ministries · quarter %(quarter)s of %(year)s")
                % {"quarter": quarter, "year": year}
            ]
        )
        summary["A1"].font = Font(bold=True, size=13)
        header = [_("Ministry"), _("Status"), _("State"), _("Due"), _("Submitted")]
        header += [_count_label(name) for name in COUNT_FIELDS]
        summary.append(header)
        _header(summary, 2)
        totals = dict.fromkeys(COUNT_FIELDS, 0)
        snapshots = []
        for row in rows:
            information = row.information
            if row.organisation.pk in compiled:
                snapshot = compiled[row.organisation.pk].to_json()
                if information is not None:
                    snapshot["narrative"] = {
                        code: getattr(information, f"narrative_{code}", "") or "" for code in LANGS
                    }
            else:
                assert information is not None  # approved or submitted
                snapshot = information.snapshot
            snapshots.append((row, snapshot))
            counts = snapshot["counts"]
            line: list[Any] = [
                row.organisation.name,
                str(QuarterlyInformation.Status(row.status).label),
                row.state_label,
                row.due.strftime("%d.%m.%Y") if row.due else "—",
                timezone.localtime(information.submitted_at).strftime("%d.%m.%Y")
                if information is not None
                and information.submitted_at
                and row.status == QuarterlyInformation.Status.SUBMITTED
                else "—",
            ]
            for name in COUNT_FIELDS:
                value = int(counts.get(name, 0))
                totals[name] += value
                line.append(value)
            summary.append(line)
        summary.append([_("Total"), "", "", "", ""] + [totals[name] for name in COUNT_FIELDS])
        for cell in summary[summary.max_row]:
            cell.font = _BOLD
        _widths(summary, [36, 16, 18, 11, 11] + [12] * len(COUNT_FIELDS))
        summary.freeze_panes = "B3"
        _printable(summary, landscape=True)
        used: set[str] = {summary.title}
        for row, snapshot in snapshots:
            title = (row.organisation.code or str(row.organisation.pk))[:31]
            while title in used:
                title = title[:28] + f"-{len(used)}"
            used.add(title)
            _pack_sheet(workbook.create_sheet(title), snapshot)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
