"""Reading exported files of questions (CSV, XLSX, JSON) into rows for `import_questions`.

The real exports of the heads' blog platform, eOtinish, social networks and the akims' meetings with
the population are not published, so one documented schema serves them all. The first row of a CSV
or XLSX file (or the keys of each JSON object) names the columns; each column is recognised by any
of its names below, in any case, in English, Russian or Kazakh:

    id        the question's id in the source (re-importing the file then adds nothing);
              without it, an id is made from the row's content
    date      when it was asked: 2027-03-01, 2027-03-01 14:30 or 01.03.2027; empty means now
    name      the author's name (never published)
    region    the region, by name in any language or KATO code; empty means the visit's region
    district  the district or town of that region, by name or KATO code
    topic     the topic, by code or name; one not recognised is left for the moderator
    text      the question (required)
    contact   a contact for the answer (never published)

CSV: UTF-8 with or without a byte-order mark, fields separated by ";" or "," (the one the header uses).
XLSX: the first sheet. JSON: a list of objects, or an object with the list under "items".
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.intake import ImportRow, QuestionFile, import_questions
from kezdesu.questions.models import ImportBatch

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "external_id", "номер", "№", "ид", "идентификатор", "нөмір", "number"),
    "date": ("date", "received", "created", "дата", "дата обращения", "күні", "күн", "уақыты"),
    "name": ("name", "author", "фио", "имя", "автор", "заявитель", "аты-жөні", "аты", "өтініш беруші"),
    "region": ("region", "регион", "область", "облыс", "өңір"),
    "district": ("district", "town", "район", "город", "аудан", "қала"),
    "topic": ("topic", "category", "тема", "категория", "тақырып", "санат"),
    "text": (
        "text",
        "question",
        "message",
        "текст",
        "вопрос",
        "обращение",
        "суть обращения",
        "мәтін",
        "сұрақ",
        "өтініш",
    ),
    "contact": ("contact", "phone", "email", "контакт", "телефон", "байланыс"),
}
_COLUMN_OF = {alias.casefold(): column for column, aliases in COLUMN_ALIASES.items() for alias in aliases}


class ImportFileError(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="import_file")


def file_format_of(file_name: str) -> str:
    suffix = PurePath(file_name).suffix.casefold().lstrip(".")
    if suffix not in ImportBatch.Format.values:
        raise ImportFileError(
            _("The file “%(name)s” is not a CSV, XLSX or JSON file: export the questions in one of these formats.")
            % {"name": file_name}
        )
    return suffix


def read_question_file(file_name: str, content: bytes) -> QuestionFile:
    """The rows of the file, or ImportFileError saying what is wrong with it as a whole."""
    file_format = file_format_of(file_name)
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is too large: %(size)s MB, at most %(max)s MB. Split it into smaller files.")
            % {"size": round(len(content) / 1024 / 1024, 1), "max": MAX_FILE_BYTES // 1024 // 1024}
        )
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    readers = {"csv": _csv_records, "xlsx": _xlsx_records, "json": _json_records}
    records = readers[file_format](content)
    return QuestionFile(file_name=file_name, file_format=file_format, rows=_rows(records))


def import_question_file(*, actor: Any, visit: Visit, channel: str, file_name: str, content: bytes) -> ImportBatch:
    """Read the file and import its questions (see `import_questions`)."""
    return import_questions(actor=actor, visit=visit, channel=channel, source=read_question_file(file_name, content))


def _rows(records: Iterator[tuple[int, dict[str, Any]]]) -> list[ImportRow]:
    rows: list[ImportRow] = []
    for number, record in records:
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": f"{MAX_ROWS:,}"}
            )
        values = {column: _text(record.get(column)) for column in COLUMN_ALIASES}
        if not any(values.values()):
            continue  # a blank line
        rows.append(ImportRow(number=number, external_id=values.pop("id"), **values))
    if not rows:
        raise ImportFileError(_("The file holds no questions."))
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):  # a date or time cell of a spreadsheet
        return str(value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a numeric id of a spreadsheet
    return str(value).strip()


def _columns(header: Iterable[Any]) -> dict[int, str]:
    """Which known column each position of the header is; refuses a header without a text column."""
    columns: dict[int, str] = {}
    for position, title in enumerate(header):
        column = _COLUMN_OF.get(_text(title).casefold())
        if column is not None and column not in columns.values():
            columns[position] = column
    if "text" not in columns.values():
        raise ImportFileError(
            _(
                "The file has no column with the questions' text. Name it “text” (or “текст”, “вопрос”, "
                "“мәтін”, “сұрақ”) in the first row."
            )
        )
    return columns


def _csv_records(content: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not in UTF-8: save it from the spreadsheet as “CSV UTF-8”.")) from None
    # The separator is the one the header uses more: column names hold neither, texts may hold both.
    first_line = text.split("\n", 1)[0]
    dialect: type[csv.Dialect] = _Semicolon if first_line.count(";") > first_line.count(",") else csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        columns = _columns(next(reader, []))
        # Numbered as a spreadsheet shows them: the header is row 1.
        for number, values in enumerate(reader, start=2):
            yield number, {column: values[pos] for pos, column in columns.items() if pos < len(values)}
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read near line %(line)s: %(error)s") % {"line": reader.line_num, "error": error}
        ) from None


class _Semicolon(csv.excel):
    delimiter = ";"


def _xlsx_records(content: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook  # only imports need it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError):
        raise ImportFileError(
            _("The file cannot be read as an XLSX workbook: save it again from the spreadsheet.")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        columns = _columns(header)
        for number, values in enumerate(lines, start=2):
            yield number, {column: values[pos] for pos, column in columns.items() if pos < len(values)}
    finally:
        workbook.close()


def _json_records(content: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportFileError(_("The file is not valid JSON: %(error)s") % {"error": error}) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        raise ImportFileError(_("The JSON file must hold a list of questions, or an object with them under “items”."))
    if not data:
        raise ImportFileError(_("The file holds no questions."))
    # Objects of one export may name a column differently (one has "text", another "message"): any alias counts.
    keys = sorted({key for item in data if isinstance(item, dict) for key in item})
    _columns(keys)  # refuses a file without a text column
    aliases = [(key, _COLUMN_OF[key.casefold()]) for key in keys if key.casefold() in _COLUMN_OF]
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise ImportFileError(_("Item %(number)s of the JSON list is not an object.") % {"number": number})
        record: dict[str, Any] = {}
        for key, column in aliases:
            if record.get(column) in (None, "") and item.get(key) not in (None, ""):
                record[column] = item[key]
        yield number, record
