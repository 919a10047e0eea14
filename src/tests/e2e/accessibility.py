"""axe-core (bundled by axe-playwright-python, nothing downloaded) run on a page: WCAG 2.1 A and AA rules."""

from typing import Any

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SERIOUS = ("serious", "critical")


def serious_violations(page: Any) -> list[str]:
    """The serious and critical violations on the page, one line each: rule, impact and where."""
    results = Axe().run(page, options=WCAG_21_AA)
    serious = [violation for violation in results.response["violations"] if violation["impact"] in SERIOUS]
    return [
        f"{violation['id']} ({violation['impact']}): " + ", ".join(str(node["target"]) for node in violation["nodes"])
        for violation in serious
    ]
