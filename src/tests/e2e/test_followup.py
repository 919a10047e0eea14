"""After the meeting (issue 6), in the browser, from the meeting's record to a published package and a quarter's
progress seen by the public:

1. the ministry's editor reads the closed meeting's record, groups the questions into problem issues with the
   suggestions (titles in kk, ru and en, a competent body), merges two issues about the same problem, plans the
   measures (one for an executor in another body) and writes the results in kk and ru;
2. the ministry's approver publishes the package; the page shows when;
3. the other ministry's editor reports the quarter's progress on its measure from its own workspace;
4. a citizen reads the results, the issue with its history, the list and the accountability page in kk, ru and
   en — each in its own language, with no author's name or contact — and downloads the package as DOCX and PDF.

Set KEZDESU_SCREENSHOTS to a folder to keep screenshots of the pages (desktop 1280 and phone 360 wide).
"""

import datetime
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue, ProgressUpdate, Publication
from kezdesu.organisations.models import Role
from kezdesu.questions.models import Channel
from tests.factories.followup_rules import with_followup_rules
from tests.factories.live import LiveWorld, ask
from tests.factories.meeting_record import build_closed_world
from tests.factories.organisations import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "e2e-followup"
SCREENSHOTS = os.environ.get("KEZDESU_SCREENSHOTS", "")
ALMATY = ZoneInfo("Asia/Almaty")
LANGUAGES = ("kk", "ru", "en")

# Asked at the meeting (the factory's questions) and two more: one like the road question, one about the gas.
ROAD_QUESTION = "When will the road to the district hospital be repaired?"
ROAD_AGAIN = "When will the road to the district hospital finally be repaired?"
GAS_QUESTION = "Why is there no gas in our village?"
GAS_PRESSURE = "The gas pressure in our village is far too low every winter."

ROAD = {"kk": "Аудандық ауруханаға апаратын жол", "ru": "Дорога к районной больнице", "en": "The hospital road"}
GAS = {"kk": "Ауылдағы газ", "ru": "Газ в селе", "en": "Gas in the village"}
PRESSURE = {"kk": "Газ қысымы төмен", "ru": "Низкое давление газа"}
REPAIR = {"kk": "Жолды жөндеу", "ru": "Отремонтировать дорогу", "en": "Repair the road"}
FUND = {"kk": "Жөндеуді қаржыландыру", "ru": "Профинансировать ремонт", "en": "Fund the repair"}
CONNECT = {"kk": "Ауылды газға қосу", "ru": "Подключить село к газу", "en": "Connect the village to gas"}
HEAD = {"kk": "Басқарма басшысы", "ru": "Руководитель управления", "en": "Head of department"}
DEPUTY = {"kk": "Вице-министр", "ru": "Вице-министр", "en": "Vice minister"}
RESULTS = {
    "kk": "Кездесуде 5 сұрақ қойылды, 2 проблемалық мәселе анықталды.",
    "ru": "На встрече задано 5 вопросов, выявлено 2 проблемных вопроса.",
}
PROGRESS_COMMENT = "The funds for the repair are set aside in the regional budget."
EVIDENCE = "https://ministry-b.example.kz/road-funding"
# Personal data that must never reach a public page: the askers' names and contacts.
PERSONAL = (
    "Berik Secret",
    "berik@example.kz",
    "Aigerim Private",
    "+7 701 000 00 00",
    "Dana Hidden",
    "dana@example.kz",
    "Serik Hidden",
    "+7 777 123 45 67",
)


@dataclass
class World:
    live: LiveWorld

    @property
    def visit(self):
        return self.live.visit

    @property
    def roles(self):
        return self.live.visit_world.roles


def followup_world() -> World:
    """The closed meeting with the follow-up's rules, two more questions (with their askers' contacts) and the
    other ministry's editor; every user signs in with PASSWORD."""
    with_followup_rules()
    live = build_closed_world()
    visit = live.visit
    ask(visit, ROAD_AGAIN, channel=Channel.LIVE_PAGE, author_name="Dana Hidden", contact="dana@example.kz")
    ask(visit, GAS_PRESSURE, channel=Channel.HALL, author_name="Serik Hidden", contact="+7 777 123 45 67")
    roles = live.visit_world.roles
    roles.users["other_editor"] = MembershipFactory(
        user=UserFactory(username="other_editor"), organisation=roles.other_ministry, role=Role.EDITOR
    ).user
    for name in ("ministry_editor", "ministry_approver", "other_editor"):
        user = live.user(name)
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return World(live=live)


