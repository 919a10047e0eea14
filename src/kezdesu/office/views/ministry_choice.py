"""The ministry a ministry-level page is for, among those the user reads (?organisation=<code>)."""

from __future__ import annotations

from django.http import Http404

from kezdesu.core.collation import collated
from kezdesu.office.views.access import StaffRequest
from kezdesu.organisations.domain.queries.scope import organisations_in_scope
from kezdesu.organisations.models import Organisation


def ministries_in_scope(request: StaffRequest) -> list[Organisation]:
    return collated(organisations_in_scope(request.user).filter(kind=Organisation.Kind.MINISTRY))


def chosen_ministry(request: StaffRequest, *, permission: str = "") -> tuple[Organisation, list[Organisation]]:
    """?organisation=<code> (GET or POST) among the ministries the user reads, else their first; 404 otherwise,
    or when the user lacks `permission` on it."""
    ministries = ministries_in_scope(request)
    code = request.GET.get("organisation") or request.POST.get("organisation") or ""
    chosen = next((ministry for ministry in ministries if ministry.code == code), None)
    if chosen is None and (code or not ministries):
        raise Http404
    result = chosen or ministries[0]
    if permission and not request.user.has_perm(permission, result):
        raise Http404
    return result, ministries
