"""Wayfinding on the public side (issue 14), in a browser on a phone (390 px) and a desktop (1280 px), in each
language: from the home page a citizen reaches a meeting's page, and the schedule lands on the current month."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from kezdesu.meetings.models import Visit, VisitPart
from tests.factories.organisations import OrganisationFactory, PositionFactory, RegionFactory
from tests.factories.planning_published import ApprovedVersionFactory, PublishedItemFactory

pytestmark = pytest.mark.rendering

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
WIDTHS = {"phone": 390, "desktop": 1280}


def _announced_visit_tomorrow() -> Visit:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    ministry = OrganisationFactory(name_kk="Денсаулық сақтау министрлігі", name_ru="Министерство здравоохранения")
    position = PositionFactory(organisation=ministry, title_en="Minister of Health")
    region = RegionFactory(kato="750000000", iso_code="KZ-75", pcode="KZ75", name_en="Almaty", name_ru="Алматы")
    item = PublishedItemFactory(
        version=ApprovedVersionFactory(),
        organisation=ministry,
        position=position,
        region=region,
        start_date=tomorrow,
        end_date=tomorrow,
    )
    # Earlier in the half-year: the list starts with the current month all the same.
    for months_back in (1, 2, 3, 4):
        day = (timezone.localdate().replace(day=1) - datetime.timedelta(days=28 * months_back)).replace(day=10)
        PublishedItemFactory(version=item.version, region=RegionFactory(), start_date=day, end_date=day)
    visit = Visit.objects.create(
        schedule_uid=item.uid,
        organisation=ministry,
        position=position,
        region=region,
        start_date=tomorrow,
        end_date=tomorrow,
        status=Visit.Status.PUBLISHED,
        title_kk="Денсаулық сақтау министрі Алматы тұрғындарымен кездеседі",
        title_ru="Министр здравоохранения встречается с жителями Алматы",
        title_en="The Minister of Health meets the people of Almaty",
    )
    VisitPart.objects.create(
        visit=visit,
        kind=VisitPart.Kind.MEETING,
        starts_at=datetime.datetime.combine(tomorrow, datetime.time(10), tzinfo=ALMATY),
        ends_at=datetime.datetime.combine(tomorrow, datetime.time(12), tzinfo=ALMATY),
        venue_en="Palace of the Republic",
    )
    return visit


@pytest.fixture(params=list(WIDTHS))
def sized_page(request, browser):
    width = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 600)
    page = context.new_page()
    page.set_default_timeout(90_000)  # the machine running the suite may be busy
    yield page
    context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_from_the_home_page_a_citizen_reaches_the_meeting_page(live_server, sized_page, language):
    visit = _announced_visit_tomorrow()
    page = sized_page

    page.goto(f"{live_server.url}/{language}/")
    card = page.locator(f'.home-visit a.card-link[href="/{language}/visits/{visit.pk}/"]')
    assert card.is_visible()
    # The card is the link: a click anywhere on it, not only on its title, opens the meeting's page.
    first = page.locator(".home-visit").first
    box = first.bounding_box()
    assert box is not None
    first.click(position={"x": box["width"] - 8, "y": 8})
    page.wait_for_url(f"**/{language}/visits/{visit.pk}/")

    assert page.locator("h1").inner_text() == getattr(visit, f"title_{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    # Asking a question is one click from the home page too.
    page.goto(f"{live_server.url}/{language}/")
    page.locator(f'.home-visit a[href="/{language}/visits/{visit.pk}/ask/"]').click()
    assert page.url.endswith(f"/{language}/visits/{visit.pk}/ask/")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_schedule_lands_on_the_current_month_and_links_to_the_meeting(live_server, sized_page, language):
    visit = _announced_visit_tomorrow()
    page = sized_page
    current = timezone.localdate().strftime("%Y-%m")

    page.goto(f"{live_server.url}/{language}/schedule/")

    assert page.locator(".schedule-month").first.get_attribute("aria-labelledby") == f"month-{current}"
    today = page.locator("#today")
    assert today.is_visible()
    top = today.bounding_box()
    assert top is not None
    assert 0 <= top["y"] < page.viewport_size["height"]  # on screen without scrolling by hand
    map_visible = page.locator("#regions-map").is_visible()
    assert map_visible is (page.viewport_size["width"] >= 1024)  # on a phone the map waits behind a link
    link = today.locator(f'a[href="/{language}/visits/{visit.pk}/"]')
    link.click()
    page.wait_for_url(f"**/{language}/visits/{visit.pk}/")
    assert page.locator("h1").inner_text() == getattr(visit, f"title_{language}")
