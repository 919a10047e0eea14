"""DRF's permission checks, answered by the one vocabulary in `organisations.rules`.

A view declares which rules permission it needs, pretix-style:

- `read_permission`: needed for GET/HEAD/OPTIONS; None means the data is public;
- `write_permission`: needed for every other method; None means the view takes no writes
  (the router then answers 405);
- `permission_per_object`: the permission is asked about an object (e.g. the debtor
  organisation), in `check_object_permissions`, rather than globally.

Scoping (what a user may see at all) is the queryset's job: objects outside it answer 404.
"""

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView


def required_permission(request: Request, view: APIView) -> str | None:
    if request.method in SAFE_METHODS:
        return getattr(view, "read_permission", None)
    return getattr(view, "write_permission", None)


class RulesPermission(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        permission = required_permission(request, view)
        if permission is None:
            return True
        if not request.user or not request.user.is_authenticated:
            return False
        if getattr(view, "permission_per_object", False):
            return True
        return bool(request.user.has_perm(permission))

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        permission = required_permission(request, view)
        if permission is None or not getattr(view, "permission_per_object", False):
            return True  # public, or already asked globally in has_permission
        return bool(request.user.has_perm(permission, obj))
