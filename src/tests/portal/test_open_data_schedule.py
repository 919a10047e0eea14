"""Open data of the schedule in force and of the visits (S6): CSV and JSON, names in the page's language, the
visit's page where there is one, amendments, no personal data, and a fixed number of queries."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.meetings.interfaces.open_data import SCHEDULE_COLUMNS, VISIT_COLUMNS
from kezdesu.meetings.models import Booking, ReceptionSlot, Visit
from kezdesu.planning.models import ScheduleVersion
from tests.factories.meetings import build_visit_world
from tests.factories.planning import ScheduleItemFactory
from tests.factories.planning_published import ApprovedVersionFactory
from tests.factories.visits import another_visit, approved_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_visit_world()
    world.item = approved_item(world, day=world.visit.start_date, topics="Water")
    Visit.objects.filter(pk=world.visit.pk).update(schedule_uid=world.item.uid)
    world.visit.refresh_from_db()
    return world


def _get(client, name, fmt, language="en", **extra):
    with translation.override(language):
        url = reverse(f"portal:{name}", kwargs={"format": fmt})
    response = client.get(url, **extra)
    return response, b"".join(response.streaming_content)


def _csv(body):
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_schedule_as_csv_with_the_visit_and_its_page(client, world):
    planned = approved_item(world, day=datetime.date(2027, 5, 20))

    response, body = _get(client, "open_data_schedule", "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="kezdesu-schedule-')
    assert body.startswith("\ufeff".encode())
    rows = _csv(body)
    assert tuple(rows[0]) == SCHEDULE_COLUMNS
    assert [row["uid"] for row in rows] == [str(world.item.uid), str(planned.uid)]
    first = rows[0]
    assert first["ministry_code"] == world.item.organisation.code
    assert first["official"] == "Minister A"
    assert first["region_kato"] == world.item.region.kato
    assert (first["period_start"], first["start_date"], first["end_date"]) == ("2030-01-01", "2027-03-10", "2027-03-10")
    assert (first["status"], first["amended"], first["visit_id"]) == ("announced", "false", str(world.visit.pk))
    assert first["visit_url"] == f"http://testserver/en/visits/{world.visit.pk}/"
    assert (rows[1]["status"], rows[1]["visit_id"], rows[1]["visit_url"]) == ("planned", "", "")


def test_the_schedule_as_json_in_russian_with_the_amended_items(client, world):
    world.item.region.name_ru = "Тестовая область"
    world.item.region.save(update_fields=["name_ru"])
    version = world.item.version
    version.status = ScheduleVersion.Status.SUPERSEDED
    version.save(update_fields=["status"])
    amended = ApprovedVersionFactory(period=version.period, number=2)
    fields = {"organisation": world.item.organisation, "position": world.item.position, "region": world.item.region}
    ScheduleItemFactory(version=amended, uid=world.item.uid, start_date=world.item.start_date, **fields)
    moved = approved_item(world, day=datetime.date(2027, 5, 20))
    ScheduleItemFactory(version=amended, uid=moved.uid, start_date=datetime.date(2027, 5, 27), **fields)
    ScheduleItemFactory(version=amended, start_date=datetime.date(2027, 6, 3), **fields)  # added
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.HELD)

    response, body = _get(client, "open_data_schedule", "json", "ru")

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Language"] == "ru"
    data = json.loads(body)
    assert data["name"] == "schedule"
    assert data["columns"] == list(SCHEDULE_COLUMNS)
    rows = data["rows"]
    assert [(row["version"], row["start_date"], row["amended"]) for row in rows] == [
        (2, "2027-03-10", False),
        (2, "2027-05-27", True),
        (2, "2027-06-03", True),
    ]
    assert rows[0]["region_name"] == "Тестовая область"
    assert rows[0]["status"] == "held"
    assert rows[0]["visit_url"] == f"http://testserver/ru/visits/{world.visit.pk}/"
    assert rows[0]["language"] == "ru"


def test_a_draft_or_unannounced_cancelled_visit_stays_out_of_the_schedule_data(client, world):
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.DRAFT)
    [row] = json.loads(_get(client, "open_data_schedule", "json")[1])["rows"]
    assert (row["status"], row["visit_id"], row["visit_url"]) == ("planned", None, None)

    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.CANCELLED, published_at=timezone.now())
    [row] = json.loads(_get(client, "open_data_schedule", "json")[1])["rows"]
    assert (row["status"], row["visit_id"], row["visit_url"]) == ("cancelled", None, None)


def test_the_visits_one_row_per_part_with_times_places_and_results(client, world):
    from kezdesu.followup.models import Publication

    Publication.objects.create(
        visit=world.visit, published_at=datetime.datetime(2027, 3, 15, 9, 0, tzinfo=datetime.UTC)
    )
    another_visit(world, day=datetime.date(2027, 6, 1), status=Visit.Status.DRAFT)

    _response, body = _get(client, "open_data_visits", "csv")

    rows = _csv(body)
    assert tuple(rows[0]) == VISIT_COLUMNS
    assert [row["part"] for row in rows] == ["meeting", "reception", "ngo_meeting", "media_briefing"]
    meeting = rows[0]
    assert meeting["visit_id"] == str(world.visit.pk)
    assert meeting["visit_url"] == f"http://testserver/en/visits/{world.visit.pk}/"
    assert meeting["part_name"] == "meeting with the population"
    assert (meeting["starts_at"], meeting["ends_at"]) == ("2027-03-10T10:00:00+05:00", "2027-03-10T12:00:00+05:00")
    assert (meeting["venue"], meeting["address"]) == ("Palace of Culture", "1 Main Street")
    assert (meeting["latitude"], meeting["longitude"]) == ("43.238949", "76.889709")
    assert meeting["outcome"] == "planned"
    assert meeting["results_published_at"] == "2027-03-15T09:00:00+00:00"
    assert meeting["schedule_uid"] == str(world.item.uid)


def test_no_personal_data_in_the_visits(client, world):
    reception = world.visit.parts.get(kind="reception")
    slot = ReceptionSlot.objects.create(
        part=reception, position=world.minister, starts_at=reception.starts_at, ends_at=reception.ends_at
    )
    Booking.objects.create(
        slot=slot, full_name="Berik Secret", phone="+77010000000", iin="900101300123", topic="Private matter", code="X1"
    )

    for fmt in ("csv", "json"):
        body = _get(client, "open_data_visits", fmt)[1].decode()
        for secret in ("Berik Secret", "+77010000000", "900101300123", "Private matter", "ministry_editor"):
            assert secret not in body


@pytest.mark.parametrize("name", ["open_data_schedule", "open_data_visits"])
def test_the_open_data_reads_in_a_fixed_number_of_queries(client, world, name):
    def count():
        with CaptureQueriesContext(connection) as queries:
            _get(client, name, "json")
        return len(queries)

    one = count()
    for day in (datetime.date(2027, 4, 7), datetime.date(2027, 4, 14)):
        visit = another_visit(world, day=day)
        item = approved_item(world, day=day)
        Visit.objects.filter(pk=visit.pk).update(schedule_uid=item.uid)
    rows = {"open_data_schedule": 3, "open_data_visits": 3 * 4}[name]  # a row per item; per part of a visit
    assert len(json.loads(_get(client, name, "json")[1])["rows"]) == rows
    assert count() == one


def test_the_open_data_links_point_at_the_host_asked(client, world, settings):
    settings.ALLOWED_HOSTS = ["opendata.example.kz"]

    body = _get(client, "open_data_visits", "json", HTTP_HOST="opendata.example.kz", HTTP_X_FORWARDED_PROTO="https")[1]

    assert json.loads(body)["rows"][0]["visit_url"] == f"https://opendata.example.kz/en/visits/{world.visit.pk}/"
