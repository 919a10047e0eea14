"""How long the ministries' quarterly information (R22) takes for a year of national-scale data (issue 7).

Builds the year of benchmarks/followup.py (64 held visits of the 16 non-exempt ministries, 960 problem issues,
2,880 measures, 11,520 progress updates), adds to each visit its meeting's record and 150 questions from the
channels (9,600), then times, for the second quarter: compiling every ministry's quarterly information (21
ministries) at once, compiling them one ministry at a time, and building the national quarterly pack (XLSX) —
with the number of SQL queries each takes. Target: under 10 seconds.

Run: cd src && ../.venv/bin/python ../benchmarks/reports_quarterly.py
Uses a throw-away SQLite database unless DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/kz_qbench).
"""

import datetime
import importlib.util
import itertools
import statistics
import sys
import time
from pathlib import Path

_spec = importlib.util.spec_from_file_location("bench_followup", Path(__file__).resolve().parent / "followup.py")
assert _spec is not None
assert _spec.loader is not None
bench_followup = importlib.util.module_from_spec(_spec)
sys.modules["bench_followup"] = bench_followup
_spec.loader.exec_module(bench_followup)  # sets Django up, as every benchmark does

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart  # noqa: E402
from kezdesu.organisations.models import Organisation  # noqa: E402
from kezdesu.questions.models import Channel, Question  # noqa: E402
from kezdesu.reports.domain.figures import compile_quarterly_figures, compile_quarterly_information  # noqa: E402
from kezdesu.reports.interfaces.quarterly_xlsx import national_pack_xlsx  # noqa: E402

YEAR = bench_followup.YEAR
QUARTER = 2
QUESTIONS_PER_VISIT = 150
RUNS = 5
TODAY = datetime.date(YEAR, 12, 31)


def add_meetings_and_questions() -> None:
    parts = []
    for visit in Visit.objects.all():
        start = timezone.make_aware(datetime.datetime.combine(visit.start_date, datetime.time(10)))
        parts.append(
            VisitPart(
                visit=visit, kind=VisitPart.Kind.MEETING, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
            )
        )
    VisitPart.objects.bulk_create(parts)
    LiveMeeting.objects.bulk_create(
        LiveMeeting(part=part, stage=LiveMeeting.Stage.CLOSED, attendance_hall=150, online_viewers=1200)
        for part in VisitPart.objects.all()
    )
    channels = itertools.cycle(Channel.values)
    now = timezone.now()
    Question.objects.bulk_create(
        (
            Question(visit=visit, channel=next(channels), text=f"Question {n}", received_at=now, region=visit.region)
            for visit in Visit.objects.all()
            for n in range(QUESTIONS_PER_VISIT)
        ),
        batch_size=2000,
    )


def timed(label: str, call) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = call()
            times.append((time.perf_counter() - started) * 1000)
    size = f"{len(result) / 1024:8.1f} KB" if isinstance(result, bytes) else ""
    print(f"{label:52} median {statistics.median(times):8.1f} ms  {len(queries):4d} queries  {size}")


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    started = time.perf_counter()
    bench_followup.build_year()
    add_meetings_and_questions()
    print(
        f"Built {Visit.objects.count()} visits, {Question.objects.count()} questions and the follow-up's year "
        f"in {time.perf_counter() - started:.1f} s on {connection.vendor}."
    )
    ministries = list(Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("name"))
    figures = compile_quarterly_figures(ministries, YEAR, QUARTER, today=TODAY)
    held = sum(item.counts.meetings_held for item in figures.values())
    print(f"Quarter {QUARTER} of {YEAR}: {len(ministries)} ministries, {held} meetings held.")
    timed(
        f"compile all {len(ministries)} ministries at once",
        lambda: compile_quarterly_figures(ministries, YEAR, QUARTER, today=TODAY),
    )
    timed(
        f"compile the {len(ministries)} ministries one by one",
        lambda: [compile_quarterly_information(ministry, YEAR, QUARTER, today=TODAY) for ministry in ministries],
    )
    timed("national quarterly pack, XLSX (ru)", lambda: national_pack_xlsx(YEAR, QUARTER, "ru", today=TODAY))


if __name__ == "__main__":
    main()
