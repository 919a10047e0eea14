"""The language of plain (untranslated-object) fields in API responses.

The API lives outside `i18n_patterns`, so LocaleMiddleware picks the language from the
Accept-Language header; `?lang=` overrides it for clients that cannot set headers.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=list(LANGUAGE_CODES),
    description=_(
        "Language of the plain `name`/`title` fields and of messages. Overrides the Accept-Language header. "
        "Translated content is always also given in all three languages."
    ),
)


def requested_language(request: Request) -> str | None:
    """The language asked for with `?lang=`, if it is one we serve."""
    language = request.query_params.get("lang", "")
    return language if language in LANGUAGE_CODES else None
