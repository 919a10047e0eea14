"""The half-year cycle in the browser (issue 3): proposal, draft, agreement, approval, amendment, risk flag."""

import datetime
import urllib.request

import icalendar
import pytest
from django.core.management import call_command

from kezdesu.organisations.models import Organisation, Position, Region, User
from kezdesu.planning.domain.draft import working_version
from kezdesu.planning.domain.periods import ensure_period
from kezdesu.planning.domain.warnings import acknowledge_warning, draft_warnings
from kezdesu.planning.models import PlanningPeriod, RiskFlag, ScheduleItem, ScheduleVersion
from kezdesu.regulations.domain.calendar import WorkingCalendar

PASSWORD = "kezdesu-demo"
TODAY = datetime.date(2026, 11, 21)
PERIOD_START = datetime.date(2027, 7, 1)  # after the demo's periods: a cycle from scratch
TOPICS = "Browser test: budget transfers to the region's districts."
COORDINATOR = "culture-information.coordinator"


@pytest.fixture
def demo(transactional_db):
    call_command("load_reference", verbosity=0)
    call_command("load_demo", today=TODAY.isoformat(), verbosity=0)


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/en/office/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()


def sign_out(page):
    page.click("text=Sign out")
    page.wait_for_load_state()


def working_days(start: datetime.date, count: int) -> list[datetime.date]:
    calendar = WorkingCalendar.for_range(start, start + datetime.timedelta(days=60))
    days: list[datetime.date] = []
    day = start
    while len(days) < count:
        if calendar.is_working_day(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def answer_agreement(page, base, username, period):
    sign_in(page, base, username)
    page.goto(f"{base}/en/office/planning/schedule/{period.pk}/agreements/")
    form = page.locator("form", has=page.locator("button", has_text="Send the answer"))
    form.locator("input[name=decision][value=agreed]").check()
    form.locator("button", has_text="Send the answer").click()
    page.wait_for_load_state()
    sign_out(page)


def test_a_half_year_goes_from_proposal_to_an_amended_public_schedule(live_server, page, demo):
    base = live_server.url
    coordinator = User.objects.get(username=COORDINATOR)
    period = ensure_period(actor=coordinator, start=PERIOD_START)  # the office opens only the next period
    finance = Organisation.objects.get(code="finance")
    minister = Position.objects.get(organisation=finance, level=Position.Level.FIRST_HEAD)
    abai = Region.objects.get(kato="100000000")
    day = working_days(datetime.date(2027, 7, 12), 1)[0]
    moved_to = working_days(day + datetime.timedelta(days=7), 1)[0]
    proposals_url = f"{base}/en/office/planning/proposals/?period={period.pk}&organisation={finance.pk}"

    # The ministry's editor proposes a meeting; its approver submits it.
    sign_in(page, base, "finance.editor")
    page.goto(proposals_url)
    page.select_option("select[name=position]", str(minister.pk))
    page.select_option("select[name=region]", str(abai.pk))
    page.fill("input[name=preferred_from]", day.isoformat())
    page.fill("input[name=preferred_to]", (day + datetime.timedelta(days=4)).isoformat())
    page.fill("textarea[name=topics_en]", TOPICS)
    page.click("button:has-text('Save as a draft')")
    page.wait_for_load_state()
    assert page.locator("table", has_text="Abai Region").count() == 1
    sign_out(page)

    sign_in(page, base, "finance.approver")
    page.goto(proposals_url)
    page.click("button:has-text('Submit the drafts to the authorized body')")
    page.wait_for_load_state()
    assert page.locator(".message", has_text="Submitted to the authorized body: 1").count() == 1
    sign_out(page)

    # The coordinator puts the proposed meeting in the draft and sees the warnings.
    sign_in(page, base, COORDINATOR)
    page.goto(f"{base}/en/office/planning/schedule/{period.pk}/items/add/")
    page.select_option("select[name=organisation]", str(finance.pk))
    page.select_option("select[name=position]", str(minister.pk))
    page.select_option("select[name=region]", str(abai.pk))
    page.fill("input[name=start_date]", day.isoformat())
    page.fill("input[name=end_date]", day.isoformat())
    page.fill("textarea[name=topics_en]", TOPICS)
    page.click("form button:has-text('Save')")
    page.wait_for_load_state()
    assert page.url.endswith(f"/en/office/planning/schedule/{period.pk}/")
    warnings = page.locator(".warning-group__list > li")
    assert warnings.count() > 10
    page.locator("#warnings-region_unvisited > summary").click()  # the group is closed: it blocks nothing
    akmola = warnings.filter(has_text="No meeting is planned in Akmola Region")
    akmola.locator("summary").click()
    akmola.locator("textarea[name=note]").fill("Akmola Region is visited in the next half-year.")
    akmola.locator("button", has_text="Acknowledge").click()
    page.wait_for_load_state()
    assert warnings.filter(has_text="No meeting is planned in Akmola Region").locator("strong").inner_text() == (
        "Acknowledged:"
    )
    sign_out(page)

    # A pending agreement blocks the submission: acknowledging is not agreeing (G3.1).
    sign_in(page, base, COORDINATOR)
    page.goto(f"{base}/en/office/planning/schedule/{period.pk}/")
    pending = page.locator("#warnings-agreement_pending")
    assert pending.get_attribute("open") is not None  # blocking groups stand open
    assert pending.locator("summary").inner_text().count("blocking") == 1
    assert pending.locator("button", has_text="Acknowledge").count() == 0
    page.click("button:has-text('Submit to the Government')")
    page.wait_for_load_state()
    refusal = page.locator(".message", has_text="Resolve every blocking warning")
    assert refusal.count() == 1
    assert refusal.is_visible()
    assert ScheduleVersion.objects.get(period=period, number=None).status == ScheduleVersion.Status.WORKING
    sign_out(page)

    # The ministry and the region's akimat agree.
    answer_agreement(page, base, "finance.editor", period)
    answer_agreement(page, base, "abai.editor", period)

    # The other warnings of this one-meeting draft (the other ministries and regions) stand.
    version = working_version(period)
    for warning in draft_warnings(version):
        assert not warning.is_blocking, warning.message
        if not warning.is_acknowledged:
            acknowledge_warning(actor=coordinator, version=version, key=warning.key, note="Browser test.")

    sign_in(page, base, COORDINATOR)
    page.goto(f"{base}/en/office/planning/schedule/{period.pk}/")
    page.click("button:has-text('Submit to the Government')")
    page.wait_for_load_state()
    assert ScheduleVersion.objects.get(period=period, number=None).status == ScheduleVersion.Status.SUBMITTED
    sign_out(page)

    # The Government Apparatus approves it with its act.
    sign_in(page, base, "government-apparatus.approver")
    page.goto(f"{base}/en/office/planning/schedule/{period.pk}/")
    page.click("nav.actions >> text=Approve")
    page.fill("input[name=act_number]", "№ 789 (test)")
    page.fill("input[name=act_date]", "2026-11-20")
    page.click("form button:has-text('Approve')")
    page.wait_for_load_state()
    assert page.url.endswith(f"/en/office/planning/schedule/{period.pk}/versions/")
    approved = ScheduleVersion.objects.get(period=period, number=1)
    assert (approved.status, approved.act_number) == (ScheduleVersion.Status.APPROVED, "№ 789 (test)")
    sign_out(page)

    # The coordinator moves the meeting by a week: the parties are asked again, then the amendment goes to the
    # Government and becomes version 2 only with its act; the diff shows it.
    sign_in(page, base, COORDINATOR)
    item = ScheduleItem.objects.get(version__period=period, version__number=None)
    page.goto(f"{base}/en/office/planning/schedule/items/{item.pk}/")
    page.fill("input[name=start_date]", moved_to.isoformat())
    page.fill("input[name=end_date]", moved_to.isoformat())
    page.click("form button:has-text('Save')")
    page.wait_for_load_state()
    sign_out(page)
    answer_agreement(page, base, "finance.editor", period)
    answer_agreement(page, base, "abai.editor", period)
    sign_in(page, base, COORDINATOR)
    page.goto(f"{base}/en/office/planning/schedule/{period.pk}/")
    page.click("nav.actions >> text=Submit the amendment to the Government")
    page.fill("textarea[name=reason]", "The akim of Abai Region asked for a later date.")
    page.click("form button:has-text('Submit the amendment')")
    page.wait_for_load_state()
    assert ScheduleVersion.objects.get(period=period, number=None).status == ScheduleVersion.Status.SUBMITTED
    assert not ScheduleVersion.objects.filter(period=period, number=2).exists()
    sign_out(page)
    sign_in(page, base, "government-apparatus.approver")
    page.goto(f"{base}/en/office/planning/schedule/{period.pk}/")
    page.click("nav.actions >> text=Approve")
    page.fill("input[name=act_number]", "№ 790 (test)")
    page.fill("input[name=act_date]", "2026-11-21")
    page.click("form button:has-text('Approve')")
    page.wait_for_load_state()
    assert ScheduleVersion.objects.get(period=period, number=2).act_number == "№ 790 (test)"
    sign_out(page)
    sign_in(page, base, COORDINATOR)
    page.goto(f"{base}/en/office/planning/schedule/{period.pk}/versions/2/")
    content = page.locator("main").inner_text()
    assert f"{day:%d.%m.%Y}" in content
    assert f"{moved_to:%d.%m.%Y}" in content
    assert "The akim of Abai Region asked for a later date." in content
    sign_out(page)

    # An akimat's editor raises a risk flag; the coordinator requires a meeting by a deadline.
    sign_in(page, base, "abai.editor")
    page.goto(f"{base}/en/office/planning/risks/")
    page.select_option("select[name=region]", str(abai.pk))
    page.select_option("select[name=competent_ministry]", str(finance.pk))
    page.check("input[name=level][value=elevated]")
    page.fill("textarea[name=description_en]", "Browser test: wage arrears at a town-forming plant.")
    page.click("button:has-text('Raise')")
    page.wait_for_load_state()
    sign_out(page)

    sign_in(page, base, COORDINATOR)
    page.goto(f"{base}/en/office/planning/risks/")
    row = page.locator("tr", has_text="wage arrears")
    row.locator("input[name=deadline]").fill("2027-02-26")
    row.locator("button", has_text="Require a meeting").click()
    page.wait_for_load_state()
    flag = RiskFlag.objects.get(description__startswith="Browser test")
    assert (flag.status, flag.deadline, flag.raised_by.username) == (
        RiskFlag.Status.ASSIGNED,
        datetime.date(2027, 2, 26),
        "abai.editor",
    )
    sign_out(page)

    # The public calendar shows the approved meeting on its new date; the feed parses.
    page.goto(f"{base}/en/schedule/")
    meeting = page.locator("article.schedule-item", has_text="Browser test: budget transfers")
    assert meeting.count() == 1
    assert meeting.locator("time").get_attribute("datetime") == moved_to.isoformat()
    assert "Abai Region" in meeting.inner_text()

    with urllib.request.urlopen(f"{base}/schedule.ics") as response:
        feed = icalendar.Calendar.from_ical(response.read())
    events = [event for event in feed.walk("VEVENT") if str(item.uid).encode() in event.to_ical()]
    starts = [event.decoded("dtstart") for event in events]
    assert starts == [moved_to]
    assert PlanningPeriod.objects.get(pk=period.pk).versions.filter(number__isnull=False).count() == 2
