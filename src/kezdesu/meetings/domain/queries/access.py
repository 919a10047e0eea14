"""Finding a visit for a member of staff: a visit they may not read does not exist for them (S2)."""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from kezdesu.meetings.models import Visit


def visit_for(user: Any, pk: int, permission: str = "meetings.view_visit") -> Visit:
    """The visit `pk` if `user` holds `permission` on it; 404 otherwise, whether or not it exists."""
    visit: Visit = get_object_or_404(
        Visit.objects.select_related("organisation", "position", "region", "district", "period"), pk=pk
    )
    if not user.has_perm("meetings.view_visit", visit) or not user.has_perm(permission, visit):
        raise Http404
    return visit
