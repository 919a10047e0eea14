"""A year's working-day calendar, and entering the Government's transfers through the API."""

import datetime

import pytest

from kezdesu.core.models import AuditLog
from kezdesu.regulations.models import CalendarException
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def _day(body, day):
    return next(entry for entry in body["days_off"] if entry["date"] == day)


def test_the_year_lists_holidays_weekends_and_entered_transfers(anonymous_client):
    CalendarException.objects.create(
        date=datetime.date(2026, 3, 23),
        kind=CalendarException.Kind.DAY_OFF,
        reason_kk="Демалыс күнін ауыстыру",
        reason_ru="Перенос выходного дня",
        reason_en="Transfer of a day off",
        act="Decree No. 1",
    )
    CalendarException.objects.create(
        date=datetime.date(2026, 1, 3),
        kind=CalendarException.Kind.WORKING_DAY,
        reason_kk="Жұмыс күні",
        reason_ru="Рабочий день",
        reason_en="Working Saturday",
        act="Decree No. 1",
    )

    response = anonymous_client.get("/api/v1/calendar/2026/?lang=en")

    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2026
    nauryz = _day(body, "2026-03-21")
    assert nauryz["kind"] == "holiday"
    assert nauryz["act"] == ""
    assert set(nauryz["reason_i18n"]) == {"kk", "ru", "en"}
    assert nauryz["reason"] == nauryz["reason_i18n"]["en"]
    assert _day(body, "2026-03-23") == {
        "date": "2026-03-23",
        "kind": "transfer",
        "reason": "Transfer of a day off",
        "reason_i18n": {"kk": "Демалыс күнін ауыстыру", "ru": "Перенос выходного дня", "en": "Transfer of a day off"},
        "act": "Decree No. 1",
    }
    assert _day(body, "2026-01-10") == {
        "date": "2026-01-10",
        "kind": "weekend",
        "reason": None,
        "reason_i18n": None,
        "act": "",
    }
    assert "2026-01-03" not in [entry["date"] for entry in body["days_off"]]
    assert body["working_weekend_days"] == [
        {
            "date": "2026-01-03",
            "reason": "Working Saturday",
            "reason_i18n": {"kk": "Жұмыс күні", "ru": "Рабочий день", "en": "Working Saturday"},
            "act": "Decree No. 1",
        }
    ]


def test_a_year_out_of_range_answers_404(anonymous_client):
    assert anonymous_client.get("/api/v1/calendar/1900/").status_code == 404


def test_a_coordinator_enters_a_working_saturday_and_it_is_audited(users):
    client = client_for(users["coordinator"])

    response = client.post(
        "/api/v1/calendar-exceptions/?lang=en",
        {"date": "2026-12-19", "kind": "working_day", "reason_kk": " Жұмыс күні ", "reason_en": "Working Saturday"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json() == {
        "date": "2026-12-19",
        "kind": "working_day",
        "reason": "Working Saturday",
        "reason_i18n": {"kk": "Жұмыс күні", "ru": "", "en": "Working Saturday"},
        "act": "",
    }
    assert AuditLog.objects.get(action="regulations.calendar_exception.add").actor == users["coordinator"]
    calendar = client.get("/api/v1/calendar/2026/").json()
    assert [day["date"] for day in calendar["working_weekend_days"]] == ["2026-12-19"]


def test_a_transfer_that_changes_nothing_is_refused_with_the_domains_message(users):
    response = client_for(users["superuser"]).post(
        "/api/v1/calendar-exceptions/?lang=en",
        {"date": "2026-12-20", "kind": "day_off", "reason_kk": "Демалыс"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "This day is already a day off.", "code": "already_off"}


def test_the_reason_in_kazakh_is_required(users):
    response = client_for(users["coordinator"]).post(
        "/api/v1/calendar-exceptions/?lang=en", {"date": "2026-12-19", "kind": "working_day"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"reason_kk": ["This field is required."]}


def test_a_coordinator_removes_a_transfer(users):
    CalendarException.objects.create(
        date=datetime.date(2026, 12, 19), kind=CalendarException.Kind.WORKING_DAY, reason_kk="Жұмыс күні"
    )

    response = client_for(users["coordinator"]).delete("/api/v1/calendar-exceptions/2026-12-19/")

    assert response.status_code == 204
    assert not CalendarException.objects.exists()
    assert AuditLog.objects.get(action="regulations.calendar_exception.remove").old_values["date"] == "2026-12-19"
