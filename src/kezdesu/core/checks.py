"""System checks of the deployment's settings (`manage.py check`, and `check --deploy`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]", "0.0.0.0", "testserver"})
HINT = (
    "Set SITE_URL to the public https address of the site (for example SITE_URL=https://kezdesu.example.kz): "
    "links in e-mails sent by background tasks, in documents and in open data are built from it."
)


def _is_loopback(host: str) -> bool:
    return host.lower() in LOOPBACK_HOSTS or host.startswith("127.")


def site_url_problems(*, deploy: bool) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    parts = urlsplit(str(settings.SITE_URL))
    host = parts.hostname or ""
    served_elsewhere = any(not _is_loopback(allowed.lstrip(".")) for allowed in settings.ALLOWED_HOSTS)
    # The embedded demo (loopback address, loopback hosts only) is consistent as it is; `check --deploy` still says.
    if not deploy and not served_elsewhere and _is_loopback(host):
        return []
    if not host or _is_loopback(host):
        return [
            CheckWarning(
                f"SITE_URL is {settings.SITE_URL!r}, a loopback address, while DEBUG is off: links in e-mails, "
                "documents and open data would point at this machine, not at the site.",
                hint=HINT,
                id="kezdesu.W001",
            )
        ]
    if parts.scheme != "https":
        return [
            CheckWarning(
                f"SITE_URL is {settings.SITE_URL!r}, not an https address, while DEBUG is off.",
                hint=HINT,
                id="kezdesu.W002",
            )
        ]
    return []


@register("site")
def check_site_url(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    return site_url_problems(deploy=False)


@register(Tags.security, deploy=True)
def check_site_url_for_deployment(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    if site_url_problems(deploy=False):
        return []  # already said by check_site_url, which runs with --deploy too
    return site_url_problems(deploy=True)
