"""The home page for citizens (issue 14): today's meetings and the next ones, nearest to the chosen region first,
each with what one can do on it now; the latest results; search; where to go next."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kezdesu.followup.models import Publication
from kezdesu.meetings.domain.live_state import live_meeting_for
from kezdesu.meetings.models import Booking, ReceptionSlot, Visit
from kezdesu.portal.region_choice import COOKIE
from tests.portal.wayfinding import (
    ALMATY_CITY,
    ALMATY_REGION,
    ASTANA,
    DAY,
    at,
    freeze,
    open_date_vote,
    region,
    visit_on,
)

pytestmark = pytest.mark.django_db

HOME_QUERIES = 6  # the regions, the visits, their parts, the latest results (and room for the session)


def section(html: str, heading_id: str) -> str:
    """The HTML of the section whose heading has this id."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_today_the_meeting_offers_what_one_can_do_now(client, monkeypatch):
    visit = visit_on(DAY, reception=(13, 15), title="The minister meets Almaty")
    open_date_vote(visit, closes_at=at(9))
    tomorrow = visit_on(DAY + datetime.timedelta(days=1))
    freeze(monkeypatch, at(8))

    html = client.get("/en/").content.decode()

    today = section(html, "today-title")
    assert "Today, March 11" in today
    assert f'href="/en/visits/{visit.pk}/"' in today
    assert "The minister meets Almaty" in today
    assert "Minister of Tests" in today
    assert "Palace of Culture" in today
    assert [link for link in links(today) if link != f"/en/visits/{visit.pk}/"] == [
        f"/en/visits/{visit.pk}/live/",
        f"/en/visits/{visit.pk}/ask/",
        f"/en/visits/{visit.pk}/#date-vote",
        f"/en/visits/{visit.pk}/reception/",
    ]
    assert "Follow it live" in today
    assert "Live<" not in today
    assert f"/en/visits/{tomorrow.pk}/" in section(html, "coming-title")


def test_during_the_meeting_it_is_live_and_afterwards_the_actions_are_gone(client, monkeypatch):
    visit = visit_on(DAY, reception=(13, 15))
    freeze(monkeypatch, at(11))
    during = section(client.get("/en/").content.decode(), "today-title")
    freeze(monkeypatch, at(16))
    after = section(client.get("/en/").content.decode(), "today-title")

    assert '<span class="live__badge">Live</span>' in during
    assert f"/en/visits/{visit.pk}/live/" in during
    assert f"/en/visits/{visit.pk}/ask/" not in during  # questions to the meeting close when it starts
    assert f"/en/visits/{visit.pk}/reception/" in during  # the reception starts at 13:00
    assert "Ended" in after
    assert links(after) == [f"/en/visits/{visit.pk}/"]


def test_the_live_page_is_offered_from_the_day_before(client, monkeypatch):
    visit = visit_on(DAY)
    freeze(monkeypatch, at(20, day=DAY - datetime.timedelta(days=2)))
    two_days_before = section(client.get("/en/").content.decode(), "coming-title")
    freeze(monkeypatch, at(0, 5, day=DAY - datetime.timedelta(days=1)))
    day_before = section(client.get("/en/").content.decode(), "coming-title")

    assert f"/en/visits/{visit.pk}/live/" not in two_days_before
    assert f"/en/visits/{visit.pk}/ask/" in two_days_before
    assert f"/en/visits/{visit.pk}/live/" in day_before


def test_a_full_reception_and_a_closed_vote_are_not_offered(client, monkeypatch):
    visit = visit_on(DAY, reception=(13, 15))
    open_date_vote(visit, closes_at=at(7))
    slot = ReceptionSlot.objects.get(part__visit=visit)
    Booking.objects.create(
        slot=slot, full_name="A", iin="900517300011", phone="+77010000000", topic="T", code="ABCDEFGH"
    )
    freeze(monkeypatch, at(8))

    today = section(client.get("/en/").content.decode(), "today-title")

    assert f"/en/visits/{visit.pk}/reception/" not in today
    assert "#date-vote" not in today


def test_drafts_cancelled_and_past_visits_are_not_shown(client, monkeypatch):
    shown = visit_on(DAY)
    hidden = [
        visit_on(DAY, status=Visit.Status.DRAFT),
        visit_on(DAY, status=Visit.Status.CANCELLED),
        visit_on(DAY - datetime.timedelta(days=1)),
    ]
    freeze(monkeypatch, at(8))

    html = client.get("/en/").content.decode()

    assert f"/en/visits/{shown.pk}/" in html
    for visit in hidden:
        assert f"/en/visits/{visit.pk}/" not in html


