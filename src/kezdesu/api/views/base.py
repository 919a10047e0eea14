"""What every API view shares: the rules-backed permission check, the `?lang=` switch and
the mapping of domain errors (400, or 403 for NotPermitted) to `{"detail": ..., "code": ...}`."""

from typing import TYPE_CHECKING, Any

from django.utils import translation
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from kezdesu.api.language import requested_language
from kezdesu.api.permissions import RulesPermission
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import User

if TYPE_CHECKING:
    from rest_framework.views import APIView

    _Base = APIView
else:
    _Base = object


class ApiViewMixin(_Base):
    permission_classes = [RulesPermission]
    read_permission: str | None = None
    write_permission: str | None = None
    permission_per_object: bool = False

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        language = requested_language(request)
        if language is not None:
            # LocaleMiddleware already chose from Accept-Language; `?lang=` wins over it.
            translation.activate(language)
            request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc: Exception) -> Response:
        # Domain functions refuse with a translated message; the API passes it on as it is.
        if isinstance(exc, NotPermitted):
            return Response({"detail": str(exc.message), "code": exc.code}, status=status.HTTP_403_FORBIDDEN)
        if isinstance(exc, DomainError):
            return Response({"detail": str(exc.message), "code": exc.code}, status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)


def acting_user(request: Request) -> User:
    """The signed-in user; views that call it require authentication first."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return user