# --- helpers ---------------------------------------------------------------------------------------------------


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/en/office/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url == f"{base_url}/en/office/"


def sign_out(page) -> None:
    page.context.clear_cookies()


def open_tab(page, base_url: str, world: World, tab: str) -> None:
    page.goto(f"{base_url}/en/office/visits/{world.visit.pk}/")
    page.get_by_role("navigation", name="Preparing the visit").get_by_role("link", name=tab, exact=True).click()


def message(page) -> str:
    return page.locator(".messages").inner_text()


def shoot(page, name: str) -> None:
    """The page as it is, at desktop and at phone width (only when KEZDESU_SCREENSHOTS is set)."""
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=str(folder / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})
    page.screenshot(path=str(folder / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(size)


def fill_translated(scope, group: str, values: dict[str, str]) -> None:
    fields = scope.get_by_role("group", name=group, exact=True)
    for code, label in (("kk", "in Kazakh"), ("ru", "in Russian"), ("en", "in English")):
        if code in values:
            fields.get_by_label(label, exact=True).fill(values[code])


def suggestion(page, text: str):
    return page.locator("section.card").filter(has_text=text)


def create_issue(
    page, text: str, titles: dict[str, str], *, body: str = "", company: str = "", untick: str = ""
) -> None:
    """From the suggestion holding `text`, with its questions ticked but `untick`."""
    chosen = suggestion(page, text)
    if untick:
        chosen.get_by_role("checkbox", name=untick).uncheck()
    chosen.get_by_role("button", name="Create a problem issue from the selected questions").click()
    assert page.get_by_role("heading", name="New problem issue").is_visible()
    fill_translated(page, "Title", titles)
    if body:
        page.get_by_label("Competent body (a ministry or an akimat)").select_option(label=body)
    else:
        page.get_by_label("Competent body (a ministry or an akimat)").select_option(value="")
        page.get_by_label("Or a national holding or company").fill(company)
    page.get_by_role("button", name="Create the problem issue").click()


def add_measure(page, number: int, text, position, deadline: str, *, body: str = "", company: str = "") -> None:
    adding = page.locator("details").filter(has=page.locator("summary", has_text=f"Add a measure to issue {number}"))
    adding.locator("summary").click()
    fill_translated(adding, "Measure", text)
    fill_translated(adding, "Responsible position", position)
    adding.get_by_label("Deadline").fill(deadline)
    if body:
        adding.get_by_label("Executor (a state body)").select_option(label=body)
    else:
        adding.get_by_label("…or a national holding or company").fill(company)
    adding.get_by_role("button", name="Add the measure").click()
    assert "The measure is added to the plan." in message(page)


def public_path(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def assert_no_personal_data(page) -> None:
    html = page.content()
    leaked = [value for value in PERSONAL if value in html]
    assert leaked == []


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


# --- the test --------------------------------------------------------------------------------------------------


def test_a_visit_goes_from_its_record_to_published_results_and_a_quarter_of_progress_seen_by_the_public(
    live_server, browser, tmp_path
):
    world = followup_world()
    base, visit = live_server.url, world.visit
    akimat, other_ministry = world.roles.akimat.name_en, world.roles.other_ministry.name_en
    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    page = staff.new_page()

    # 1. The ministry's editor: the record, then the problem issues from the suggestions.
    sign_in(page, base, "ministry_editor")
    open_tab(page, base, world, "Meeting record")
    assert page.locator("dl.record-facts").is_visible()
    open_tab(page, base, world, "Problem issues")
    assert page.get_by_text("No problem issues yet.").is_visible()
    road_suggestion = suggestion(page, ROAD_QUESTION)
    assert road_suggestion.get_by_role("checkbox").count() == 2  # the two road questions are suggested together
    assert ROAD_AGAIN in road_suggestion.inner_text()
    shoot(page, "office-issues-suggestions")

    create_issue(page, ROAD_QUESTION, ROAD, body=akimat)
    assert "Problem issue 1 is created." in message(page)
    assert page.get_by_role("heading", level=2).first.inner_text() == f"1. {ROAD['en']}"
    page.get_by_role("link", name="All problem issues of the visit").click()
    # The gas questions are suggested together; the editor takes the pressure one out (and later merges it).
    assert suggestion(page, GAS_QUESTION).get_by_role("checkbox").count() == 2
    create_issue(page, GAS_QUESTION, GAS, company="QazaqGaz", untick=GAS_PRESSURE)
    assert "Problem issue 2 is created." in message(page)
    page.get_by_role("link", name="All problem issues of the visit").click()
    create_issue(page, GAS_PRESSURE, PRESSURE, company="QazaqGaz")
    assert "Problem issue 3 is created." in message(page)

    # Issues 2 and 3 are the same problem: 3 is merged into 2.
    page.get_by_role("link", name="All problem issues of the visit").click()
    page.get_by_role("link", name=GAS["en"], exact=True).click()
    page.get_by_label("Problem issue", exact=True).select_option(label=f"3. {PRESSURE['kk']}")
    page.get_by_role("button", name="Merge into this issue").click()
    assert "Merged: 2 citizens raised problem issue 2." in message(page)
    page.get_by_role("link", name="All problem issues of the visit").click()
    rows = [row.locator("td").all_inner_texts() for row in page.locator("table tbody tr").all()]
    assert [(cells[0], cells[1].splitlines()[0], cells[3], cells[4]) for cells in rows] == [
        ("1", ROAD["en"], akimat, "2"),
        ("2", GAS["en"], "QazaqGaz", "2"),
    ]
    road = ProblemIssue.objects.get(visit=visit, number=1)
    gas = ProblemIssue.objects.get(visit=visit, number=2)
    assert (road.title_kk, road.title_ru, road.title_en, road.competent_body) == (
        ROAD["kk"],
        ROAD["ru"],
        ROAD["en"],
        world.roles.akimat,
    )
    assert sorted(road.links.values_list("question__text", flat=True)) == sorted([ROAD_QUESTION, ROAD_AGAIN])
    assert sorted(gas.links.values_list("question__text", flat=True)) == sorted([GAS_QUESTION, GAS_PRESSURE])
    assert not ProblemIssue.objects.filter(visit=visit, number=3).exists()
    shoot(page, "office-issues")

    # The action plan: two measures for the road (the akimat's and the other ministry's), one for the gas.
    open_tab(page, base, world, "Action plan")
    add_measure(page, 1, REPAIR, HEAD, "2027-09-30", body=akimat)
    add_measure(page, 1, FUND, DEPUTY, "2027-06-30", body=other_ministry)
    add_measure(page, 2, CONNECT, HEAD, "2027-12-01", company="QazaqGaz")
    plan = {
        section.locator("h3").first.inner_text(): [
            row.locator("td").all_inner_texts()[:5] for row in section.locator("tbody tr:has(td[data-label])").all()
        ]
        for section in page.locator("section[aria-labelledby^=issue-]").all()
    }
    assert plan == {
        f"1. {ROAD['en']}": [
            [REPAIR["en"], "30.09.2027", akimat, HEAD["en"], "Planned"],
            [FUND["en"], "30.06.2027", other_ministry, DEPUTY["en"], "Planned"],
        ],
        f"2. {GAS['en']}": [[CONNECT["en"], "01.12.2027", "QazaqGaz", HEAD["en"], "Planned"]],
    }
    fund = Measure.objects.get(issue=road, text_en=FUND["en"])
    assert (fund.executor, fund.executor_position_kk, fund.executor_position_ru) == (
        world.roles.other_ministry,
        DEPUTY["kk"],
        DEPUTY["ru"],
    )
    shoot(page, "office-plan")

    # The publication: the deadline, what is missing, the results in kk and ru.
    open_tab(page, base, world, "Publication of results")
    # Ten days after 10 March 2027 is Saturday 20 March; the working-day calendar holds the Nauryz days off
    # after it, so the next working day is Thursday 25 March.
    deadline = page.get_by_role("region", name="Deadline").inner_text()
    assert (
        "Due 25.03.2027 (the meetings and reception ended 10.03.2027). "
        "Moved from 20.03.2027, a day off, to the next working day."
    ) in deadline
    left = (datetime.date(2027, 3, 25) - timezone.localdate()).days
    assert f"{left} day{'' if left == 1 else 's'} left" in deadline
    checklist = page.get_by_role("region", name="Before publishing")
    assert checklist.get_by_role("listitem").all_inner_texts() == [
        "missing Write the results of the visit in Kazakh.",
        "missing Write the results of the visit in Russian.",
    ]
    assert page.get_by_role("button", name="Publish the results").count() == 0  # the editor may not publish
    page.get_by_label("Kazakh", exact=True).fill(RESULTS["kk"])
    page.get_by_label("Russian", exact=True).fill(RESULTS["ru"])
    page.get_by_role("button", name="Save the results").click()
    assert "The results are saved." in message(page)
    assert page.get_by_label("Kazakh", exact=True).input_value() == RESULTS["kk"]
    assert page.get_by_label("Russian", exact=True).input_value() == RESULTS["ru"]
    assert "The package has everything it needs." in checklist.inner_text()
    shoot(page, "office-publication")

    # 2. The approver publishes; the page says when.
    sign_out(page)
    sign_in(page, base, "ministry_approver")
    open_tab(page, base, world, "Publication of results")
    page.get_by_role("button", name="Publish the results").click()
    assert "The results are published." in message(page)
    publication = Publication.objects.get(visit=visit)
    published_at = publication.published_at.astimezone(ALMATY)
    results_section = page.get_by_role("region", name="Results of the visit")
    assert f"Published {published_at:%d.%m.%Y %H:%M}." in results_section.inner_text()
    assert f"Published on {published_at:%d.%m.%Y}." in page.get_by_role("region", name="Deadline").inner_text()
    assert page.get_by_role("button", name="Publish again with the changes").is_visible()
    assert set(ProblemIssue.objects.filter(visit=visit).values_list("published_at", flat=True)) == {
        publication.published_at
    }
    shoot(page, "office-publication-published")

    # 3. The other ministry's editor reports the quarter's progress on its measure.
    sign_out(page)
    sign_in(page, base, "other_editor")
    page.get_by_role("link", name="Measures and progress").click()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").first.inner_text().startswith(FUND["en"])
    assert "none yet" in rows.first.inner_text()
    shoot(page, "office-workspace")
    rows.first.get_by_role("link", name="Report progress").click()
    page.get_by_label("Status").select_option(label="in progress")
    page.get_by_label("Done, %").fill("40")
    page.get_by_label("What has been done").fill(PROGRESS_COMMENT)
    page.get_by_label("Links to evidence").fill(EVIDENCE)
    shoot(page, "office-workspace-report")
    page.get_by_role("button", name="Send the report").click()
    assert "Your report is recorded. Thank you." in message(page)
    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    cells = page.locator("table tbody tr").first.locator("td").all_inner_texts()
    assert cells[3] == "In progress, 40%"
    assert cells[4] == f"{today:%d.%m.%Y} (Q{quarter} {year})"
    update = ProgressUpdate.objects.get(measure=fund)
    assert (update.year, update.quarter, update.status, update.percent, update.comment, update.evidence_links) == (
        year,
        quarter,
        MeasureStatus.IN_PROGRESS,
        40,
        PROGRESS_COMMENT,
        [EVIDENCE],
    )
    shoot(page, "office-workspace-reported")
    staff.close()

    # 4. A citizen reads the public pages in each language.
    citizen = browser.new_context(viewport={"width": 1280, "height": 900})
    public = citizen.new_page()
    for language in LANGUAGES:
        public.goto(base + public_path("portal:visit_detail", language, visit.pk))
        public.locator(f"a[href='{public_path('portal:visit_results', language, visit.pk)}']").click()
        assert public.locator("html").get_attribute("lang") == language
        issues = public.locator("section[aria-labelledby=issues-heading] tbody tr")
        assert [row.locator("td").nth(1).inner_text() for row in issues.all()] == [ROAD[language], GAS[language]]
        assert [row.locator("td").nth(5).inner_text() for row in issues.all()] == ["2", "2"]
        plan_rows = public.locator("section[aria-labelledby=plan-heading] tbody tr")
        planned = [row.locator("td").nth(1).inner_text() for row in plan_rows.all()]
        assert planned == [REPAIR[language], FUND[language], CONNECT[language]]
        results = public.locator("section[aria-labelledby=results-heading]").inner_text()
        assert RESULTS["ru" if language == "ru" else "kk"] in results  # no English results: kk is shown
        assert f"{published_at:%d.%m.%Y %H:%M}" in public.locator(".visit-hero").inner_text()
        assert_no_personal_data(public)
        shoot(public, f"public-results-{language}")

        # The issue's page, with the progress on its timeline.
        issues.first.get_by_role("link").click()
        assert public.get_by_role("heading", level=1).inner_text() == ROAD[language]
        timeline = public.locator("ol.timeline").inner_text()
        assert PROGRESS_COMMENT in timeline
        assert FUND[language] in timeline
        assert "40%" in timeline
        assert public.locator(f"a[href='{EVIDENCE}']").count() == 1
        # Each question as written, marked with its language where the page is in another one.
        questions = public.locator(".issue-questions blockquote").all_inner_texts()
        assert sorted(question[: len(ROAD_AGAIN)].split("?")[0] + "?" for question in questions) == sorted(
            [ROAD_QUESTION, ROAD_AGAIN]
        )
        assert_no_personal_data(public)
        shoot(public, f"public-issue-{language}")

        # The list of problem issues.
        public.goto(base + public_path("portal:issue_list", language))
        titles = public.locator(".issue-card h3").all_inner_texts()
        assert sorted(titles) == sorted([ROAD[language], GAS[language]])
        assert_no_personal_data(public)
        shoot(public, f"public-issues-{language}")

        # The accountability page: the ministry's row counts both issues, the road one being solved.
        public.goto(base + public_path("portal:accountability", language))
        ministries = public.locator("section[aria-labelledby=ministries-title] tbody tr")
        assert ministries.count() == 1
        figures = ministries.first.locator("td").all_inner_texts()
        assert figures[:4] == ["2", "0", "1", "0"]
        assert_no_personal_data(public)
        shoot(public, f"public-accountability-{language}")
        ministries.first.get_by_role("link").first.click()
        assert sorted(public.locator(".issue-card h3").all_inner_texts()) == sorted([ROAD[language], GAS[language]])

    # 5. The package as DOCX and PDF, in kk and ru, from the public results page.
    public.goto(base + public_path("portal:visit_results", "en", visit.pk))
    for language, name in (("kk", "Kazakh"), ("ru", "Russian")):
        with public.expect_download() as downloading:
            public.get_by_role("link", name=f"DOCX in {name}").click()
        docx = downloading.value
        assert docx.suggested_filename.endswith(".docx")
        with zipfile.ZipFile(docx.path()) as package:
            document = package.read("word/document.xml").decode("utf-8")
        for text in (ROAD[language], GAS[language], FUND[language], RESULTS[language]):
            assert text in document
        assert not [value for value in PERSONAL if value in document]

        with public.expect_download() as downloading:
            public.get_by_role("link", name=f"PDF in {name}").click()
        pdf = downloading.value
        assert pdf.suggested_filename.endswith(".pdf")
        content = Path(pdf.path()).read_bytes()
        if SCREENSHOTS:  # kept beside the screenshots, to look at
            Path(SCREENSHOTS, f"results-{language}.pdf").write_bytes(content)
            Path(SCREENSHOTS, f"results-{language}.docx").write_bytes(Path(docx.path()).read_bytes())
        assert content.startswith(b"%PDF-")
        assert content.rstrip().endswith(b"%%EOF")
        if shutil.which("pdftotext"):
            saved = tmp_path / f"results-{language}.pdf"
            saved.write_bytes(content)
            text = " ".join(pdf_text(saved).split())
            for title in (ROAD[language], GAS[language]):
                assert title in text
            assert not [value for value in PERSONAL if value in text]
    citizen.close()