def _coming_order(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'class="card-link" href="/en/visits/(\d+)/"', section(html, "coming-title"))]


def test_the_chosen_region_comes_first_then_the_nearest_and_it_is_remembered(client, monkeypatch):
    astana = visit_on(DAY + datetime.timedelta(days=1), place=region(ASTANA, "Astana"))
    almaty_region = visit_on(DAY + datetime.timedelta(days=3), place=region(ALMATY_REGION, "Almaty Region"))
    almaty = visit_on(DAY + datetime.timedelta(days=5), place=region(ALMATY_CITY, "Almaty"))
    freeze(monkeypatch, at(8))

    by_date = client.get("/en/")
    chosen = client.get("/en/", {"region": ALMATY_CITY})
    remembered = client.get("/en/")
    cleared = client.get("/en/", {"region": ""})

    assert _coming_order(by_date.content.decode()) == [astana.pk, almaty_region.pk, almaty.pk]
    assert _coming_order(chosen.content.decode()) == [almaty.pk, almaty_region.pk, astana.pk]
    assert chosen.cookies[COOKIE].value == ALMATY_CITY
    assert '<option value="750000000" selected>Almaty</option>' in chosen.content.decode()
    assert "Meetings in and nearest to Almaty come first." in chosen.content.decode()
    assert f'href="/en/visits/?region={ALMATY_CITY}"' in chosen.content.decode()
    assert _coming_order(remembered.content.decode()) == [almaty.pk, almaty_region.pk, astana.pk]
    assert cleared.cookies[COOKIE].value == ""
    assert _coming_order(cleared.content.decode()) == [astana.pk, almaty_region.pk, almaty.pk]


def test_an_unknown_region_is_ignored(client, monkeypatch):
    freeze(monkeypatch, at(8))
    response = client.get("/en/", {"region": "nonsense"})
    assert response.status_code == 200
    assert response.context["region"] is None


def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/ru/").status_code == 200
    return len(queries)


def test_the_home_page_reads_a_fixed_number_of_queries(client, monkeypatch):
    freeze(monkeypatch, at(8))
    first = visit_on(DAY, reception=(13, 15))
    open_date_vote(first, closes_at=at(20))
    live_meeting_for(first)
    one = _home_queries(client)
    for days in (1, 2):
        visit = visit_on(DAY + datetime.timedelta(days=days), reception=(13, 15))
        open_date_vote(visit, closes_at=at(20))
        live_meeting_for(visit)
        Publication.objects.create(visit=visit, results_en="Done", published_at=timezone.now())
    three = _home_queries(client)

    assert one == three <= HOME_QUERIES


def test_the_latest_published_results_link_to_them(client, monkeypatch):
    published = visit_on(DAY - datetime.timedelta(days=20), status=Visit.Status.HELD, title="Held in February")
    unpublished = visit_on(DAY - datetime.timedelta(days=10), status=Visit.Status.HELD)
    Publication.objects.create(
        visit=published, results_en="Done", published_at=at(9, day=DAY - datetime.timedelta(days=12))
    )
    Publication.objects.create(visit=unpublished, results_en="Draft")
    freeze(monkeypatch, at(8))

    results = section(client.get("/en/").content.decode(), "results-title")

    assert f'href="/en/visits/{published.pk}/results/"' in results
    assert "Held in February" in results
    assert "published 27.02.2030" in results
    assert f"/en/visits/{unpublished.pk}/" not in results


def test_the_page_leads_to_search_the_schedule_open_data_and_keeps_the_back_office_secondary(client):
    html = client.get("/en/").content.decode()

    assert '<form class="home-search" method="get" action="/en/search/" role="search">' in html
    assert '<a class="card-link" href="/en/schedule/">' in html
    assert '<a class="card-link" href="/en/issues/">' in html
    assert 'href="/open-data/problem-issues.csv"' in html or 'href="/en/open-data/problem-issues.csv"' in html
    assert 'href="/api/v1/docs/"' in html
    assert 'class="button" href="/en/office/"' not in html  # the staff link is a plain link at the end
    assert html.index('href="/en/office/"') > html.index("API documentation")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_page_reads_in_kazakh_and_russian(client, monkeypatch, language):
    visit_on(DAY)
    freeze(monkeypatch, at(8))
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
