"""The RSS and Atom feeds of a region, a ministry and a visit: the same news as the e-mails, in the language
of the address, with absolute links on the host asked; a constant number of queries."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.subscriptions.domain.news import record_news, visit_news_params
from kezdesu.subscriptions.models import NewsItem
from tests.factories.meetings import build_visit_world
from tests.factories.visits import another_visit

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def world():
    world = build_visit_world()
    visit = world.visit
    visit.title_kk, visit.title_ru, visit.title_en = "Кездесу", "Встреча", "The meeting"
    visit.save(update_fields=["title_kk", "title_ru", "title_en"])
    for kind in (NewsItem.Kind.ANNOUNCED, NewsItem.Kind.RESULTS):
        record_news(kind=kind, organisation=visit.organisation, visits=[visit], params=visit_news_params(visit))
    return world


def _rss(client, path: str) -> ET.Element:
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(answer.content)


def test_the_rss_feed_of_a_region_lists_its_news_with_absolute_links(client, world):
    visit = world.visit
    channel = _rss(client, f"/en/feeds/region/{visit.region.kato}.rss").find("channel")
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == f"http://testserver/en/schedule/?region={visit.region.kato}"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Results published: The meeting",
        "Meeting announced: The meeting",
    ]
    assert [item.findtext("link") for item in items] == [
        f"http://testserver/en/visits/{visit.pk}/results/",
        f"http://testserver/en/visits/{visit.pk}/",
    ]
    assert len({item.findtext("guid") for item in items}) == 2


def test_the_atom_feed_of_a_visit_speaks_the_language_of_its_address(client, world, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "kezdesu.example.kz"]
    visit = world.visit
    answer = client.get(f"/kk/feeds/visit/{visit.pk}.atom", HTTP_HOST="kezdesu.example.kz")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(answer.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "kk"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert all("Кездесу" in entry.findtext(f"{ATOM}title") for entry in entries)
    assert entries[1].find(f"{ATOM}link").get("href") == f"http://kezdesu.example.kz/kk/visits/{visit.pk}/"


def test_a_ministrys_feed_has_only_its_news_and_unknown_feeds_are_not_found(client, world):
    other = another_visit(world, day=world.visit.start_date, organisation=world.roles.other_ministry)
    record_news(kind=NewsItem.Kind.ANNOUNCED, organisation=other.organisation, visits=[other])
    channel = _rss(client, f"/ru/feeds/ministry/{world.visit.organisation.code}.rss").find("channel")
    assert len(channel.findall("item")) == 2
    assert all(f"/ru/visits/{world.visit.pk}/" in item.findtext("link") for item in channel.findall("item"))
    assert client.get("/en/feeds/ministry/no-such-ministry.rss").status_code == 404
    assert client.get("/en/feeds/planet/1.rss").status_code == 404


def test_a_feed_reads_in_the_same_number_of_queries_for_one_or_three_visits(client, world):
    path = f"/en/feeds/region/{world.visit.region.kato}.rss"
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for day in (11, 12):
        visit = another_visit(world, day=world.visit.start_date.replace(day=day))
        record_news(kind=NewsItem.Kind.ANNOUNCED, organisation=visit.organisation, visits=[visit])
    with CaptureQueriesContext(connection) as more:
        assert len(_rss(client, path).find("channel").findall("item")) == 4
    assert len(more.captured_queries) == len(few.captured_queries)
