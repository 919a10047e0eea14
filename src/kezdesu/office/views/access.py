"""Who may open a back-office page. The rules themselves live in `organisations.rules`."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails

from kezdesu.organisations.models import User

View = Callable[..., HttpResponse]


class StaffRequest(HttpRequest):
    """A request that passed `office_view`: a signed-in user, and django-htmx's details."""

    user: User
    htmx: HtmxDetails


def office_view(view: View) -> View:
    """Signed-in staff only: anonymous visitors go to the sign-in page, others get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("office.access"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def hidden_unless(permission: str) -> Callable[[View], View]:
    """Staff without `permission` get 404: the page does not exist for them (S2)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(permission):
                raise Http404
            return view(request, *args, **kwargs)

        return office_view(wrapped)

    return decorator
