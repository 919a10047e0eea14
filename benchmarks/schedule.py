"""How fast the schedule in force is published: the public calendar, the iCal feeds, the documents.

Builds a national-scale approved schedule for 2027 (the first heads of the 16 non-exempt ministries
quarterly, their deputies and the committee chairs monthly: about 600 items in two approved
half-year versions) in a throw-away database, then times the pages with Django's test Client.

Run: cd src && ../.venv/bin/python ../benchmarks/schedule.py [--documents DIR]
Uses a throw-away SQLite database unless DATABASE_URL is set. With --documents, also writes the
DOCX (kk, ru) and XLSX of the first half-year to DIR.
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

from kezdesu.organisations.models import District, Organisation, Position, Region  # noqa: E402
from kezdesu.planning.models import PlanningPeriod, ScheduleItem, ScheduleVersion  # noqa: E402
from kezdesu.regulations.models import RegulationProfile  # noqa: E402

YEAR = 2027
TOPICS = "Water supply of the villages; roads to the district centre; jobs for young people"


def build_national_schedule() -> list[ScheduleVersion]:
    profile = RegulationProfile.objects.get(code="REG-2024")
    exempt = set(profile.exempt_organisations.values_list("pk", flat=True))
    ministries = [m for m in Organisation.objects.filter(kind=Organisation.Kind.MINISTRY) if m.pk not in exempt]
    quarterly = list(Position.objects.filter(organisation__in=ministries, level=Position.Level.FIRST_HEAD))
    monthly = list(
        Position.objects.filter(
            organisation__in=ministries, level__in=[Position.Level.FIRST_DEPUTY, Position.Level.DEPUTY]
        )
    ) + list(Position.objects.filter(organisation__parent__in=ministries, level=Position.Level.COMMITTEE_CHAIR))
    regions = itertools.cycle(Region.objects.order_by("kato"))
    districts: dict[int, list[District]] = {}
    for district in District.objects.all():
        districts.setdefault(district.region_id, []).append(district)

    versions = []
    for half, (start, end) in enumerate(
        [
            (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 6, 30)),
            (datetime.date(YEAR, 7, 1), datetime.date(YEAR, 12, 31)),
        ]
    ):
        period, _ = PlanningPeriod.objects.get_or_create(start=start, defaults={"end": end, "profile": profile})
        ScheduleVersion.objects.filter(period=period).delete()
        version = ScheduleVersion.objects.create(
            period=period,
            number=1,
            status=ScheduleVersion.Status.APPROVED,
            act_number=f"{100 + half}",
            act_date=start - datetime.timedelta(days=20),
            frozen_at=timezone.now(),
        )
        items = []
        for month in range(start.month, end.month + 1):
            meeting_positions = monthly + (quarterly if month % 3 == 2 else [])
            for day, position in enumerate(meeting_positions):
                region = next(regions)
                first = datetime.date(YEAR, month, 3 + day % 24)
                ministry = position.organisation.parent or position.organisation
                items.append(
                    ScheduleItem(
                        version=version,
                        organisation=ministry,
                        position=position,
                        region=region,
                        district=districts.get(region.pk, [None])[day % 3] if day % 2 else None,
                        start_date=first,
                        end_date=first + datetime.timedelta(days=day % 3),
                        topics=TOPICS,
                        is_unscheduled=day % 17 == 0,
                        deputy_prime_minister_required=position.level == Position.Level.FIRST_HEAD and day % 5 == 0,
                    )
                )
        ScheduleItem.objects.bulk_create(items)
        versions.append(version)
    return versions


def timed(client: Client, label: str, path: str, repeat: int = 7) -> None:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    print(
        f"{label:<44} median {statistics.median(seconds) * 1000:8.1f} ms  max {max(seconds) * 1000:8.1f} ms  "
        f"{len(queries):3d} queries  {len(response.content) // 1024:5d} KiB"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    versions = build_national_schedule()
    count = ScheduleItem.objects.filter(version__in=versions).count()
    print(f"{'approved items in ' + str(YEAR):<44} {count:8d}")

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # No collectstatic in a throw-away run: plain static URLs instead of the hashed manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    ministry = (
        "finance"
        if Organisation.objects.filter(code="finance").exists()
        else versions[0].items.first().organisation.code
    )
    region = Region.objects.order_by("kato").first()
    assert region is not None
    timed(client, "calendar list /ru/schedule/ (page 1 of 12)", "/ru/schedule/")
    timed(client, "calendar month /ru/schedule/2027/3/", f"/ru/schedule/{YEAR}/3/")
    timed(client, "feed /schedule.ics (whole schedule)", "/schedule.ics")
    timed(client, f"feed /schedule/ministry/{ministry}.ics", f"/schedule/ministry/{ministry}.ics")
    timed(client, f"feed /schedule/region/{region.kato}.ics", f"/schedule/region/{region.kato}.ics")
    timed(client, "API /api/v1/schedule/ (first 100)", "/api/v1/schedule/")
    timed(client, "DOCX of the first half-year (ru)", f"/ru/schedule/versions/{versions[0].pk}.docx", repeat=3)
    timed(client, "XLSX of the first half-year (ru)", f"/ru/schedule/versions/{versions[0].pk}.xlsx", repeat=3)

    if "--documents" in sys.argv:
        target = Path(sys.argv[sys.argv.index("--documents") + 1])
        target.mkdir(parents=True, exist_ok=True)
        for language in ("kk", "ru"):
            body = client.get(f"/{language}/schedule/versions/{versions[0].pk}.docx").content
            (target / f"schedule-{language}.docx").write_bytes(body)
        (target / "schedule-ru.xlsx").write_bytes(client.get(f"/ru/schedule/versions/{versions[0].pk}.xlsx").content)
        (target / "schedule-ru.html").write_bytes(client.get("/ru/schedule/").content)
        (target / "month-ru.html").write_bytes(client.get(f"/ru/schedule/{YEAR}/3/").content)
        print(f"documents written to {target}")


if __name__ == "__main__":
    main()
