"""The hall screen fits any title on a projector (issue 14, point 8): with a 200-character title and the longest
question the screen shows, at every usual size from 1024x768 to 3840x2160 and in kk, ru and en, the QR code is
whole inside the viewport, large enough to scan from the hall and covered by nothing, and the page never scrolls.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from kezdesu.meetings.models import LiveMeeting, Visit
from tests.factories.live import ask, build_live_world

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.rendering]

SCREENS = ((1024, 768), (1280, 800), (1920, 1080), (3840, 2160))
# Set to a folder to keep a screenshot of each size (to look at them, not asserted).
SCREENSHOTS = os.environ.get("KEZDESU_SCREENSHOTS", "")
SMALLEST_QR = 180  # px: a phone camera reads it from the back of a hall at this size on a projector

# Visit titles as long as the longest real ones (a first vice minister, a region and three districts), cut at 200.
LONG_TITLES = {
    "kk": "Қазақстан Республикасы Су ресурстары және ирригация бірінші вице-министрінің Жамбыл облысы Шу, "
    "Мойынқұм және Сарысу аудандарының тұрғындарымен сумен жабдықтау және суару каналдары жөніндегі "
    "кездесуі, 2027 жыл",
    "ru": "Встреча первого вице-министра водных ресурсов и ирригации Республики Казахстан с населением "
    "Жамбылской области, Шуского, Мойынкумского и Сарысуского районов по водоснабжению и оросительным "
    "каналам, 2027 год",
    "en": "The First Vice Minister of Water Resources and Irrigation of the Republic of Kazakhstan meets the people "
    "of Zhambyl Region and of the Shu, Moiynkum and Sarysu districts about water supply and irrigation canals",
}
LONG_QUESTION = (
    "Our village on the Shu river has had no irrigation water for two summers: the canal built in 1972 is "
    "silted up, the pumping station's engines burned out and the district says it has no money to repair "
    "them, so the farmers lost their harvest of sugar beet and the gardens dried out. "
) * 3  # the screen shows at most 420 characters of a question


def _rect(page, selector: str) -> dict[str, float]:
    return page.locator(selector).evaluate(
        "element => { const r = element.getBoundingClientRect();"
        " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; }"
    )


def _inside(rect: dict[str, float], width: int, height: int) -> bool:
    return rect["left"] >= 0 and rect["top"] >= 0 and rect["right"] <= width and rect["bottom"] <= height


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.fixture
def long_titled_meeting(transactional_db):
    cache.clear()  # the live state is cached per revision; a previous test's visit may share this one's id
    world = build_live_world()
    titles = {f"title_{language}": title[:200] for language, title in LONG_TITLES.items()}
    Visit.objects.filter(pk=world.visit.pk).update(**titles)
    question = ask(world.visit, LONG_QUESTION)
    LiveMeeting.objects.filter(pk=world.meeting.pk).update(current_question=question, stage="questions", revision=7)
    yield world.visit
    cache.clear()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_qr_code_stays_whole_and_uncovered_with_a_200_character_title(
    live_server, page, long_titled_meeting, language
):
    with translation.override(language):
        url = live_server.url + reverse("portal:live_screen", args=[long_titled_meeting.pk])
    title = LONG_TITLES[language][:200]
    assert len(title) == 200

    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        where = f"{language} at {width}x{height}"
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SCREENSHOTS) / f"hall-screen-{language}-{width}x{height}.png"))

        qr = _rect(page, ".screen__qr-code")
        assert _inside(qr, width, height), where
        assert min(qr["width"], qr["height"]) >= SMALLEST_QR, where
        assert not _overlap(qr, _rect(page, ".screen__header")), where
        assert not _overlap(qr, _rect(page, ".screen__panel")), where
        assert _inside(_rect(page, ".screen__qr"), width, height), where  # the caption and the address too
        scroll = page.evaluate("() => [document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight]")
        assert scroll == [width, height], where
        # The clamp cuts only what is drawn: screen readers get the whole title.
        assert page.locator(".screen__title").text_content() == title, where
        assert page.locator(".screen__question").is_visible(), where
