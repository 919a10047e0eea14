"""The sample files in files/ (an akim's meeting export, the platforms' comment exports), moved in time.

The files carry the dates of the day they were exported. The demo imports them into visits laid out around its
today, so before importing it moves every date in a file by the same whole number of days, the latest landing
on or before the moment given: ISO dates and times (`2027-03-10T15:04:00`), Russian-style dates (`12.11.2026`)
and Unix times (`"date": 1804663800`). The files themselves stay as they are, for a person to import by hand.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from django.utils import timezone

FILES = Path(__file__).resolve().parent / "files"
ISO = re.compile(r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?=[T\s\"])")
DOTTED = re.compile(r"(?<![\d.])(\d{2})\.(\d{2})\.(\d{4})(?![\d.])")
UNIX = re.compile(r'("date":\s*)(\d{10})\b')


def _dates(text: str) -> list[datetime.date]:
    found = [datetime.date(int(y), int(m), int(d)) for y, m, d in ISO.findall(text)]
    found += [datetime.date(int(y), int(m), int(d)) for d, m, y in DOTTED.findall(text)]
    found += [
        timezone.localtime(datetime.datetime.fromtimestamp(int(seconds), tz=datetime.UTC)).date()
        for _key, seconds in UNIX.findall(text)
    ]
    return found


def moved_to(content: bytes, *, last: datetime.datetime) -> bytes:
    """`content` with its dates moved so that the latest falls the day before `last` (or on its day at the
    latest, for a file whose dates carry no time)."""
    text = content.decode("utf-8")
    dates = _dates(text)
    if not dates:
        return content
    days = (timezone.localtime(last).date() - datetime.timedelta(days=1) - max(dates)).days
    shift = datetime.timedelta(days=days)

    def iso(match: re.Match[str]) -> str:
        moved = datetime.date(int(match[1]), int(match[2]), int(match[3])) + shift
        return moved.isoformat()

    def dotted(match: re.Match[str]) -> str:
        moved = datetime.date(int(match[3]), int(match[2]), int(match[1])) + shift
        return f"{moved:%d.%m.%Y}"

    def unix(match: re.Match[str]) -> str:
        return f"{match[1]}{int(match[2]) + int(shift.total_seconds())}"

    return UNIX.sub(unix, DOTTED.sub(dotted, ISO.sub(iso, text))).encode("utf-8")


def sample(name: str, *, last: datetime.datetime) -> bytes:
    return moved_to((FILES / name).read_bytes(), last=last)
