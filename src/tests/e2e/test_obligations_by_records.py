"""Issue 13 in the browser: a meeting that took place meets its quarter by itself, and the oversight dashboard
says so. A visit past its end that nobody closed leaves the first head's quarter overdue; the authorized body
records what took place, and the quarter turns green, the obligation's page naming the visit that met it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kezdesu.followup.models import ProgressReport
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import Organisation, Position, Region, Role
from kezdesu.planning.models import ItemAgreement, PlanningPeriod, ScheduleItem, ScheduleVersion
from kezdesu.regulations.models import RegulationProfile
from kezdesu.reports.models import QuarterlyInformation
from tests.factories.meetings import at
from tests.factories.organisations import MembershipFactory, UserFactory

PASSWORD = "kezdesu-test"
MEETING_DAY = datetime.date(2026, 9, 25)  # a Friday of the third quarter; its ten days fall in the fourth
MINISTRY = "water-resources-irrigation"


def user(username, organisation, role):
    account = UserFactory(username=username)
    account.set_password(PASSWORD)
    account.save()
    MembershipFactory(user=account, organisation=organisation, role=role)
    return account


@pytest.fixture
def world(transactional_db):
    call_command("load_reference", verbosity=0)
    ministry = Organisation.objects.get(code=MINISTRY)
    region = Region.objects.get(kato="610000000")  # Turkistan Region
    akimat = Organisation.objects.get(kind=Organisation.Kind.AKIMAT, region=region)
    minister = Position.objects.get(organisation=ministry, level=Position.Level.FIRST_HEAD)
    period = PlanningPeriod.objects.create(
        profile=RegulationProfile.objects.get(code="REG-2024"),
        start=datetime.date(2026, 7, 1),
        end=datetime.date(2026, 12, 31),
    )
    version = ScheduleVersion.objects.create(
        period=period,
        number=1,
        status=ScheduleVersion.Status.APPROVED,
        act_number="№ 1 (test)",
        act_date=datetime.date(2026, 6, 12),
    )
    item = ScheduleItem.objects.create(
        version=version,
        organisation=ministry,
        position=minister,
        region=region,
        start_date=MEETING_DAY,
        end_date=MEETING_DAY,
    )
    ItemAgreement.objects.create(item=item, organisation=akimat, decision=ItemAgreement.Decision.AGREED)
    visit = Visit.objects.create(
        schedule_uid=item.uid,
        period=period,
        organisation=ministry,
        position=minister,
        region=region,
        start_date=MEETING_DAY,
        end_date=MEETING_DAY,
        status=Visit.Status.PUBLISHED,
        title_en="The Minister of Water Resources meets the people of Turkistan Region",
    )
    hours = {"meeting": (10, 12), "reception": (14, 16), "ngo_meeting": (16, 17), "media_briefing": (17, 18)}
    for kind, (start, end) in hours.items():
        VisitPart.objects.create(
            visit=visit,
            kind=kind,
            starts_at=at(start, day=MEETING_DAY),
            ends_at=at(end, day=MEETING_DAY),
            venue_en="Hall",
        )
    # The quarter's other duties are met by their records: the second quarter's information, the progress report.
    QuarterlyInformation.objects.create(
        organisation=ministry,
        year=2026,
        quarter=2,
        status=QuarterlyInformation.Status.SUBMITTED,
        submitted_at=timezone.make_aware(datetime.datetime(2026, 7, 8, 11)),
    )
    ProgressReport.objects.create(
        organisation=ministry,
        year=2026,
        quarter=3,
        published_at=timezone.make_aware(datetime.datetime(2026, 9, 28, 11)),
    )
    authorized_body = Organisation.objects.get(is_authorized_body=True)
    user("coordinator", authorized_body, Role.COORDINATOR)
    user("oversight", Organisation.objects.get(kind=Organisation.Kind.PRESIDENTIAL_ADMINISTRATION), Role.OVERSIGHT)
    return visit


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/en/office/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card button[type=submit]")


def sign_out(page):
    page.click("text=Sign out")


def third_quarter(page, base_url):
    page.goto(f"{base_url}/en/office/reports/oversight/?year=2026")
    row = page.locator(
        "table.heatmap__table tr", has=page.locator("th", has_text="Ministry of Water Resources and Irrigation")
    )
    return row.locator("td").nth(2)


def test_a_held_visit_turns_its_quarter_green_on_the_oversight_dashboard(live_server, page, world):
    base = live_server.url

    sign_in(page, base, "oversight")
    cell = third_quarter(page, base)
    assert "heatmap__cell--fair" in cell.get_attribute("class")
    assert cell.locator(".heatmap__count").first.inner_text() == "2/3"
    sign_out(page)

    # The authorized body finds the visit no one closed and records that every part took place.
    sign_in(page, base, "coordinator")
    page.goto(f"{base}/en/office/visits/to-close/")
    page.click(f"a[href$='/visits/{world.pk}/#closing']")
    assert (
        page.locator("#closing .message", has_text="The visit ended on 25.09.2026 and is not closed yet").count() == 1
    )
    page.click("#closing >> text=Record what took place")
    page.check("input[name=media_briefing_outcome][value=not_held]")
    page.click("form button:has-text('Record')")
    refused = page.locator(".field--error", has_text="Say why it did not take place.")
    box = refused.bounding_box()  # the page lands on the error, even below the fold
    assert box is not None
    assert 0 <= box["y"] < page.viewport_size["height"]
    for kind in ("meeting", "reception", "ngo_meeting", "media_briefing"):
        page.check(f"input[name={kind}_outcome][value=took_place]")
    page.click("form button:has-text('Record')")
    assert page.url.endswith(f"/visits/{world.pk}/#closing")
    confirmation = page.locator(".message", has_text="Saved: the visit is closed as held.")
    assert confirmation.count() == 1
    box = confirmation.bounding_box()  # where the page lands, in sight: not at the top of a scrolled page
    assert box is not None
    assert 0 <= box["y"] < page.viewport_size["height"]
    assert page.locator("#closing", has_text="Publishing the results (R20): due on 05.10.2026").count() == 1
    sign_out(page)

    sign_in(page, base, "oversight")
    cell = third_quarter(page, base)
    assert "heatmap__cell--good" in cell.get_attribute("class")
    assert cell.locator(".heatmap__count").first.inner_text() == "3/3"
    # The cell opens the obligations it counts; the first head's one says which record met it and why.
    cell.locator("a").click()
    page.click('a:has-text("First head\'s meeting with the population")')
    records = page.locator("section[aria-labelledby=counts-title] table")
    assert "held as scheduled; the region's akimat agreed the date" in records.inner_text()
    assert "25.09.2026" in records.inner_text()
    assert page.locator("p .state--met", has_text="Met").count() == 1
