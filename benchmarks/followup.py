"""How the follow-up's public side holds a year of national-scale data (issue 6).

Builds a year of follow-up in a throw-away database: the 16 non-exempt ministries' first heads each held four
visits (64 visits, spread over the 20 regions), each visit with 15 published problem issues (960), three
measures each (2,880) and a progress update per measure and quarter (11,520). Then times, with Django's test
Client, the public problem-issue list, an issue's page, the accountability page, the open-data CSV of every
issue and of every measure, the public API list, and compiling a ministry's quarterly progress report —
with the number of SQL queries each takes (which must not grow with the data).

Run: cd src && ../.venv/bin/python ../benchmarks/followup.py
Uses a throw-away SQLite database unless DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/kz_fbench).
"""

import datetime
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kezdesu.settings")
os.environ.setdefault("KEZDESU_VAR_DIR", tempfile.mkdtemp(prefix="kezdesu-bench-"))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from kezdesu.followup.domain.progress_reports import compile_progress_report  # noqa: E402
from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue, ProgressUpdate  # noqa: E402
from kezdesu.meetings.models import Visit  # noqa: E402
from kezdesu.organisations.models import Organisation, Position, Region  # noqa: E402
from kezdesu.questions.models import Topic  # noqa: E402
from kezdesu.regulations.models import RegulationProfile  # noqa: E402

YEAR = 2026
VISITS_PER_MINISTRY = 4
ISSUES_PER_VISIT = 15
MEASURES_PER_ISSUE = 3
RUNS = 5


def build_year() -> Organisation:
    profile = RegulationProfile.objects.get(code="REG-2024")
    exempt = set(profile.exempt_organisations.values_list("pk", flat=True))
    ministries = [m for m in Organisation.objects.filter(kind=Organisation.Kind.MINISTRY) if m.pk not in exempt]
    regions = itertools.cycle(Region.objects.order_by("kato"))
    akimats = {akimat.region_id: akimat for akimat in Organisation.objects.filter(kind=Organisation.Kind.AKIMAT)}
    topics = itertools.cycle(Topic.objects.all())
    now = timezone.now()
    visits = []
    for ministry in ministries:
        head = Position.objects.filter(organisation=ministry, level=Position.Level.FIRST_HEAD).first()
        for quarter in range(VISITS_PER_MINISTRY):
            day = datetime.date(YEAR, 3 * quarter + 2, 10)
            visits.append(
                Visit(
                    organisation=ministry,
                    position=head,
                    region=next(regions),
                    start_date=day,
                    end_date=day,
                    status=Visit.Status.HELD,
                    published_at=now,
                )
            )
    Visit.objects.bulk_create(visits)
    issues = []
    for visit in Visit.objects.filter(status=Visit.Status.HELD):
        for number in range(1, ISSUES_PER_VISIT + 1):
            issues.append(
                ProblemIssue(
                    visit=visit,
                    number=number,
                    title_kk=f"Мәселе {number}: ауылдағы жол",
                    title_ru=f"Проблема {number}: дорога в селе",
                    title_en=f"Problem {number}: the village road",
                    description_kk="Сипаттама",
                    description_ru="Описание",
                    region=visit.region,
                    sector=next(topics),
                    competent_body=akimats.get(visit.region_id) or visit.organisation,
                    citizens=number,
                    status=(ProblemIssue.Status.SOLVED if number % 4 == 0 else ProblemIssue.Status.IN_PROGRESS),
                    published_at=now,
                )
            )
    ProblemIssue.objects.bulk_create(issues, batch_size=500)
    measures = []
    for issue in ProblemIssue.objects.select_related("visit"):
        for order in range(MEASURES_PER_ISSUE):
            done = issue.status == ProblemIssue.Status.SOLVED or order == 0
            measures.append(
                Measure(
                    issue=issue,
                    order=order,
                    text_kk="Жолды жөндеу",
                    text_ru="Отремонтировать дорогу",
                    text_en="Repair the road",
                    deadline=issue.visit.end_date + datetime.timedelta(days=60 + 30 * order),
                    executor=issue.competent_body,
                    executor_position_kk="Әкімнің орынбасары",
                    executor_position_ru="Заместитель акима",
                    status=MeasureStatus.DONE if done else MeasureStatus.IN_PROGRESS,
                    percent=100 if done else 50,
                )
            )
    Measure.objects.bulk_create(measures, batch_size=1000)
    updates = [
        ProgressUpdate(
            measure=measure,
            year=YEAR,
            quarter=quarter,
            status=measure.status,
            percent=measure.percent,
            comment="Работа идёт по графику.",
            organisation_id=measure.executor_id,
        )
        for measure in Measure.objects.all()
        for quarter in range(1, 5)
    ]
    ProgressUpdate.objects.bulk_create(updates, batch_size=2000)
    return ministries[0]


def timed(label: str, call) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = call()
            # A streamed response is timed until its last byte.
            body = b"".join(result.streaming_content) if getattr(result, "streaming", False) else None
            times.append((time.perf_counter() - started) * 1000)
        status = getattr(result, "status_code", "")
        size = len(body if body is not None else getattr(result, "content", b""))
        if status and status != 200:
            raise SystemExit(f"{label}: HTTP {status}")
    print(f"{label:48} median {statistics.median(times):8.1f} ms  {len(queries):3d} queries  {size / 1024:8.1f} KB")


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    started = time.perf_counter()
    ministry = build_year()
    print(
        f"Built {Visit.objects.count()} visits, {ProblemIssue.objects.count()} problem issues, "
        f"{Measure.objects.count()} measures, {ProgressUpdate.objects.count()} progress updates "
        f"in {time.perf_counter() - started:.1f} s on {connection.vendor}."
    )
    client = Client()
    issue = ProblemIssue.objects.order_by("pk").first()
    assert issue is not None
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # No collectstatic in a throw-away run: plain static URLs instead of the hashed manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    timed("public problem issues, page 1", lambda: client.get("/en/issues/"))
    timed("public problem issues, overdue, page 1", lambda: client.get("/en/issues/?status=overdue"))
    timed("an issue's page", lambda: client.get(f"/en/issues/{issue.pk}/"))
    timed("accountability page", lambda: client.get("/en/accountability/"))
    timed("open data: every problem issue, CSV", lambda: client.get("/en/open-data/problem-issues.csv"))
    timed("open data: every measure, CSV", lambda: client.get("/en/open-data/measures.csv"))
    timed("API: problem issues, page 1", lambda: client.get("/api/v1/problem-issues/"))
    timed(
        f"compile a quarterly progress report ({ministry.code})",
        lambda: compile_progress_report(ministry, YEAR, 4, today=datetime.date(YEAR, 12, 31)),
    )


if __name__ == "__main__":
    main()
