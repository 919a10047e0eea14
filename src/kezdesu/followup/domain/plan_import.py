"""Importing an action plan from a spreadsheet in the export's layout (followup.interfaces.plan_xlsx).

Every row is checked first; the import adds all rows in one transaction or nothing, and returns the errors by
row number. A measure already in the plan (same issue, same Kazakh text) is left alone, so importing the same
file twice adds nothing. Issue titles, status and percent are the export's information and are not read.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError
from kezdesu.followup.domain.plans import create_measure, require_planner, validate_measure
from kezdesu.followup.domain.visit_end import end_date
from kezdesu.followup.interfaces.plan_xlsx import KEYS
from kezdesu.followup.models import Measure, ProblemIssue
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation, User

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


@dataclass
class ImportResult:
    created: list[Measure] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _rows(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError):
        raise DomainError(
            _("The file cannot be read as an XLSX workbook: save it again from the spreadsheet."), code="bad_file"
        ) from None
    try:
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        if next(lines, None) is None:
            raise DomainError(_("The file is empty."), code="empty_file")
        rows: list[tuple[int, dict[str, Any]]] = []
        for number, values in enumerate(lines, start=2):  # numbered as the spreadsheet shows them
            if not any(_text(value) for value in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise DomainError(
                    _("The file has more than %(max)s measures: split it.") % {"max": MAX_ROWS}, code="too_many_rows"
                )
            rows.append((number, {key: values[pos] if pos < len(values) else None for pos, key in enumerate(KEYS)}))
        return rows
    finally:
        workbook.close()


def _row_values(
    raw: dict[str, Any],
    issues: dict[int, ProblemIssue],
    organisations: dict[str, Organisation],
    visit_end: datetime.date,
) -> tuple[ProblemIssue, dict[str, Any]]:
    number = _text(raw["issue_number"])
    issue = issues.get(int(number)) if number.isdigit() else None
    if issue is None:
        raise DomainError(
            _("There is no problem issue number “%(number)s” in this visit.") % {"number": number}, code="no_issue"
        )
    deadline = _date(raw["deadline"])
    if deadline is None:
        raise DomainError(
            _("“%(value)s” is not a date: write it as dd.mm.yyyy.") % {"value": _text(raw["deadline"])},
            code="bad_date",
        )
    code = _text(raw["executor_code"])
    executor = organisations.get(code) if code else None
    if code and executor is None:
        raise DomainError(_("There is no body with the code “%(code)s”.") % {"code": code}, code="no_organisation")
    values: dict[str, Any] = {key: _text(raw[key]) for key in KEYS if key.startswith(("text_", "executor_position_"))}
    values.update(deadline=deadline, executor=executor, executor_company=_text(raw["executor_company"]))
    return issue, validate_measure(values, issue=issue, visit_end=visit_end)


def import_plan(*, actor: User, visit: Visit, file: IO[bytes]) -> ImportResult:
    """Check every row, then add the new measures all together, or none when a row is wrong."""
    require_planner(actor, ProblemIssue(visit=visit))
    issues = {issue.number: issue for issue in ProblemIssue.objects.filter(visit=visit)}
    for issue in issues.values():
        issue.visit = visit
    content = file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise DomainError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)}, code="too_large"
        )
    rows = _rows(content)
    visit_end = end_date(visit)
    organisations = {organisation.code: organisation for organisation in Organisation.objects.all()}
    existing = set(Measure.objects.filter(issue__visit=visit).values_list("issue_id", "text_kk"))
    result = ImportResult()
    planned: list[tuple[ProblemIssue, dict[str, Any]]] = []
    for number, raw in rows:
        try:
            issue, values = _row_values(raw, issues, organisations, visit_end)
        except DomainError as error:
            result.errors.append(RowError(row=number, message=str(error.message)))
            continue
        key = (issue.pk, values["text_kk"])
        if key in existing:
            result.unchanged += 1
            continue
        existing.add(key)
        planned.append((issue, values))
    if result.errors:
        return result
    with transaction.atomic():
        for issue, values in planned:
            result.created.append(create_measure(actor=actor, issue=issue, values=values))
        if planned:
            record_audit(
                actor=actor,
                action="followup.plan_import",
                target=visit,
                organisation=visit.organisation,
                new={"created": len(planned), "unchanged": result.unchanged},
            )
    return result
