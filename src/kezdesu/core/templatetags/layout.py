"""Template tags for the site layout: the language switcher and the staff navigation."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url

from kezdesu.core.domain.queries.notifications import unread_notification_count

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    next_url: str
    is_current: bool


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[LanguageLink]:
    """Each interface language with the current page's address in it (for set_language's `next`)."""
    request = context.get("request")
    current = context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = request.get_full_path() if request is not None else "/"
    return [
        LanguageLink(code=code, name=name, next_url=translate_url(path, code), is_current=code == current)
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return unread_notification_count(user)


@register.simple_tag(takes_context=True)
def is_current(context: template.Context, *view_names: str) -> bool:
    """Whether the page being shown is one of `view_names` (for aria-current in the navigation)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return bool(match and match.view_name in view_names)
