"""The WSGI wrapper that answers the live page's polls from the cache answers as Django's view would."""

import io

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from kezdesu.meetings.domain.live_state import live_etag, revision_key
from kezdesu.meetings.models import Visit
from kezdesu.portal.live_fast_path import LiveFastPath
from tests.factories.live import build_live_world

pytestmark = pytest.mark.django_db

IGNORED = {"Date", "Server", "Connection"}


class Refused:
    """Django's place in the wrapper: records what reached it."""

    def __init__(self):
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response("418 I'm a teapot", [("Content-Type", "text/plain")])
        return [b"django"]


def call(application, path, *, etag=None, method="GET", host="127.0.0.1", **extra):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        **extra,
    }
    if etag:
        environ["HTTP_IF_NONE_MATCH"] = etag
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


def updates_path(visit, language="en"):
    with translation.override(language):
        return reverse("portal:live_updates", args=[visit.pk])


def django_headers(response):
    return {name: value for name, value in response.headers.items() if name not in IGNORED}


@pytest.fixture
def world():
    return build_live_world()


def test_a_matching_etag_gets_the_views_304_without_reaching_django(world, django_assert_num_queries):
    django_answer = Client().get(updates_path(world.visit))  # renders and caches the fragment
    etag = django_answer["ETag"]
    django_304 = Client().get(updates_path(world.visit), HTTP_IF_NONE_MATCH=etag)
    inner = Refused()

    with django_assert_num_queries(0):
        status, headers, body = call(LiveFastPath(inner), updates_path(world.visit), etag=etag)

    assert (status, body, inner.calls) == ("304 Not Modified", b"", 0)
    assert headers == django_headers(django_304)


def test_a_poll_without_etag_gets_the_cached_fragment_as_the_view_gives_it(world, django_assert_num_queries):
    django_answer = Client().get(updates_path(world.visit, "ru"))
    inner = Refused()

    with django_assert_num_queries(0):
        status, headers, body = call(LiveFastPath(inner), updates_path(world.visit, "ru"), etag='"live-1-0-en"')

    assert (status, inner.calls) == ("200 OK", 0)
    assert body == django_answer.content
    assert headers == django_headers(django_answer)


def test_an_uncached_fragment_goes_to_django(world):
    inner = Refused()

    status, _headers, body = call(LiveFastPath(inner), updates_path(world.visit))

    assert (status, body, inner.calls) == ("418 I'm a teapot", b"django", 1)


@pytest.mark.parametrize(
    ("path", "method", "host"),
    [
        ("/en/visits/{pk}/live/", "GET", "127.0.0.1"),
        ("/en/visits/{pk}/live/updates/", "POST", "127.0.0.1"),
        ("/de/visits/{pk}/live/updates/", "GET", "127.0.0.1"),
        ("/en/visits/{pk}/live/updates/", "GET", "evil.example"),
    ],
)
def test_other_requests_go_to_django(world, path, method, host):
    Client().get(updates_path(world.visit))
    inner = Refused()
    etag = live_etag(world.visit.pk, 0, "en")

    status, _headers, _body = call(
        LiveFastPath(inner), path.format(pk=world.visit.pk), etag=etag, method=method, host=host
    )

    assert (status, inner.calls) == ("418 I'm a teapot", 1)


def test_a_visit_no_longer_public_is_left_to_django(world):
    Client().get(updates_path(world.visit))
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.CANCELLED)
    cache.delete(revision_key(world.visit.pk))
    inner = Refused()

    status, _headers, _body = call(
        LiveFastPath(inner), updates_path(world.visit), etag=live_etag(world.visit.pk, 0, "en")
    )

    assert (status, inner.calls) == ("418 I'm a teapot", 1)


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_left_to_djangos_redirect_when_https_is_required(world):
    cache.set(revision_key(world.visit.pk), 0)
    inner = Refused()

    status, _headers, _body = call(
        LiveFastPath(inner), updates_path(world.visit), etag=live_etag(world.visit.pk, 0, "en")
    )

    assert (status, inner.calls) == ("418 I'm a teapot", 1)


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
def test_over_https_the_304_carries_hsts_as_djangos_does(world):
    secure = {"wsgi.url_scheme": "https"}
    etag = Client().get(updates_path(world.visit), secure=True)["ETag"]
    django_304 = Client().get(updates_path(world.visit), HTTP_IF_NONE_MATCH=etag, secure=True)

    status, headers, _body = call(LiveFastPath(Refused()), updates_path(world.visit), etag=etag, **secure)

    assert status == "304 Not Modified"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers == django_headers(django_304)


def test_the_wsgi_application_is_wrapped():
    from kezdesu.wsgi import application

    assert isinstance(application, LiveFastPath)
