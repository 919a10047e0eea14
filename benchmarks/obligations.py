"""How long the obligations engine takes for the whole country, and how long reference loading takes.

Run: make bench  (or: cd src && ../.venv/bin/python ../benchmarks/obligations.py)
Uses a throw-away SQLite database unless DATABASE_URL is set.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kezdesu.settings")
os.environ.setdefault("KEZDESU_VAR_DIR", tempfile.mkdtemp(prefix="kezdesu-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kezdesu.regulations.domain.obligations import obligations_between  # noqa: E402


def timed(label: str, function, repeat: int = 5) -> None:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    count = len(result) if hasattr(result, "__len__") else ""
    print(f"{label:<58} median {statistics.median(seconds) * 1000:8.1f} ms  max {max(seconds) * 1000:8.1f} ms  {count}")


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_reference", verbosity=0)
    print(f"{'load_reference, first run':<58} {time.perf_counter() - started:8.2f} s")
    started = time.perf_counter()
    call_command("load_reference", verbosity=0)
    print(f"{'load_reference, second run (nothing changes)':<58} {time.perf_counter() - started:8.2f} s")

    year = {"start": date(2027, 1, 1), "end": date(2027, 12, 31)}
    timed("obligations, one year, whole country", lambda: obligations_between(**year))
    timed(
        "obligations, 2022-2027 across both acts",
        lambda: obligations_between(start=date(2022, 4, 7), end=date(2027, 12, 31)),
    )
    with CaptureQueriesContext(connection) as queries:
        obligations_between(**year)
    print(f"{'queries for one year, whole country':<58} {len(queries):8d}")


if __name__ == "__main__":
    main()
