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


# A message meant for the part of the page a redirect lands on (`…#closing`) carries the extra tag "at-closing";
# the page shows it there (`{% messages_at "closing" %}`), not at the top, out of sight (`messages_at_top`).
AT_PREFIX = "at-"


def message_at(anchor: str) -> str:
    """The extra tag that shows a message in the section `anchor` of the page the redirect lands on."""
    return f"{AT_PREFIX}{anchor}"


@register.filter
def shown_at_top(message: object) -> bool:
    return not any(tag.startswith(AT_PREFIX) for tag in str(getattr(message, "extra_tags", "") or "").split())


@register.inclusion_tag("includes/messages_at.html", takes_context=True)
def messages_at(context: template.Context, anchor: str) -> dict[str, object]:
    wanted = message_at(anchor)
    shown = [
        message
        for message in context.get("messages") or []
        if wanted in str(getattr(message, "extra_tags", "") or "").split()
    ]
    return {"shown": shown}
