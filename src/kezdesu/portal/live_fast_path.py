"""The live page's polls answered from the cache before Django's URL routing and middleware (issue 5).

Ten thousand viewers poll the update endpoint every five seconds. This WSGI wrapper answers
GET /<kk|ru|en>/visits/<pk>/live/updates/ as the view would (`portal.views.live.live_updates`): 304 when
If-None-Match names the current revision (one cache read), else the questions' HTML of that revision
when it is in the cache (the same for every viewer; a second read). Same ETag and Cache-Control, the
headers the middleware would add (Content-Language, the security headers), after the same checks (allowed
host, the HTTPS redirect). Anything else — a cache miss, another method or address — goes on to Django.

It also answers the live page's queued question intake, POST /api/v1/visits/<pk>/live/ask/ (JSON), with
`ask_answer`, the function the DRF view at that address calls (api/views/live.py LiveAskView): the checks
and the queue are questions/domain/live_queue.py; the JSON answer carries no cookie and needs no session.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.http import HttpRequest
from django.http.request import split_domain_port, validate_host
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.live_state import current_revision, etag_matches, fragment_key, live_etag
from kezdesu.meetings.interfaces.voter_keys import _hmac, client_address

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

UPDATES_PATH = re.compile(r"^/(kk|ru|en)/visits/([0-9]{1,18})/live/updates/$")
CACHE_CONTROL = "no-cache"  # as portal.views.live.CACHE_CONTROL
ASK_PATH = re.compile(r"^/api/v1/visits/([0-9]{1,18})/live/ask/$")
ASK_MAX_BODY_BYTES = 16 * 1024


def network_key_of(meta: dict[str, Any], visit_id: int) -> str:
    """voter_keys(request, visit).network_key, from the WSGI environ (or request.META)."""
    address = client_address(cast(HttpRequest, SimpleNamespace(META=meta)))
    return _hmac("network", f"{visit_id}:{address}")


def ask_answer(*, visit_id: int, body: bytes, network_key: str) -> tuple[int, dict[str, Any]]:
    """The live intake endpoint's status and JSON (POST /api/v1/visits/<id>/live/ask/), for the fast path and
    the DRF view alike: 202 queued, 201 stored at once (no Redis), 400 refused, 404 no such visit."""
    from kezdesu.questions.domain.live_queue import NoSuchVisit, accept_live_question

    if len(body) > ASK_MAX_BODY_BYTES:
        return 413, {"detail": translation.gettext("The request is too large."), "code": "too_large"}
    try:
        data = json.loads(body or b"{}")
        if not isinstance(data, dict):
            raise ValueError
    except ValueError:
        return 400, {"detail": translation.gettext("The body is not a JSON object."), "code": "parse_error"}
    try:
        accepted = accept_live_question(
            visit_id=visit_id,
            text=data.get("text"),
            district_id=data.get("district"),
            topic_id=data.get("topic"),
            network_key=network_key,
        )
    except NoSuchVisit:
        return 404, {"detail": translation.gettext("Not found."), "code": "not_found"}
    except DomainError as error:
        return 400, {"detail": str(error.message), "code": error.code}
    if accepted.queued:
        return 202, {"id": accepted.id, "status": "queued"}
    question = accepted.question
    return 201, {"id": accepted.id, "status": question.status if question is not None else "queued"}


def _language(environ: dict[str, Any]) -> str:
    """The API's language: ?lang=, else Accept-Language, else the default (as the API's middleware)."""
    query = environ.get("QUERY_STRING", "")
    match = re.search(r"(?:^|&)lang=(kk|ru|en)(?:&|$)", query)
    if match:
        return match[1]
    codes = {code for code, _name in settings.LANGUAGES}
    for code, _quality in parse_accept_lang_header(environ.get("HTTP_ACCEPT_LANGUAGE", "")):
        if code.split("-")[0] in codes:
            return code.split("-")[0]
    return str(settings.LANGUAGE_CODE)


def _is_secure(environ: dict[str, Any]) -> bool:
    if environ.get("wsgi.url_scheme") == "https":
        return True
    proxy = settings.SECURE_PROXY_SSL_HEADER
    return bool(proxy) and environ.get(proxy[0], "").split(",")[0].strip() == proxy[1]


def _host_allowed(environ: dict[str, Any]) -> bool:
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    domain, _port = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    return bool(domain) and validate_host(domain, allowed)


def response_headers(*, etag: str, language: str, secure: bool) -> list[tuple[str, str]]:
    """The view's headers after Django's middleware (SecurityMiddleware, LocaleMiddleware,
    XFrameOptionsMiddleware), for the settings in force."""
    headers = [("ETag", etag), ("Cache-Control", CACHE_CONTROL)]
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        policy = settings.SECURE_REFERRER_POLICY
        headers.append(("Referrer-Policy", policy if isinstance(policy, str) else ",".join(policy)))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    if secure and settings.SECURE_HSTS_SECONDS:
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
        headers.append(("Strict-Transport-Security", hsts))
    headers.append(("Content-Language", language))
    headers.append(("X-Frame-Options", settings.X_FRAME_OPTIONS))
    return headers


class LiveFastPath:
    """Wraps the Django WSGI application; see the module's docstring."""

    def __init__(self, application: WSGIApp) -> None:
        self.application = application

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "GET":
            match = UPDATES_PATH.match(environ.get("PATH_INFO", ""))
            if match is not None:
                answer = self._answer(environ, match[1], int(match[2]))
                if answer is not None:
                    status, headers, body = answer
                    start_response(status, headers)
                    return body
        elif environ.get("REQUEST_METHOD") == "POST":
            match = ASK_PATH.match(environ.get("PATH_INFO", ""))
            if match is not None and self._may_answer(environ):
                status, headers, body = self._ask(environ, int(match[1]))
                start_response(status, headers)
                return body
        return self.application(environ, start_response)

    def _may_answer(self, environ: dict[str, Any]) -> bool:
        secure = _is_secure(environ)
        return not (settings.SECURE_SSL_REDIRECT and not secure) and _host_allowed(environ)

    def _ask(self, environ: dict[str, Any], visit_id: int) -> tuple[str, list[tuple[str, str]], list[bytes]]:
        declared = environ.get("CONTENT_LENGTH") or "0"
        length = int(declared) if declared.isdigit() else 0
        body = b"x" * (ASK_MAX_BODY_BYTES + 1) if length > ASK_MAX_BODY_BYTES else environ["wsgi.input"].read(length)
        language = _language(environ)
        # As Django's handler: request_started / request_finished close connections past CONN_MAX_AGE or broken.
        request_started.send(sender=self.__class__, environ=environ)
        try:
            with translation.override(language):
                code, payload = ask_answer(visit_id=visit_id, body=body, network_key=network_key_of(environ, visit_id))
        finally:
            request_finished.send(sender=self.__class__)
        data = json.dumps(payload, ensure_ascii=False).encode()
        reason = {201: "Created", 202: "Accepted", 400: "Bad Request", 404: "Not Found", 413: "Payload Too Large"}
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(data))),
            ("Content-Language", language),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ]
        return f"{code} {reason[code]}", headers, [data]

    def _answer(
        self, environ: dict[str, Any], language: str, visit_id: int
    ) -> tuple[str, list[tuple[str, str]], list[bytes]] | None:
        secure = _is_secure(environ)
        if (settings.SECURE_SSL_REDIRECT and not secure) or not _host_allowed(environ):
            return None  # Django redirects or refuses it
        revision = current_revision(visit_id)
        if revision is None:
            return None  # Django answers 404
        etag = live_etag(visit_id, revision, language)
        headers = response_headers(etag=etag, language=language, secure=secure)
        if etag_matches(environ.get("HTTP_IF_NONE_MATCH", ""), etag):
            return "304 Not Modified", [*headers, ("Content-Length", "0")], []  # as CommonMiddleware adds
        html: str | None = cache.get(fragment_key(visit_id, revision, language))
        if html is None:
            return None  # Django renders it (and caches it for the next one)
        body = html.encode()
        headers += [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        return "200 OK", headers, [body]
