"""List obligations: `manage.py obligations --profile REG-2024 --from 2027-01-01 --to 2027-12-31 --format json`."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.obligations import Obligation, obligations_between
from kezdesu.regulations.models import RegulationProfile

TABLE_COLUMNS = (
    ("requirement", "Req."),
    ("source", "Clause"),
    ("debtor", "Debtor"),
    ("recipient", "Recipient"),
    ("period", "Period"),
    ("nominal_due", "Nominal"),
    ("due", "Due"),
    ("state", "State"),
    ("title", "What is owed"),
)


def _date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: {value!r} is not a date in the form YYYY-MM-DD.") from None


def as_json(obligation: Obligation) -> dict[str, Any]:
    return {
        "key": obligation.key,
        "profile": obligation.profile.code,
        "requirement": obligation.requirement,
        "source": obligation.source,
        "title": obligation.title,
        "debtor": {"code": obligation.debtor.code, "name": obligation.debtor.name_en},
        "recipient": {"code": obligation.recipient.code, "name": obligation.recipient.name_en},
        "period_start": obligation.period_start.isoformat(),
        "period_end": obligation.period_end.isoformat(),
        "nominal_due": obligation.nominal_due.isoformat(),
        "due": obligation.due.isoformat(),
        "moved": obligation.moved,
        "state": str(obligation.state.value),
        "met_on": obligation.met_on.isoformat() if obligation.met_on else None,
        # What the state rests on: Kezdesu's records ("records"), a reference typed by hand ("by_hand"), or "".
        "basis": str(obligation.basis),
        "met_by": [record.to_json() for record in obligation.counting],
        "records": [record.to_json() for record in obligation.evidence],
        "by_hand": _by_hand(obligation),
    }


def _by_hand(obligation: Obligation) -> dict[str, Any] | None:
    fulfilment = obligation.fulfilment
    if fulfilment is None:
        return None
    return {
        "met_on": fulfilment.met_on.isoformat(),
        "reference": fulfilment.reference,
        "region": fulfilment.region.kato if fulfilment.region is not None else None,
        "official": fulfilment.position.title if fulfilment.position is not None else None,  # in English here
        "counted": obligation.by_hand,  # False when records meet it anyway
    }


def _table_row(obligation: Obligation) -> dict[str, str]:
    return {
        "requirement": obligation.requirement,
        "source": obligation.source,
        "debtor": obligation.debtor.code,
        "recipient": obligation.recipient.code,
        "period": f"{obligation.period_start:%Y-%m-%d}..{obligation.period_end:%Y-%m-%d}",
        "nominal_due": f"{obligation.nominal_due:%Y-%m-%d}",
        "due": f"{obligation.due:%Y-%m-%d}" + (" *" if obligation.moved else ""),
        "state": str(obligation.state.value) + (" (by hand)" if obligation.by_hand else ""),
        "title": obligation.title,
    }


def as_table(obligations: list[Obligation]) -> str:
    rows = [_table_row(obligation) for obligation in obligations]
    widths = {name: max([len(header)] + [len(row[name]) for row in rows]) for name, header in TABLE_COLUMNS}
    last = TABLE_COLUMNS[-1][0]

    def line(values: dict[str, str]) -> str:
        cells = (values[name] if name == last else values[name].ljust(widths[name]) for name, _ in TABLE_COLUMNS)
        return "  ".join(cells)

    header = line(dict(TABLE_COLUMNS))
    lines = [header, "-" * len(header)] + [line(row) for row in rows]
    lines.append(f"{len(rows)} obligation(s); * = moved off a day off to the next working day.")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "List the obligations whose due date falls in a date range, with their clause and state."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--profile",
            help="A profile code, e.g. REG-2024, applied to the whole range. "
            "Default: each obligation under the profile in force on its nominal due date.",
        )
        parser.add_argument("--from", dest="start", required=True, help="First due date, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last due date, YYYY-MM-DD.")
        parser.add_argument("--format", choices=("json", "table"), default="table")
        parser.add_argument(
            "--organisation",
            action="append",
            default=[],
            help="An organisation code (as debtor or recipient); repeat it for several.",
        )
        parser.add_argument("--today", help="Judge overdue as of this date, YYYY-MM-DD (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        start = _date(options["start"], "--from")
        end = _date(options["end"], "--to")
        if end < start:
            raise CommandError("--to is before --from.")
        today = _date(options["today"], "--today") if options["today"] else None

        profile = None
        if options["profile"]:
            profile = RegulationProfile.objects.filter(code=options["profile"]).first()
            if profile is None:
                known = ", ".join(RegulationProfile.objects.values_list("code", flat=True)) or "none loaded"
                raise CommandError(f"Unknown profile {options['profile']!r} (known: {known}).")

        organisations = None
        if options["organisation"]:
            codes = set(options["organisation"])
            organisations = list(Organisation.objects.filter(code__in=codes))
            unknown = sorted(codes - {organisation.code for organisation in organisations})
            if unknown:
                raise CommandError(f"Unknown organisation code(s): {', '.join(unknown)}.")

        with translation.override("en"):
            obligations = obligations_between(
                start=start, end=end, profile=profile, organisations=organisations, today=today
            )
            if options["format"] == "json":
                self.stdout.write(json.dumps([as_json(item) for item in obligations], ensure_ascii=False, indent=2))
            else:
                self.stdout.write(as_table(obligations))
