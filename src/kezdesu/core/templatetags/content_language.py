"""Content in the page's language, or honestly in the language it is written in (issue 14).

`{% translated_text item "topics" %}`: a translated field (`topics_kk`, `topics_ru`, `topics_en`) in the page's
language; where only another language has a text, that text, marked with its `lang` and "(in Kazakh)".
`{% written_text question.text question.language %}`: people's own words (citizens' questions and comments, free
text nobody translates) as written, marked with their language where it is not the page's. An unknown language
is told from the letters: Kazakh letters mean kk, other Cyrillic ru, Latin en.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

LANGUAGE_NAMES = {"kk": _("in Kazakh"), "ru": _("in Russian"), "en": _("in English")}


def page_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def text_language(text: str) -> str:
    """The language a text is written in, told from its letters ("" without letters)."""
    from kezdesu.questions.domain.intake import detect_language  # the one definition, shared with intake

    return detect_language(text)


def in_language(text: str, language: str, *, lines: bool = True) -> SafeString:
    """`text` as HTML: as it is in the page's language, else in an element with its `lang` and a label saying
    which language it is (the label in the page's language, outside that element)."""
    body = linebreaksbr(text, autoescape=True) if lines else conditional_escape(text)
    if not language or language == page_language() or language not in LANGUAGE_NAMES:
        return SafeString(body)
    return format_html(
        '<span lang="{}">{}</span> <span class="content-language muted">({})</span>',
        language,
        body,
        LANGUAGE_NAMES[language],
    )


def translated_value(instance: Any, field: str) -> tuple[str, str]:
    """(text, its language): the page's language first, then the fallback languages in their order."""
    current = page_language()
    order = [current, *(code for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"] if code != current)]
    for code in order:
        value = getattr(instance, f"{field}_{code}", None)
        if value and str(value).strip():
            return str(value), code
    return "", current


@register.simple_tag
def translated_text(instance: Any, field: str, lines: bool = True) -> SafeString:
    text, language = translated_value(instance, field)
    return in_language(text, language, lines=lines)


@register.simple_tag
def written_text(text: str, language: str = "", lines: bool = True) -> SafeString:
    text = str(text or "")
    return in_language(text, language or text_language(text), lines=lines)


@register.filter
def has_translation(instance: Any, field: str) -> bool:
    """Whether any language has a text: `{% if item|has_translation:"topics" %}`."""
    return bool(translated_value(instance, field)[0])
