"""The API says whether a visit's meeting is on, as the public pages do (issue 14), with no query per visit."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.meetings.domain.live_state import live_meeting_for
from kezdesu.meetings.models import LiveMeeting, Visit
from tests.api.conftest import client_for
from tests.portal.wayfinding import DAY, at, freeze, visit_on

pytestmark = pytest.mark.django_db

LIST = "/api/v1/visits/"


def test_a_visit_says_whether_its_meeting_is_live(monkeypatch):
    visit = visit_on(DAY)
    freeze(monkeypatch, at(9))
    before = client_for(None).get(f"{LIST}{visit.pk}/").json()["live"]
    live_meeting_for(visit)
    LiveMeeting.objects.filter(part__visit=visit).update(opened_at=at(9, 50))
    freeze(monkeypatch, at(9, 55))
    opened = client_for(None).get(f"{LIST}{visit.pk}/").json()["live"]

    assert before == {
        "state": "not_started",
        "starts_at": "2030-03-11T10:00:00+05:00",
        "ends_at": "2030-03-11T12:00:00+05:00",
        "linked": True,
    }
    assert (opened["state"], opened["linked"]) == ("live", True)


def test_a_draft_has_no_live_status_for_anyone_who_reads_it(monkeypatch):
    from tests.factories.organisations import UserFactory

    visit = visit_on(DAY, status=Visit.Status.DRAFT)
    admin = UserFactory(is_superuser=True, is_staff=True)
    body = client_for(admin).get(f"{LIST}{visit.pk}/").json()
    assert body["live"] is None


def _list_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client_for(None).get(LIST).status_code == 200
    return len(queries)


def test_the_live_status_costs_no_query_per_visit(monkeypatch):
    freeze(monkeypatch, at(9))
    live_meeting_for(visit_on(DAY))
    one = _list_queries()
    for days in (1, 2):
        live_meeting_for(visit_on(DAY + datetime.timedelta(days=days)))
    assert _list_queries() == one
