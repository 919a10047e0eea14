"""Every public form answers where the page lands (issue 14, point 1), in the browser, at 390 and 1280 px, in kk, ru
and en: sent once with a mistake and once right, the page shows its error summary (each link to an existing field)
or its confirmation inside the viewport, focused. Without JavaScript the page lands on them as well, by the
fragment of the form's action or of the redirect. A vote on the live page changes the question's count in place:
the page, and the broadcast playing in it, are not reloaded.

The records are built once for the module and committed; one test server of the module's own serves them,
sharing the test's in-memory SQLite connection, so that what a test changes is rolled back after it (and, as in
any test, the commit hooks do not run: the live page's revision does not move). The module empties the database
when it ends, as a transactional test does. Each test opens a browser of its own (a new voter) and clears the
cache (the rate limits). Set KEZDESU_SCREENSHOTS to a folder to keep what each page showed.
"""

import datetime
import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from kezdesu.meetings.domain.date_vote import open_date_vote
from kezdesu.meetings.domain.live_state import live_meeting_for
from kezdesu.meetings.models import BroadcastLink, OfficialAccount, Visit, VisitPart
from kezdesu.questions.models import Question
from tests.factories.date_vote import offer_options
from tests.factories.followup import issue
from tests.factories.intake import intake_topic
from tests.factories.live import ask
from tests.factories.meetings import at, build_visit_world
from tests.factories.reception import add_slots, make_iin

SCREENSHOTS = os.environ.get("KEZDESU_SCREENSHOTS", "")
LANGUAGES = ("kk", "ru", "en")
WIDTHS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 900}}
COMBINATIONS = [pytest.param(language, width, id=f"{language}-{width}") for language in LANGUAGES for width in WIDTHS]
FIELDS = ("INPUT", "SELECT", "TEXTAREA")
# ms: an answer shows within a request or two; the two shared cores of the CI machine can make that slow.
WAIT = 15_000

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]


@dataclass
class Site:
    url: str
    visit: Visit
    live_visit: Visit
    issue_id: int

    def page_of(self, language: str, path: str) -> str:
        return f"{self.url}/{language}{path}"


def build_records() -> tuple[Visit, Visit, int]:
    """A visit in March 2027 with every public form open (the date vote, questions, reception times), the same
    minister's meeting under way today with its live page, and a published problem issue."""
    world = build_visit_world()
    visit = world.visit
    offer_options(visit)
    open_date_vote(actor=world.user("ministry_editor"), visit=visit, closes_at=at(18, day=datetime.date(2027, 3, 1)))
    add_slots(world, count=4)
    intake_topic()
    now = timezone.now()
    live_visit = Visit.objects.create(
        organisation=visit.organisation,
        position=visit.position,
        region=visit.region,
        start_date=timezone.localdate(now),
        end_date=timezone.localdate(now),
        status=Visit.Status.PUBLISHED,
        title_en="Minister A answers live",
        title_kk="Министр А тікелей жауап береді",
        title_ru="Министр А отвечает в прямом эфире",
    )
    meeting = VisitPart.objects.create(
        visit=live_visit,
        kind=VisitPart.Kind.MEETING,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
        venue_en="Palace of Culture",
    )
    account = OfficialAccount.objects.get(organisation=visit.organisation)
    BroadcastLink.objects.create(part=meeting, account=account, url="https://www.youtube.com/watch?v=abcdefghijk")
    live_meeting_for(live_visit)
    for text in (
        "When will the road to the district hospital be repaired?",
        "Why is there no gas in our village?",
        "Will the school get a new gym?",
        "How do I get a place in the kindergarten?",
        "When does the bus to Aksu run again?",
        "Can the clinic get a second paediatrician?",
    ):
        ask(live_visit, text)
    problem = issue(visit, 1, title="Gas in the village", competent_company="QazaqGaz", published_at=now)
    return visit, live_visit, problem.pk


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: Any) -> Iterator[Site]:
    from pytest_django.live_server_helper import LiveServer

    plain = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        CELERY_TASK_ALWAYS_EAGER=True,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ALLOWED_HOSTS=["localhost", "127.0.0.1", "testserver"],
        # Every browser of the module comes from the same address: its limits must not be what is tested here.
        KEZDESU_DATE_VOTES_PER_NETWORK=1000,
        KEZDESU_LIVE_VOTES_PER_NETWORK=1000,
    )
    with django_db_blocker.unblock(), plain:
        visit, live_visit, issue_id = build_records()
        server = LiveServer("localhost")
        # The first request of a server imports and warms what every page needs; no browser waits for it.
        urlopen(f"{server.url}/en/visits/{visit.pk}/", timeout=120).read()
        try:
            yield Site(url=server.url, visit=visit, live_visit=live_visit, issue_id=issue_id)
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()


