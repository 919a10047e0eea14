"""Following a meeting by e-mail in the browser (issue 14, point 4), on a phone 390 px wide, in kk, ru and en: from
the meeting's page to the subscribe form; a mistake answers with the error summary at the top of the form, linking
to the fields; the right address answers "check your inbox" inside the viewport. Nothing but the confirmation link
is sent. Set KEZDESU_SCREENSHOTS to a folder to keep what the pages showed."""

import os
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from kezdesu.subscriptions.models import Subscription
from tests.factories.meetings import build_visit_world

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = os.environ.get("KEZDESU_SCREENSHOTS", "")
PHONE = {"width": 390, "height": 844}


def _inside_viewport(page: Any, selector: str, shot: str) -> None:
    answer = page.locator(selector)
    expect(answer).to_be_visible()
    expect(answer).to_be_focused()
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{shot}.png"))
    box = answer.bounding_box()
    assert box is not None
    assert box["y"] >= -1, f"{selector} starts above the viewport: {box}"
    assert box["y"] + box["height"] <= PHONE["height"] + 1, f"{selector} ends below the viewport: {box}"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_citizen_follows_a_meeting_by_email_on_a_phone(live_server, browser, settings, language):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    visit = build_visit_world().visit
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/{language}/visits/{visit.pk}/")
        page.locator(f".follow-links a[href='/{language}/follow/?visit={visit.pk}']").click()
        assert page.url.endswith(f"/{language}/follow/?visit={visit.pk}")
        expect(page.locator("html")).to_have_attribute("lang", language)

        page.locator("#id_email").fill("not an address")
        page.locator(".follow-form button[type=submit]").click()
        _inside_viewport(page, "#follow-result.error-summary", f"follow-error-{language}-390")
        hrefs = page.locator("#follow-result a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
        assert hrefs == ["#id_email", "#id_consent"]

        page.locator("#id_email").fill(f"citizen-{language}@example.kz")
        page.locator("#id_consent").check()
        page.locator(".follow-form button[type=submit]").click()
        _inside_viewport(page, "#follow-result.confirmation", f"follow-done-{language}-390")
    finally:
        context.close()

    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.language, subscription.confirmed_at) == (
        f"citizen-{language}@example.kz",
        language,
        None,
    )
    assert [message.to for message in mail.outbox] == [[f"citizen-{language}@example.kz"]]
    assert f"/{language}/follow/confirm/{subscription.token}/" in mail.outbox[0].body
