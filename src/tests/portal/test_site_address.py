"""The site's own address: pages link to the host they were asked under; what is built without a request
(mail sent by tasks) uses SITE_URL; a system check warns when SITE_URL is left at the loopback default."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from kezdesu.core.checks import site_url_problems
from kezdesu.core.domain.notifications import notify
from kezdesu.core.urls_absolute import absolute_url
from tests.factories.live import build_live_world
from tests.factories.meetings import build_visit_world
from tests.factories.organisations import UserFactory

pytestmark = pytest.mark.django_db

HOST = "meetings.example.kz"


@pytest.fixture
def other_host(settings):
    settings.ALLOWED_HOSTS = [HOST]
    settings.SITE_URL = "http://127.0.0.1:8000"


def test_the_visit_page_shares_and_names_itself_on_the_host_asked(client, other_host):
    visit = build_visit_world().visit
    with translation.override("en"):
        path = reverse("portal:visit_detail", kwargs={"pk": visit.pk})

    html = client.get(path, HTTP_HOST=HOST).content.decode()

    url = f"http://{HOST}/en/visits/{visit.pk}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<link rel="alternate" hreflang="ru" href="http://{HOST}/ru/visits/{visit.pk}/">' in html
    assert f"https://t.me/share/url?url=http%3A%2F%2F{HOST}%2Fen%2Fvisits%2F{visit.pk}%2F" in html
    assert "127.0.0.1" not in html


def test_behind_the_proxy_the_links_are_https(client, other_host):
    visit = build_visit_world().visit
    with translation.override("en"):
        path = reverse("portal:visit_detail", kwargs={"pk": visit.pk})

    html = client.get(path, HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https").content.decode()

    assert f'<link rel="canonical" href="https://{HOST}/en/visits/{visit.pk}/">' in html


def test_the_hall_screen_qr_code_and_address_use_the_host_asked(client, other_host):
    world = build_live_world()
    with translation.override("ru"):
        path = reverse("portal:live_screen", kwargs={"pk": world.visit.pk})

    response = client.get(path, SERVER_NAME=HOST)

    assert response.context["live_url"] == f"http://{HOST}/ru/visits/{world.visit.pk}/live/"
    assert f"{HOST}/ru/visits/{world.visit.pk}/live/" in response.content.decode()


def test_a_page_asked_under_an_unknown_host_is_refused(client, other_host):
    with translation.override("en"):
        assert client.get(reverse("portal:home"), HTTP_HOST="evil.example.com").status_code == 400


def test_an_email_sent_without_a_request_links_to_site_url(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://kezdesu.example.kz/"
    user = UserFactory(language="en", email="en@example.kz")
    params = {"title": {"en": "Quarterly information"}, "debtor": {"en": "Ministry of Finance"}}
    params.update(period_start="2026-07-01", period_end="2026-09-30", due="2026-10-12", days=3, source="G1.4")

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[user], kind="deadline.reminder", params=params, link="/en/office/")

    [message] = mail.outbox
    assert "https://kezdesu.example.kz/en/office/" in message.body
    assert "127.0.0.1" not in message.body


def test_absolute_url_without_a_request_joins_site_url_and_the_path(settings):
    settings.SITE_URL = "https://kezdesu.example.kz/"
    assert absolute_url("/kk/visits/1/") == "https://kezdesu.example.kz/kk/visits/1/"
    assert absolute_url("https://cdn.example.kz/a.png") == "https://cdn.example.kz/a.png"


def test_the_check_warns_when_a_deployed_site_keeps_the_loopback_address(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [HOST]
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert [problem.id for problem in site_url_problems(deploy=False)] == ["kezdesu.W001"]
    assert "SITE_URL" in site_url_problems(deploy=False)[0].hint

    settings.SITE_URL = f"http://{HOST}"
    assert [problem.id for problem in site_url_problems(deploy=False)] == ["kezdesu.W002"]

    settings.SITE_URL = f"https://{HOST}"
    assert site_url_problems(deploy=False) == []


def test_the_embedded_demo_is_quiet_but_check_deploy_says_it(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert site_url_problems(deploy=False) == []
    assert [problem.id for problem in site_url_problems(deploy=True)] == ["kezdesu.W001"]

    settings.DEBUG = True
    settings.ALLOWED_HOSTS = [HOST]
    assert site_url_problems(deploy=True) == []


def test_the_check_is_registered(settings, capsys):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [HOST]
    settings.SITE_URL = "http://127.0.0.1:8000"
    call_command("check")
    assert "kezdesu.W001" in capsys.readouterr().err