@pytest.fixture
def open_page(browser: Any, site: Site) -> Iterator[Callable[..., Any]]:
    """A browser of its own at a width (a new voter), kept to the test server: the embedded player is not fetched."""
    contexts = []

    def open_at(width: int, *, javascript: bool = True) -> Any:
        phone = width < 600
        context = browser.new_context(
            viewport=WIDTHS[width], is_mobile=phone, has_touch=phone, java_script_enabled=javascript
        )
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith(site.url) else route.abort()
        )
        context.set_default_timeout(WAIT)
        context.set_default_navigation_timeout(4 * WAIT)
        contexts.append(context)
        return context.new_page()

    yield open_at
    for context in contexts:
        context.close()


def lands_on(page: Any, selector: str, shot: str, *, focused: bool = True) -> None:
    """The answer `selector` is shown whole inside the viewport (and focused, with JavaScript)."""
    answer = page.locator(selector)
    expect(answer).to_be_visible(timeout=WAIT)
    if focused:
        expect(answer).to_be_focused(timeout=WAIT)
    box = answer.bounding_box()
    view = page.viewport_size
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{shot}.png"))
    assert box is not None
    assert box["y"] >= -1, f"{selector} starts above the viewport: {box}"
    assert box["y"] + box["height"] <= view["height"] + 1, f"{selector} ends below the viewport: {box} in {view}"


