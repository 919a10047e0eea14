"""Speakers and participants in the page's language (issue 14).

A speaker or a participant's line is free text, written once in one language. Where it names a post of the visit
(its title in any of the three languages), the post's title is shown in the page's language; other text is shown
as written, marked with its language (core/templatetags/content_language.py).

    {% visit_posts visit as posts %} … {% person_text item.speaker posts %}
    {% person_lines part.other_participants posts %}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from kezdesu.core.templatetags.content_language import in_language, text_language
from kezdesu.meetings.domain.queries.posts import posts_of_visit
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Position

register = template.Library()

LANGUAGES = ("kk", "ru", "en")


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .,;").casefold()


def titles(positions: Iterable[Position]) -> dict[str, Position]:
    """Each post by its title in every language."""
    return {
        _key(title): position
        for position in positions
        for title in (getattr(position, f"title_{code}") for code in LANGUAGES)
        if title
    }


@register.simple_tag
def visit_posts(visit: Visit) -> dict[str, Position]:
    return titles(posts_of_visit(visit))


def person(text: str, posts: Mapping[str, Position]) -> SafeString:
    position = posts.get(_key(text))
    if position is not None:
        return SafeString(conditional_escape(position.title))
    return in_language(text, text_language(text), lines=False)


@register.simple_tag
def person_text(text: str, posts: Mapping[str, Position]) -> SafeString:
    return person(str(text or ""), posts)


@register.simple_tag
def person_lines(text: str | Iterable[str], posts: Mapping[str, Position]) -> SafeString:
    """One person per line (text with line breaks, or a list of lines), joined with <br>."""
    lines = str(text).splitlines() if isinstance(text, str) else list(text)
    return SafeString("<br>".join(person(line.strip(), posts) for line in lines if line.strip()))
