"""Writing open data (S6): rows of plain values as CSV (UTF-8 with a byte-order mark, so Excel reads the Kazakh
and Russian letters) or as a JSON object with the column list, piece by piece so that a response can stream."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any


def iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return "" if value is None else value


def csv_lines(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV text piece by piece: a byte-order mark (for Excel), the header, one line per row."""
    columns = list(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: Iterable[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield "\ufeff" + line(columns)
    for row in rows:
        yield line(_csv_value(row[column]) for column in columns)


def json_chunks(rows: Iterable[dict[str, Any]], *, name: str, columns: Iterable[str]) -> Iterator[str]:
    """A JSON object with the column list and the rows, piece by piece."""
    yield '{"name": ' + json.dumps(name) + ', "columns": ' + json.dumps(list(columns)) + ', "rows": ['
    first = True
    for row in rows:
        yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "]}\n"
