"""The visitor's region, chosen on the home page with a plain GET form and remembered in a cookie (no
session, no account): lists put the meetings nearest to it first."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse

from kezdesu.organisations.models import Region

COOKIE = "kezdesu_region"
PARAMETER = "region"
REMEMBER_SECONDS = 365 * 24 * 60 * 60


def chosen_region(request: HttpRequest, regions: Sequence[Region]) -> tuple[Region | None, bool]:
    """The region asked for in the query string, else remembered; and whether the query string changed it."""
    by_kato = {region.kato: region for region in regions}
    if PARAMETER in request.GET:
        return by_kato.get(request.GET[PARAMETER].strip()), True
    return by_kato.get(request.COOKIES.get(COOKIE, "")), False


def remember_region(response: HttpResponse, region: Region | None) -> None:
    if region is None:
        response.delete_cookie(COOKIE, samesite="Lax")
    else:
        response.set_cookie(COOKIE, region.kato, max_age=REMEMBER_SECONDS, samesite="Lax", httponly=True)
