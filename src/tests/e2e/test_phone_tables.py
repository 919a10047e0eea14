"""Tables on a phone (issue 14, point 8): at 390 px no public page is wider than the screen, and every table shown
either turns into cards (one block per row, each cell with its heading) or sits in a scroll region that says so
and that the keyboard can scroll (static/kezdesu/tables.css). The walk is tests/e2e/public_pages.py's.
"""

import pytest

from tests.e2e.public_pages import load_public_demo, walk_public_pages

pytestmark = pytest.mark.rendering

LANGUAGES = ("kk", "ru", "en")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# For each table that is drawn: how it reads on a phone, or what is wrong with it.
TABLES_ON_A_PHONE = """() => {
  document.querySelectorAll("main details").forEach(details => { details.open = true; });  // tables folded away too
  return [...document.querySelectorAll("main table")]
  .filter(table => table.checkVisibility())
  .map(table => {
    const name = table.caption ? table.caption.textContent.trim().slice(0, 60) : table.outerHTML.slice(0, 80);
    const row = table.querySelector("tbody tr");
    if (row && getComputedStyle(row).display === "block") {
      const card = table.getBoundingClientRect();
      return card.right <= innerWidth + 1 ? "cards" : `cards wider than the screen: ${name}`;
    }
    const region = table.closest("[role=region]");
    if (!region) return `neither cards nor in a scroll region: ${name}`;
    const label = region.getAttribute("aria-label") || region.getAttribute("aria-labelledby");
    const scrolls = ["auto", "scroll"].includes(getComputedStyle(region).overflowX);
    if (region.getAttribute("tabindex") !== "0" || !label || !scrolls) {
      return `scroll region not focusable, named and scrolling: ${name}`;
    }
    const hint = document.getElementById(region.getAttribute("aria-describedby") || "");
    const overflows = region.scrollWidth > region.clientWidth;
    if (overflows && !(hint && hint.getClientRects().length > 0)) return `scrolls with no visible hint: ${name}`;
    return "scroll region";
  });
}"""


@pytest.fixture
def public_demo(transactional_db):
    load_public_demo()


@pytest.mark.django_db(transaction=True)
def test_public_pages_on_a_phone_fit_the_screen_and_their_tables_are_cards_or_scroll_regions(
    live_server, browser, public_demo
):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    problems: list[str] = []
    tables: dict[str, list[str]] = {}

    def check(path: str) -> None:
        tables[path] = page.evaluate(TABLES_ON_A_PHONE)
        problems.extend(f"{path}: {table}" for table in tables[path] if table not in ("cards", "scroll region"))
        width = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
        if width[0] > width[1]:
            problems.append(f"{path}: the page is {width[0]} px wide on a {width[1]} px screen")

    try:
        for language in LANGUAGES:
            _, failed = walk_public_pages(page, live_server.url, language, check)
            problems.extend(failed)
    finally:
        context.close()

    assert problems == []
    # The walk met both patterns: the accountability figures scroll, the measures are cards.
    assert "scroll region" in tables["/en/accountability/"]
    assert tables["/en/measures/"] == ["cards"]
