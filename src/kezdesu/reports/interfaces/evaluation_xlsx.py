"""The published ranking of the annual evaluation as a spreadsheet (kk or ru): the ranking, each criterion's
points (an imputed one, counted by the scheme's rule for lack of records, in italics with a comment saying so),
and a sheet of the criteria with their weights, how each is counted and the rule."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font

from kezdesu.followup.domain.progress_reports import pick
from kezdesu.reports.domain.queries.evaluation import criterion_rows, imputed_note, missing_rule, published_results
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
        imputed_any = False
        for result in published_results(scheme):
            details = result.details
            by_code = {c["indicator"]: c for c in details.get("criteria", [])}
            not_ranked = _("exempt by the act") if details.get("exempt") else _("nothing to count")
            ranking.append(
                [
                    result.rank or not_ranked,
                    result.organisation.name,
                    result.score if result.rank else None,
                    *(_number(by_code.get(row.indicator, {}).get("points")) for row in criteria),
                ]
            )
            for column, row in enumerate(criteria, start=4):
                criterion = by_code.get(row.indicator, {})
                if criterion.get("imputed") and criterion.get("points") is not None:
                    cell = ranking.cell(row=ranking.max_row, column=column)
                    cell.font = Font(italic=True)
                    cell.comment = Comment(imputed_note(criterion), "Kezdesu")
                    imputed_any = True
        if imputed_any:
            ranking.append([])
            ranking.append(
                [_("In italics: no records under the criterion; counted by the rule on the “Method” sheet.")]
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
        method.append(
            [pick({code: getattr(scheme, f"approval_reference_{code}") or "" for code in ("kk", "ru", "en")})]
        )
        method.append([missing_rule(scheme)])
        method.append([_("Ministries the act exempts are not ranked.")])
        method.column_dimensions["A"].width = 40
        method.column_dimensions["C"].width = 90
        for cells in method.iter_rows():
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
