"""Reading and checking the reference data files (organisations/data/*.csv, *.yaml).

Each reader returns the model field values of every row, with the row's stable key, and
refuses a file with an unknown column, a missing value, an unknown kind or a repeated key.
"""

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.organisations.models import District, Organisation, Position, Region

# libyaml's loader when PyYAML was built with it: the files load ten times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ("kk", "ru", "en")


class ReferenceDataError(DomainError):
    """A data file cannot be loaded as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="reference_data")


@dataclass(frozen=True)
class FormerNameRecord:
    used_until: datetime.date  # the last day the body bore the name
    values: dict[str, Any]  # name_kk, name_ru, name_en, act


@dataclass(frozen=True)
class OrganisationRecord:
    code: str
    parent: str  # code of the parent body, or ""
    region: str  # KATO code of the region an akimat governs, or ""
    values: dict[str, Any]
    district: str = ""  # KATO code of the district or town a district akimat governs, or ""
    former_names: tuple[FormerNameRecord, ...] = ()


@dataclass(frozen=True)
class PositionRecord:
    organisation: str
    code: str
    values: dict[str, Any]


def translated(name: str) -> list[str]:
    return [f"{name}_{language}" for language in LANGUAGES]


REGION_COLUMNS = [
    "kato",
    "iso_code",
    "pcode",
    "kind",
    *translated("name"),
    "population",
    "population_as_of",
    "population_source",
]
DISTRICT_COLUMNS = ["kato", "pcode", "region_kato", "region_pcode", "kind", *translated("name")]
ORGANISATION_TEXT = [*translated("name"), *translated("short_name"), *translated("competence"), "note"]
ORGANISATION_DATES = ["existed_from", "existed_to"]
ORGANISATION_KEYS = {
    "code",
    "kind",
    "parent",
    "region",
    "is_authorized_body",
    *ORGANISATION_TEXT,
    *ORGANISATION_DATES,
    "former_names",
}
FORMER_NAME_FIELDS = [*translated("name"), "act"]
FORMER_NAME_KEYS = {*FORMER_NAME_FIELDS, "used_until"}
POSITION_KEYS = {"code", "level", "order", *translated("title")}


def read_regions(path: Path) -> list[dict[str, Any]]:
    rows = _read_csv(path, REGION_COLUMNS, required=["kato", "iso_code", "pcode", "kind", *translated("name")])
    for row in rows:
        _check_choice(path, row["kato"], row["kind"], Region.Kind.values)
        row["population"] = _integer(path, row["kato"], row["population"])
    _check_unique(path, (row["kato"] for row in rows))
    return rows


def read_districts(path: Path) -> list[dict[str, Any]]:
    rows = _read_csv(path, DISTRICT_COLUMNS, required=DISTRICT_COLUMNS)
    for row in rows:
        _check_choice(path, row["kato"], row["kind"], District.Kind.values)
        # The P-code of the region is kept in the file for reading; the KATO code is the link.
        del row["region_pcode"]
    _check_unique(path, (row["kato"] for row in rows))
    return rows


def read_organisations(path: Path) -> list[OrganisationRecord]:
    records = []
    for item in _read_yaml_list(path):
        code = _required(path, item, "code")
        _check_keys(path, code, item, ORGANISATION_KEYS)
        kind = _required(path, item, "kind")
        _check_choice(path, code, kind, Organisation.Kind.values)
        for name in translated("name"):
            _required(path, item, name)
        values: dict[str, Any] = {name: str(item.get(name) or "").strip() for name in ORGANISATION_TEXT}
        values["kind"] = kind
        values["is_authorized_body"] = bool(item.get("is_authorized_body", False))
        for key in ORGANISATION_DATES:
            values[key] = _date(path, code, item.get(key), key=key)
        if values["existed_from"] and values["existed_to"] and values["existed_to"] < values["existed_from"]:
            raise ReferenceDataError(
                _("%(file)s, %(where)s: “existed_to” comes before “existed_from”.") % {"file": path.name, "where": code}
            )
        records.append(
            OrganisationRecord(
                code=code,
                parent=str(item.get("parent") or ""),
                region=str(item.get("region") or ""),
                values=values,
                former_names=_former_names(path, code, item.get("former_names"), values),
            )
        )
    _check_unique(path, (record.code for record in records))
    if sum(record.values["is_authorized_body"] for record in records) > 1:
        raise ReferenceDataError(_("%(file)s: only one organisation may be the authorized body.") % {"file": path.name})
    return records


def read_positions(path: Path) -> list[PositionRecord]:
    records = []
    for group in _read_yaml_list(path):
        organisation = _required(path, group, "organisation")
        for item in group.get("positions") or []:
            code = _required(path, item, "code")
            where = f"{organisation}/{code}"
            _check_keys(path, where, item, POSITION_KEYS)
            level = _required(path, item, "level")
            _check_choice(path, where, level, Position.Level.values)
            values: dict[str, Any] = {name: _required(path, item, name) for name in translated("title")}
            values["level"] = level
            values["order"] = _integer(path, where, str(item.get("order", 0))) or 0
            records.append(PositionRecord(organisation=organisation, code=code, values=values))
    _check_unique(path, (f"{record.organisation}/{record.code}" for record in records))
    return records


def _former_names(path: Path, code: str, items: Any, organisation: dict[str, Any]) -> tuple[FormerNameRecord, ...]:
    """The names the body bore before, each up to its last day, within the dates the body existed."""
    if items is None:
        return ()
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ReferenceDataError(
            _("%(file)s, %(where)s: “former_names” must be a list of entries.") % {"file": path.name, "where": code}
        )
    records = []
    for item in items:
        _check_keys(path, code, item, FORMER_NAME_KEYS)
        used_until = _parse_date(path, code, _required(path, item, "used_until"), key="used_until")
        first, last = organisation["existed_from"], organisation["existed_to"]
        if (first and used_until < first) or (last and used_until >= last):
            raise ReferenceDataError(
                _("%(file)s, %(where)s: a former name used until %(day)s falls outside the dates the body existed.")
                % {"file": path.name, "where": code, "day": used_until.isoformat()}
            )
        values: dict[str, Any] = {name: _required(path, item, name) for name in translated("name")}
        values["act"] = str(item.get("act") or "").strip()
        records.append(FormerNameRecord(used_until=used_until, values=values))
    _check_unique(path, (f"{code}, {record.used_until.isoformat()}" for record in records))
    return tuple(sorted(records, key=lambda record: record.used_until))


def _date(path: Path, where: str, value: Any, *, key: str) -> datetime.date | None:
    """An optional date: None when the entry leaves it out."""
    if value is None or value == "":
        return None
    return _parse_date(path, where, value, key=key)


def _parse_date(path: Path, where: str, value: Any, *, key: str) -> datetime.date:
    """A date written as YYYY-MM-DD (YAML reads it as a date already unless it is quoted)."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ReferenceDataError(
            _("%(file)s, %(where)s: “%(key)s” must be a date written as YYYY-MM-DD, not “%(value)s”.")
            % {"file": path.name, "where": where, "key": key, "value": value}
        ) from None


