"""Browser tests: Debian's Chromium driven by Playwright. Playwright never downloads a browser."""

import os
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API keeps an event loop in the test thread; the ORM calls in tests are
# still synchronous, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason="Debian's chromium is not installed (make browser)"))


@pytest.fixture(scope="session", autouse=True)
def clicks_wait_for_the_new_page() -> Iterator[None]:
    """A click that follows a link or submits a form returns once the new page has loaded.

    Playwright's click returns when the next page starts to arrive, so a check that does not wait
    (`count()`, `all()`, `is_visible()`) could read a page only half parsed. After a click that
    navigates nowhere the page is already loaded and nothing is waited for.
    """
    from playwright.sync_api import Locator, Page

    locator_click, page_click = Locator.click, Page.click

    def click_locator(self: Locator, *args: object, **kwargs: object) -> None:
        locator_click(self, *args, **kwargs)
        self.page.wait_for_load_state()

    def click_selector(self: Page, *args: object, **kwargs: object) -> None:
        page_click(self, *args, **kwargs)
        self.wait_for_load_state()

    with mock.patch.object(Locator, "click", click_locator), mock.patch.object(Page, "click", click_selector):
        yield


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True)  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()