def summary_links_to_fields(page: Any, selector: str) -> list[str]:
    """The ids the error summary links to; each names exactly one field of the page."""
    hrefs = page.locator(f"{selector} a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert hrefs, f"{selector} links to no field"
    for href in hrefs:
        assert href.startswith("#")
        target = page.locator(f"[id='{href[1:]}']")
        assert target.count() == 1, f"{href} names {target.count()} elements"
        assert target.evaluate("element => element.tagName") in FIELDS, f"{href} is not a field"
    return [href[1:] for href in hrefs]


def send(page: Any, form: str) -> None:
    page.locator(f"{form} button[type=submit]").click()


def press(button: Any) -> None:
    """Click a button further down the page. Chromium routes a click sent in the same frame as the scroll by the
    hit-test data it had before: with the (blocked) player's frame on the page, the click is lost. Scroll first."""
    button.scroll_into_view_if_needed()
    button.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    button.click()


@pytest.mark.parametrize(("language", "width"), COMBINATIONS)
def test_asking_a_question_on_the_visit_page(site: Site, open_page: Callable[..., Any], language: str, width: int):
    page = open_page(width)
    page.goto(site.page_of(language, f"/visits/{site.visit.pk}/"))

    send(page, "#questions form")  # nothing chosen, nothing written

    lands_on(page, "#ask-result", f"ask-error-{language}-{width}")
    assert summary_links_to_fields(page, "#ask-result") == ["id_topic", "id_text"]
    page.locator("#id_topic").select_option(index=1)
    page.locator("#id_text").fill(f"When will the road in our village be repaired? ({language}, {width})")
    send(page, "#questions form")

    assert page.url.endswith(f"/visits/{site.visit.pk}/#ask-result")
    lands_on(page, "#ask-result.confirmation", f"ask-done-{language}-{width}")


@pytest.mark.parametrize(("language", "width"), COMBINATIONS)
def test_voting_on_the_date(site: Site, open_page: Callable[..., Any], language: str, width: int):
    page = open_page(width)
    page.goto(site.page_of(language, f"/visits/{site.visit.pk}/"))

    send(page, "#date-vote form")  # no date chosen

    lands_on(page, "#date-vote-result", f"vote-error-{language}-{width}")
    assert summary_links_to_fields(page, "#date-vote-result") == ["date-vote-option_0"]
    page.locator("#date-vote-result a").click()  # the link takes the person to the dates
    expect(page.locator("#date-vote-option_0")).to_be_focused(timeout=WAIT)
    page.locator("#date-vote-option_0").check()
    send(page, "#date-vote form")

    lands_on(page, "#date-vote-result.confirmation", f"vote-done-{language}-{width}")


@pytest.mark.parametrize(("language", "width"), COMBINATIONS)
def test_booking_a_reception_time_and_cancelling_it(
    site: Site, open_page: Callable[..., Any], language: str, width: int
):
    page = open_page(width)
    iin = make_iin(serial=10 + list(LANGUAGES).index(language) * 2 + (width > 600))
    page.goto(site.page_of(language, f"/visits/{site.visit.pk}/"))
    reception = "#reception form"

    page.locator("#reception-full_name").fill("Testova Testa")
    send(page, reception)

    lands_on(page, "#reception-result", f"book-error-{language}-{width}")
    links = summary_links_to_fields(page, "#reception-result")
    assert links[0].startswith("reception-slot-")
    assert links[1:] == ["reception-iin", "reception-phone", "reception-topic", "reception-consent"]
    page.locator(f"#{links[0]}").check()
    page.locator("#reception-iin").fill(iin)
    page.locator("#reception-phone").fill("+7 701 555 00 77")
    page.locator("#reception-topic").fill("Water supply in the village")
    page.locator("#reception-consent").check()
    send(page, reception)

    lands_on(page, "#reception-result.confirmation", f"book-done-{language}-{width}")
    code = page.locator(".reception-code").inner_text()
    page.goto(site.page_of(language, f"/visits/{site.visit.pk}/reception/cancel/"))
    page.locator("#id_iin").fill(iin)
    send(page, "main form.card")

    lands_on(page, "#cancel-result", f"cancel-error-{language}-{width}")
    assert summary_links_to_fields(page, "#cancel-result") == ["id_code"]
    page.locator("#id_code").fill(code)
    send(page, "main form.card")

    lands_on(page, "#reception-result.confirmation", f"cancel-done-{language}-{width}")


@pytest.mark.parametrize(("language", "width"), COMBINATIONS)
def test_following_a_problem_issue_by_email(site: Site, open_page: Callable[..., Any], language: str, width: int):
    page = open_page(width)
    page.goto(site.page_of(language, f"/issues/{site.issue_id}/"))

    page.locator("#id_email").fill("not an address")
    send(page, "section.follow form")

    lands_on(page, "#follow-result", f"follow-error-{language}-{width}")
    assert summary_links_to_fields(page, "#follow-result") == ["id_email", "id_consent"]
    page.locator("#id_email").fill(f"resident-{language}-{width}@example.kz")
    page.locator("#id_consent").check()
    send(page, "section.follow form")

    lands_on(page, "#follow-result.confirmation", f"follow-done-{language}-{width}")


@pytest.mark.parametrize(("language", "width"), COMBINATIONS)
def test_asking_on_the_live_page_answers_in_place(site: Site, open_page: Callable[..., Any], language: str, width: int):
    page = open_page(width)
    page.goto(site.page_of(language, f"/visits/{site.live_visit.pk}/live/"))
    page.evaluate("() => { window.__marker = 1; }")

    send(page, "#live-ask-panel form")  # nothing written

    lands_on(page, "#live-ask-result.error-summary", f"live-ask-error-{language}-{width}")
    assert summary_links_to_fields(page, "#live-ask-result") == ["id_text"]
    page.locator("#id_text").fill(f"Will the bus to Aksu run on Sundays? ({language}, {width})")
    send(page, "#live-ask-panel form")

    lands_on(page, "#live-ask-result.confirmation", f"live-ask-done-{language}-{width}")
    assert page.evaluate("() => window.__marker") == 1  # answered in place: the page was not reloaded


@pytest.mark.parametrize(("language", "width"), COMBINATIONS)
def test_a_live_vote_counts_in_place_without_reloading_the_page(
    site: Site, open_page: Callable[..., Any], language: str, width: int
):
    page = open_page(width)
    page.goto(site.page_of(language, f"/visits/{site.live_visit.pk}/live/"))
    question = page.locator(".live-question").filter(has=page.locator(".live-question__vote")).last
    question_id = question.get_attribute("id")
    entry = page.locator(f"#{question_id}")
    votes_before = votes_of(entry)
    page.evaluate("() => { window.__marker = 1; window.__player = document.querySelector('.player iframe'); }")

    press(entry.locator(".live-question__vote"))

    status = page.locator("#live-vote-result")
    expect(status).to_have_class(re.compile(r"confirmation--success"), timeout=WAIT)
    expect(entry.locator(".live-question__votes")).not_to_have_text(
        re.compile(rf"^\D*{votes_before}\D*$"), timeout=WAIT
    )
    assert votes_of(entry) == votes_before + 1
    lands_on(page, "#live-vote-result", f"live-vote-done-{language}-{width}", focused=False)
    expect(entry.locator(".live-question__vote")).to_be_focused(timeout=WAIT)  # the button voted with keeps the focus
    assert page.evaluate("() => window.__marker") == 1
    assert page.evaluate("() => document.querySelector('.player iframe') === window.__player")  # still playing

    press(entry.locator(".live-question__vote"))  # again: a vote counts once

    expect(status).to_have_class(re.compile(r"confirmation--info"), timeout=WAIT)
    assert votes_of(entry) == votes_before + 1
    lands_on(page, "#live-vote-result", f"live-vote-again-{language}-{width}", focused=False)


def votes_of(entry: Any) -> int:
    match = re.search(r"\d+", entry.locator(".live-question__votes").inner_text())
    assert match is not None
    return int(match.group(0))


def test_without_javascript_each_form_lands_on_its_answer(site: Site, open_page: Callable[..., Any]):
    page = open_page(390, javascript=False)
    visit_page = site.page_of("kk", f"/visits/{site.visit.pk}/")

    page.goto(visit_page)
    send(page, "#questions form")
    assert page.url.endswith("#ask-result")
    lands_on(page, "#ask-result", "nojs-ask-error", focused=False)
    summary_links_to_fields(page, "#ask-result")

    page.goto(visit_page)
    send(page, "#date-vote form")
    lands_on(page, "#date-vote-result", "nojs-vote-error", focused=False)
    page.locator("#date-vote-option_1").check()
    send(page, "#date-vote form")
    assert page.url == f"{visit_page}#date-vote-result"
    lands_on(page, "#date-vote-result.confirmation", "nojs-vote-done", focused=False)

    page.goto(site.page_of("kk", f"/issues/{site.issue_id}/"))
    page.locator("#id_email").fill("no-script@example.kz")
    page.locator("#id_consent").check()
    send(page, "section.follow form")
    lands_on(page, "#follow-result.confirmation", "nojs-follow-done", focused=False)

    live_page = site.page_of("kk", f"/visits/{site.live_visit.pk}/live/")
    page.goto(live_page)
    send(page, "#live-ask-panel form")
    assert page.url == f"{site.url}/kk/visits/{site.live_visit.pk}/live/ask/#live-ask-result"
    lands_on(page, "#live-ask-result.error-summary", "nojs-live-ask-error", focused=False)
    page.locator("#id_text").fill("Will the bus to Aksu run on Sundays? (no script)")
    send(page, "#live-ask-panel form")
    assert page.url == f"{live_page}#live-ask-result"
    lands_on(page, "#live-ask-result.confirmation", "nojs-live-ask-done", focused=False)

    question = page.locator(".live-question").filter(has=page.locator(".live-question__vote")).last
    question_id = question.get_attribute("id")
    votes_before = votes_of(page.locator(f"#{question_id}"))
    question.locator(".live-question__vote").click()  # without JavaScript `press` cannot wait for a frame
    assert page.url == f"{live_page}#{question_id}"
    assert Question.objects.get(pk=int(question_id.removeprefix("q-"))).votes == votes_before + 1
    lands_on(page, "#live-vote-result", "nojs-live-vote-done", focused=False)
    lands_on(page, f"#{question_id}", "nojs-live-vote-question", focused=False)
    assert Question.objects.filter(text="Will the bus to Aksu run on Sundays? (no script)").exists()
