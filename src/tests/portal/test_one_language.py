"""Every public page of the demo speaks one language (issue 14): no Latin words on Kazakh and Russian pages, no
Cyrillic on English ones, except proper names and content marked with its own `lang`.

The walker starts at each language's home page and follows the site's own links (HTML pages only, a few pages
per kind of address), with the plain test client: the pages work without JavaScript.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

pytestmark = pytest.mark.rendering

LANGUAGES = ("kk", "ru", "en")
PAGES_PER_KIND = 2  # pages per address pattern (numbers replaced): /kk/visits/<n>/ ...
MOST_PAGES = 120  # per language
SKIPPED = re.compile(
    r"\.(docx|xlsx|pdf|ics|csv|json|xml|rss|atom|png|svg|zip)$|/(feed|feeds|rss|atom|ical|api|office|admin|static|media)/"
    r"|/(open-data|data)/.+|/download/|/export/"
)
# Proper names and abbreviations that stay as they are in every language.
ALLOWED = {
    "kezdesu", "youtube", "telegram", "facebook", "instagram", "vk", "whatsapp", "pdf", "docx", "xlsx", "csv",
    "json", "api", "rest", "openapi", "qr", "ical", "rss", "atom", "e-mail", "email", "kato", "iso", "url", "www",
    "html", "utc", "gmt", "eotinish", "egov", "openstreetmap", "osm", "id", "sms", "geokz", "kegoc", "wi-fi", "bom",
    "icalendar", "excel", "word", "cookie", "utf", "creative", "commons", "attribution", "reg",
}  # fmt: skip
URL = re.compile(
    r"\bCC[ -]BY(?:[ -]\d\.\d)?\b|\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w.-]+\.(?:kz|com|org|gov|net)\b\S*"
)
LATIN_WORD = re.compile(r"\b[A-Za-z][A-Za-z'’-]*[A-Za-z]\b")
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{2,}")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PageText(HTMLParser):
    """The text a reader sees (and the labels of controls), leaving out scripts, styles and foreign-language
    content marked with `lang`; the page's own links."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.parts: list[str] = []
        self.links: list[str] = []

    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        lang = (values.get("lang") or "").split("-")[0]
        hidden = (
            self.hidden()
            or tag in ("script", "style", "template", "noscript", "code", "kbd", "samp")
            or bool(lang and lang != self.language)
        )
        if not hidden:
            for name in ("alt", "placeholder", "aria-label", "title"):
                if values.get(name):
                    self.parts.append(values[name] or "")
            if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
                self.parts.append(values["value"] or "")
        if tag not in VOID:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden():
            self.parts.append(data)


def foreign_words(text: str, language: str) -> list[str]:
    text = URL.sub(" ", text)
    if language == "en":
        return CYRILLIC_WORD.findall(text)
    return [word for word in LATIN_WORD.findall(text) if word.lower() not in ALLOWED]


def kind_of(path: str) -> str:
    return re.sub(r"\d+", "<n>", path)


def walk(client: Client, language: str) -> dict[str, list[str]]:
    """{path: foreign words} for the pages reached from the language's home page."""
    found: dict[str, list[str]] = {}
    queue = [f"/{language}/"]
    seen = set(queue)
    per_kind: dict[str, int] = defaultdict(int)
    visited = 0
    while queue and visited < MOST_PAGES:
        path = queue.pop(0)
        response = client.get(path)
        visited += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = PageText(language)
        parser.feed(response.content.decode())
        words = foreign_words(" ".join(parser.parts), language)
        if words:
            found[path] = sorted(set(words))
        for href in parser.links:
            link = urldefrag(href).url
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith(f"/{language}/"):
                continue
            target = parts.path
            if target in seen or SKIPPED.search(target) or per_kind[kind_of(target)] >= PAGES_PER_KIND:
                continue
            seen.add(target)
            per_kind[kind_of(target)] += 1
            queue.append(target)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_speaks_the_page_language(demo_once, language):
    found = walk(Client(), language)
    for path, words in sorted(found.items()):
        print(f"{path}: {' '.join(words)}")  # noqa: T201 (the list is the point of the test)
    assert found == {}


def test_the_walker_sees_only_what_a_reader_sees():
    parser = PageText("kk")
    parser.feed(
        '<p>Сапар <span lang="ru">Визит</span><script>var x = "Demo";</script>'
        '<a href="/kk/visits/1/" title="Kezdesu">Demo entry</a></p><img src="a.png" alt="Карта">'
    )
    text = " ".join(parser.parts)
    assert "Визит" not in text
    assert "var" not in text
    assert parser.links == ["/kk/visits/1/"]
    assert foreign_words(text, "kk") == ["Demo", "entry"]
    assert foreign_words("Visit https://kezdesu.kz/kk/ Сапар", "en") == ["Сапар"]
