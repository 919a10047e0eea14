"""Screenshots of pages in kk, ru and en at phone and desktop width, for people to look at.

Usage: python tools/screenshots.py BASE_URL OUT_DIR [USERNAME PASSWORD] PATH...
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}


def main() -> None:
    base, out, *rest = sys.argv[1:]
    username = password = None
    if len(rest) >= 2 and not rest[0].startswith("/"):
        username, password, *rest = rest
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width_name, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            if username:
                page.goto(f"{base}/en/office/login/")
                page.fill("input[name=username]", username)
                page.fill("input[name=password]", password)
                page.click("form.card button[type=submit]")
            for path in rest:
                for language in ("kk", "ru", "en"):
                    page.goto(f"{base}/{language}{path}")
                    name = (
                        path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-").replace("&", "_")
                        or "home"
                    )
                    page.screenshot(path=f"{out}/{name}-{language}-{width_name}.png", full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
