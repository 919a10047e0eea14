"""The public meeting page, the list of visits and the printable announcement."""

import datetime
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kezdesu.meetings.models import AgendaItem, Visit, VisitPart
from tests.factories.meetings import at, build_visit_world
from tests.factories.visits import another_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_visit_world()


def detail_url(visit, language="en"):
    with translation.override(language):
        return reverse("portal:visit_detail", kwargs={"pk": visit.pk})


def test_the_meeting_page_says_who_where_when_and_how(client, world):
    page = client.get(detail_url(world.visit))

    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Minister A meets the population</h1>" in html
    assert "Minister A</strong>, Ministry A" in html
    assert "10.03.2027, 10:00 – 12:00" in html  # Asia/Almaty
    assert "Palace of Culture" in html
    assert "1 Main Street" in html
    assert "https://www.openstreetmap.org/?mlat=43.238949&amp;mlon=76.889709#map=17/43.238949/76.889709" in html
    assert "Come to the hall or ask online." in html
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk">YouTube' in html
    assert "<iframe" not in html  # not live yet


def test_the_page_reads_in_kazakh_and_russian(client, world):
    Visit.objects.filter(pk=world.visit.pk).update(
        title_kk="Министр А халықпен кездеседі", title_ru="Министр А встречается"
    )
    assert "<h1>Министр А халықпен кездеседі</h1>" in client.get(detail_url(world.visit, "kk")).content.decode()
    ru = client.get(detail_url(world.visit, "ru")).content.decode()
    assert "<h1>Министр А встречается</h1>" in ru
    assert '<html lang="ru">' in ru


def test_the_social_preview_canonical_and_hreflang(client, world, settings):
    # On the host and scheme the page is asked under (behind the proxy: https).
    settings.ALLOWED_HOSTS = ["kezdesu.example.kz"]
    html = client.get(
        detail_url(world.visit), HTTP_HOST="kezdesu.example.kz", HTTP_X_FORWARDED_PROTO="https"
    ).content.decode()
    url = f"https://kezdesu.example.kz/en/visits/{world.visit.pk}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Minister A meets the population">' in html
    assert '<meta property="og:image" content="https://kezdesu.example.kz/static/kezdesu/og-image.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert 'property="og:description" content="Ministry A: Minister A meets the population of' in html
    for code in ("kk", "ru", "en"):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="https://kezdesu.example.kz/{code}/visits/{world.visit.pk}/">'
            in html
        )


def test_share_links_are_plain_links(client, world):
    html = client.get(detail_url(world.visit)).content.decode()
    for start in (
        "https://t.me/share/url?",
        "https://wa.me/?",
        "https://www.facebook.com/sharer/sharer.php?",
        "https://x.com/intent/post?",
        "https://vk.com/share.php?",
        "mailto:?subject=",
    ):
        assert f'href="{start}' in html
    assert "<script" not in html.split("</head>")[1]


def test_the_broadcast_is_embedded_while_the_meeting_is_live(client, world, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: at(11))
    html = client.get(detail_url(world.visit)).content.decode()
    assert 'src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html
    assert 'title="Live broadcast of the meeting on YouTube"' in html


def test_the_agenda_is_listed_with_its_minutes(client, world):
    part = world.part(VisitPart.Kind.MEETING)
    AgendaItem.objects.create(
        part=part, order=1, kind="presentation", title_en="The minister's report", planned_minutes=20
    )
    AgendaItem.objects.create(part=part, order=2, kind="questions", planned_minutes=60)
    html = client.get(detail_url(world.visit)).content.decode()
    assert 'The minister&#x27;s report <span class="muted">(20 minutes)</span>' in html
    assert 'Questions and answers <span class="muted">(60 minutes)</span>' in html


@pytest.mark.parametrize("status", [Visit.Status.DRAFT, Visit.Status.CANCELLED])
def test_drafts_and_cancelled_visits_are_not_public(client, world, status):
    Visit.objects.filter(pk=world.visit.pk).update(status=status)
    assert client.get(detail_url(world.visit)).status_code == 404
    assert client.get(reverse("portal:visit_announcement", kwargs={"pk": world.visit.pk})).status_code == 404


def test_the_list_shows_coming_and_past_meetings(client, world, settings):
    past = another_visit(world, day=datetime.date(2020, 5, 5))
    another_visit(world, day=datetime.date(2027, 4, 1), status=Visit.Status.DRAFT)
    html = client.get(reverse("portal:visit_list")).content.decode()
    upcoming, earlier = html.split('id="past-title"')
    assert f'href="/en/visits/{world.visit.pk}/"' in upcoming
    assert f'href="/en/visits/{past.pk}/"' in earlier
    assert html.count('class="visit-card') == 2


def test_the_list_filters_by_region(client, world):
    other = another_visit(world, day=datetime.date(2027, 4, 1), region=world.roles.other_akimat.region)
    html = client.get(reverse("portal:visit_list"), {"region": other.region.kato}).content.decode()
    assert f"/en/visits/{other.pk}/" in html
    assert f"/en/visits/{world.visit.pk}/" not in html


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("portal:visit_list")).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_visits(client, world):
    another_visit(world, day=datetime.date(2020, 5, 1))  # one coming, one past
    one = _list_queries(client)
    for day in (
        datetime.date(2027, 5, 1),
        datetime.date(2027, 6, 1),
        datetime.date(2020, 6, 1),
        datetime.date(2020, 7, 1),
    ):
        another_visit(world, day=day)  # three coming, three past
    assert _list_queries(client) == one


def test_the_page_query_count_does_not_grow_with_parts_and_links(client, world):
    with CaptureQueriesContext(connection) as first:
        client.get(detail_url(world.visit))
    second = another_visit(world, day=datetime.date(2027, 6, 1))
    with CaptureQueriesContext(connection) as again:
        client.get(detail_url(second))
    assert len(again) == len(first)


def test_the_announcement_is_an_a4_pdf_with_the_qr_code(client, world, settings, tmp_path):
    settings.ALLOWED_HOSTS = ["kezdesu.example.kz"]
    with translation.override("ru"):
        url = reverse("portal:visit_announcement", kwargs={"pk": world.visit.pk})
    response = client.get(url, HTTP_HOST="kezdesu.example.kz", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    (tmp_path / "a.pdf").write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, check=True).stdout.decode()
    assert f"https://kezdesu.example.kz/ru/visits/{world.visit.pk}/" in text
    assert "10.03.2027, 10:00 – 12:00" in text


def test_the_announcement_qr_code_encodes_the_page_address(world):
    from kezdesu.meetings.interfaces.announcement import announcement_html

    html = announcement_html(world.visit, page_url="https://kezdesu.example.kz/kk/visits/1/")
    assert "<svg" in html
    assert "</svg>" in html
    assert "https://kezdesu.example.kz/kk/visits/1/" in html