def _read_csv(path: Path, columns: list[str], *, required: list[str]) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        if reader.fieldnames != columns:
            raise ReferenceDataError(
                _("%(file)s: the columns must be %(columns)s.") % {"file": path.name, "columns": ", ".join(columns)}
            )
        rows: list[dict[str, Any]] = [{key: value.strip() for key, value in row.items()} for row in reader]
    for number, row in enumerate(rows, start=2):
        for column in required:
            if not row[column]:
                raise ReferenceDataError(
                    _("%(file)s, line %(line)d: “%(column)s” is empty.")
                    % {"file": path.name, "line": number, "column": column}
                )
    return rows


def _read_yaml_list(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as file:
        content = yaml.load(file, Loader=SafeLoader)
    if not isinstance(content, list) or not all(isinstance(item, dict) for item in content):
        raise ReferenceDataError(_("%(file)s must be a list of entries.") % {"file": path.name})
    return content


def _required(path: Path, item: dict[str, Any], key: str) -> str:
    value = str(item.get(key) or "").strip()
    if not value:
        raise ReferenceDataError(
            _("%(file)s: an entry has no “%(key)s”: %(entry)s") % {"file": path.name, "key": key, "entry": item}
        )
    return value


def _check_keys(path: Path, where: str, item: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise ReferenceDataError(
            _("%(file)s, %(where)s: unknown keys %(keys)s.")
            % {"file": path.name, "where": where, "keys": ", ".join(unknown)}
        )


def _check_choice(path: Path, where: str, value: str, choices: list[str]) -> None:
    if value not in choices:
        raise ReferenceDataError(
            _("%(file)s, %(where)s: “%(value)s” is not one of %(choices)s.")
            % {"file": path.name, "where": where, "value": value, "choices": ", ".join(choices)}
        )


def _integer(path: Path, where: str, value: str) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise ReferenceDataError(
            _("%(file)s, %(where)s: “%(value)s” is not a whole number.")
            % {"file": path.name, "where": where, "value": value}
        ) from None


def _check_unique(path: Path, keys: Iterable[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ReferenceDataError(_("%(file)s: “%(key)s” is listed twice.") % {"file": path.name, "key": key})
        seen.add(key)
