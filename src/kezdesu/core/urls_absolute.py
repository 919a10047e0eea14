"""The site's own address: where links in pages, e-mails, QR codes, feeds and documents point.

A page answers with the address it was asked under (the request's host, checked against ALLOWED_HOSTS, and its
scheme, which SECURE_PROXY_SSL_HEADER reads from the proxy when KEZDESU_BEHIND_PROXY is on). What is built
without a request — mail sent by tasks, documents, exports — uses settings.SITE_URL, the public address the
site is deployed under.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site_url() -> str:
    """The configured public address, without a trailing slash."""
    return str(settings.SITE_URL).rstrip("/")


def absolute_url(path: str, *, request: HttpRequest | None = None) -> str:
    """`path` (beginning with a slash) as an absolute URL: on the request's host when there is one."""
    if path.startswith(("https://", "http://")):
        return path
    if request is not None:
        return request.build_absolute_uri(path)
    return site_url() + (path if path.startswith("/") else "/" + path)
