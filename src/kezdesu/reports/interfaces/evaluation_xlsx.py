"""The published ranking of the annual evaluation as a spreadsheet (kk or ru): the ranking, each criterion's
points, and a sheet of the criteria with their weights and how each is counted."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from kezdesu.followup.domain.progress_reports import pick
from kezdesu.reports.domain.queries.evaluation import criterion_rows, published_results
from kezdesu.reports.models import EvaluationScheme

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def evaluation_file_name(year: int, language: str) -> str:
    return f"evaluation-{year}-{language}.xlsx"


def _number(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def evaluation_xlsx(scheme: EvaluationScheme, *, language: str) -> bytes:
    workbook = Workbook()
    ranking = workbook.active
    assert ranking is not None  # a new workbook always has one sheet
    with translation.override(language):
        criteria = criterion_rows(list(scheme.criteria.all()))
        ranking.title = _("Ranking")[:31]
        ranking.append([_("Annual evaluation of the ministries, %(year)s") % {"year": scheme.year}])
        ranking["A1"].font = Font(bold=True, size=13)
        ranking.append([])
        ranking.append(
            [_("Rank"), _("Ministry"), _("Score (of 100)"), *(f"{row.title} ({row.weight})" for row in criteria)]
        )
        for cell in ranking[3]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for result in published_results(scheme):
            details = result.details
            points = {c["indicator"]: c["points"] for c in details.get("criteria", [])}
            not_ranked = _("exempt by the act") if details.get("exempt") else _("nothing to count")
            ranking.append(
                [
                    result.rank or not_ranked,
                    result.organisation.name,
                    result.score if result.rank else None,
                    *(_number(points.get(row.indicator)) for row in criteria),
                ]
            )
        ranking.column_dimensions["A"].width = 22
        # Printed: landscape, every column on the page's width.
        ranking.page_setup.orientation = "landscape"
        ranking.page_setup.fitToWidth, ranking.page_setup.fitToHeight = 1, 0
        ranking.sheet_properties.pageSetUpPr.fitToPage = True
        ranking.column_dimensions["B"].width = 48
        for letter in "CDEFGHIJ":
            ranking.column_dimensions[letter].width = 16
        method = workbook.create_sheet(_("Method")[:31])
        method.append([_("Criterion"), _("Weight"), _("How it is counted")])
        for cell in method[1]:
            cell.font = Font(bold=True)
        for row in criteria:
            method.append([row.title, row.weight, row.explanation])
        method.append([])
        method.append([pick({code: getattr(scheme, f"note_{code}") or "" for code in ("kk", "ru", "en")})])
        method.append([scheme.approval_reference])
        method.append(
            [
                _(
                    "A criterion with nothing to count for a ministry gives its weight to the ministry's other "
                    "criteria in proportion. Ministries the act exempts are not ranked."
                )
            ]
        )
        method.column_dimensions["A"].width = 40
        method.column_dimensions["C"].width = 90
        for cells in method.iter_rows():
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
