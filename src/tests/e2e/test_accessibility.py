"""Every public page passes axe-core's WCAG 2.1 AA checks with no serious or critical violation, in kk, ru and en,
on a desktop (1280 px), and on a phone (390 px) in Kazakh (issues 4 and 14).

One test, one browser, one load of the demo: the walk (tests/e2e/public_pages.py) opens each public page once per
language and axe runs on it at both widths (the viewport is resized in place: the layout follows the width, so
the page need not load twice). The demo takes about a minute to load and the walk a few more.
"""

import os
from pathlib import Path

import pytest

from tests.e2e.accessibility import serious_violations
from tests.e2e.public_pages import load_public_demo, walk_public_pages

pytestmark = pytest.mark.rendering

DESKTOP, PHONE = (1280, 900), (390, 844)
# Every page in every language on a desktop; on a phone in Kazakh, the language with the longest words (the phone
# layout is the same markup in every language: a third of the walk's time for what a second language adds).
WIDTHS = {"kk": (DESKTOP, PHONE), "ru": (DESKTOP,), "en": (DESKTOP,)}
LANGUAGES = tuple(WIDTHS)
# Set to a folder to keep a screenshot of each page at each width (to look at them, not asserted).
SCREENSHOTS = os.environ.get("KEZDESU_SCREENSHOTS", "")


@pytest.fixture
def public_demo(transactional_db):
    load_public_demo()


@pytest.mark.django_db(transaction=True)
def test_every_public_page_has_no_serious_accessibility_violation_in_any_language_or_width(
    live_server, page, public_demo
):
    violations: list[str] = []

    def check(path: str) -> None:
        for width, height in WIDTHS[path.strip("/").split("/")[0]]:
            page.set_viewport_size({"width": width, "height": height})
            if SCREENSHOTS:
                Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
                name = path.strip("/").replace("/", "_") or "root"
                page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-{width}.png"), full_page=True)
            violations.extend(f"{path} at {width} px: {line}" for line in serious_violations(page))

    walked_paths: list[str] = []
    for language in LANGUAGES:
        walked, failed = walk_public_pages(page, live_server.url, language, check)
        walked_paths.extend(walked)
        violations.extend(failed)

    assert len(walked_paths) >= 30 * len(LANGUAGES)  # the walk found the demo's pages, not just the home page
    assert violations == []
