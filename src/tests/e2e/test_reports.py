"""Reports and oversight (issue 7), in the browser, as each role, from the Reports link in the navigation:

1. a ministry's editor writes the quarterly information's narrative for the last ended quarter (kk and ru), its
   approver approves and submits it; the DOCX and XLSX answer in kk and ru; the authorized body's coordinator
   sees the pack submitted in the national overview and downloads the national pack;
2. the coordinator writes and submits the half-year results; the Government Apparatus's approver records the
   review with an instruction to the ministry, whose editor reports on it; the coordinator sets the annual
   evaluation's weights and publishes it; a citizen reads the ranking and the ministry's page;
3. the Presidential Administration's and the Government Apparatus's oversight users read the dashboards in kk,
   ru and en; a citizen reads a library document and compares its versions in kk and ru.

The world is the half-year world of the factories (ministries A and B, the authorized body, the Government
Apparatus, the Presidential Administration; the act's R11, R22 and R23 in force since 2024), seen from today.
Set KEZDESU_SCREENSHOTS to a folder to keep screenshots of the pages (desktop 1280 and phone 360 wide).
"""

import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.followup.domain.queries.progress_reports import quarter_of
from kezdesu.reports.models import DocumentVersion, EvaluationScheme, HalfYearReport, Instruction, QuarterlyInformation
from tests.factories.reports_half_year import HalfYearWorld, build_half_year_world
from tests.factories.reports_library import DocumentVersionFactory, LibraryDocumentFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "e2e-reports"
SCREENSHOTS = os.environ.get("KEZDESU_SCREENSHOTS", "")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
USERS = (
    "ministry_editor",
    "ministry_approver",
    "coordinator",
    "apparatus_approver",
    "apparatus_oversight",
    "presidential_oversight",
)
NARRATIVE = {
    "kk": "Тоқсанда министр екі өңірде халықпен кездесті.",
    "ru": "В квартале министр встретился с населением в двух регионах.",
}
HALF_NARRATIVE = {
    "kk": "Жарты жылда министрліктер кездесулердің кестесін сақтады.",
    "ru": "В полугодии министерства соблюдали график встреч.",
}
INSTRUCTION = {"kk": "Кездесулер кестесін жариялау.", "ru": "Опубликовать график встреч."}
INSTRUCTION_REPORT = "The schedule is published on the ministry's site."
WEIGHTS = {
    "meeting_frequency": "30",
    "publications_on_time": "20",
    "quarterly_information_on_time": "20",
    "issues_solved_on_time": "10",
    "measures_on_time": "10",
    "participation": "10",
}
BODY_V2 = {
    "kk": "1. Бірінші тармақ өзгерді.\n\n2. Екінші тармақ.\n\n3. Үшінші тармақ.",
    "ru": "1. Первый пункт изменён.\n\n2. Второй пункт.\n\n3. Третий пункт.",
}
TITLE = {"kk": "Кездесулерді өткізу тәртібі", "ru": "Порядок проведения встреч", "en": "Procedure of the meetings"}
# The English heading a translated dashboard must not show once the kk and ru catalogues are compiled.
OVERSIGHT_HEADING = "Oversight dashboards"
CATALOGUES_COMPILED = all(
    (Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.mo").exists() for code in ("kk", "ru")
)


def reports_world() -> HalfYearWorld:
    world = build_half_year_world()
    for name in USERS:
        user = world.user(name)
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return world


# --- helpers ---------------------------------------------------------------------------------------------------


def path(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def sign_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/en/office/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url == f"{base_url}/en/office/"


def open_reports(page, card: str) -> None:
    """From the navigation's Reports to one of the hub's cards (English pages)."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Reports and oversight"
    page.locator(".cards").get_by_role("link", name=card, exact=True).click()


def message(page) -> str:
    return page.locator(".messages").inner_text()


def heading(page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


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


def fetch(page, url: str, content_type: str) -> bytes:
    """A download with the page's cookies: 200, its content type and an attachment."""
    response = page.request.get(url)
    assert response.status == 200, url
    assert response.headers["content-type"] == content_type
    assert response.headers["content-disposition"].startswith("attachment;")
    return response.body()


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return package.read("word/document.xml").decode("utf-8")


def xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row if value
    )


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


# --- 1. the quarterly information ------------------------------------------------------------------------------


def test_a_ministry_prepares_approves_and_submits_its_quarterly_information(live_server, browser):
    world = reports_world()
    base = live_server.url
    ministry = world.roles.ministry
    year, quarter = quarter_of(timezone.localdate())
    year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)  # the last ended quarter
    quarter_name = f"Quarter {quarter} of {year}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # The editor: Reports → Quarterly information → the ended quarter; writes the narrative in kk and ru.
    sign_in(page, base, "ministry_editor")
    open_reports(page, "Quarterly information")
    assert heading(page) == "Quarterly information"
    shoot(page, "office-quarterly-list")
    page.get_by_role("link", name=quarter_name, exact=True).click()
    assert heading(page) == f"Quarterly information of {ministry.name_en}, quarter {quarter} of {year}"
    assert page.get_by_role("button", name="Approve (freeze the figures)").count() == 0  # not the editor's
    page.get_by_label("Kazakh", exact=True).fill(NARRATIVE["kk"])
    page.get_by_label("Russian", exact=True).fill(NARRATIVE["ru"])
    page.get_by_role("button", name="Save the narrative").click()
    assert "The narrative is saved." in message(page)
    assert page.get_by_label("Russian", exact=True).input_value() == NARRATIVE["ru"]
    shoot(page, "office-quarterly-detail")

    # The approver approves, then submits; the pack shows submitted.
    sign_in(page, base, "ministry_approver")
    open_reports(page, "Quarterly information")
    page.get_by_role("link", name=quarter_name, exact=True).click()
    page.get_by_role("button", name="Approve (freeze the figures)").click()
    assert "The quarterly information is approved: its figures are frozen." in message(page)
    page.get_by_role("button", name="Submit to the authorized body").click()
    assert "The quarterly information is submitted to the authorized body." in message(page)
    lead = page.locator("p.lead").inner_text()
    assert "submitted to the authorized body" in lead
    assert "submitted" in page.locator("p.lead .state").inner_text()
    assert NARRATIVE["kk"] in page.locator("main").inner_text()  # shown, no longer editable
    assert page.get_by_role("button", name="Save the narrative").count() == 0
    information = QuarterlyInformation.objects.get(organisation=ministry, year=year, quarter=quarter)
    assert information.status == QuarterlyInformation.Status.SUBMITTED
    assert (information.narrative_kk, information.narrative_ru) == (NARRATIVE["kk"], NARRATIVE["ru"])
    shoot(page, "office-quarterly-submitted")

    # The documents, in kk and ru, each holding the narrative in its language.
    for language in ("kk", "ru"):
        docx = page.get_by_role("link", name=f"DOCX ({language})", exact=True).get_attribute("href")
        assert NARRATIVE[language] in docx_text(fetch(page, base + docx, DOCX))
        xlsx = page.get_by_role("link", name=f"XLSX ({language})", exact=True).get_attribute("href")
        assert NARRATIVE[language] in xlsx_text(fetch(page, base + xlsx, XLSX))

    # The authorized body's coordinator: the national overview of the quarter, and the national pack.
    sign_in(page, base, "coordinator")
    open_reports(page, "Quarterly information")
    assert heading(page) == f"Quarterly information of the ministries, quarter {quarter} of {year}"
    row = page.locator("table tbody tr").filter(has_text=ministry.name_en)
    cells = row.locator("td").all_inner_texts()
    assert cells[1] == "submitted to the authorized body"
    assert cells[3] == f"{timezone.localdate():%d.%m.%Y}"
    assert cells[4].startswith("submitted")
    other = page.locator("table tbody tr").filter(has_text=world.roles.other_ministry.name_en)
    assert other.locator("td").nth(1).inner_text() == "not started"
    shoot(page, "office-quarterly-overview")
    with page.expect_download() as downloading:
        page.get_by_role("link", name="National pack (XLSX) in Kazakh").click()
    pack = downloading.value
    assert pack.suggested_filename.endswith(".xlsx")
    assert ministry.name_kk in xlsx_text(Path(pack.path()).read_bytes())
    ru_pack = page.get_by_role("link", name="National pack (XLSX) in Russian").get_attribute("href")
    assert ministry.name_ru in xlsx_text(fetch(page, base + ru_pack, XLSX))
    context.close()


# --- 2. the half-year results, the Government's review, the instruction, the evaluation ---------------------------


def test_the_half_year_results_are_reviewed_and_the_evaluation_is_published(live_server, browser):
    world = reports_world()
    base = live_server.url
    ministry = world.roles.ministry
    today = timezone.localdate()
    year, half = (today.year, 1) if today.month > 6 else (today.year - 1, 2)  # the last ended half-year
    period = f"January–June {year}" if half == 1 else f"July–December {year}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # The coordinator writes the half-year's narrative and submits it to the Government Apparatus.
    sign_in(page, base, "coordinator")
    open_reports(page, "Half-year results")
    assert heading(page) == "Half-year results"
    shoot(page, "office-half-year-list")
    page.get_by_role("link", name=period, exact=True).click()
    assert heading(page) == f"Half-year results: {period}"
    assert page.get_by_role("row").filter(has_text=ministry.name_en).count() == 1  # the figures by ministry
    page.get_by_label("Kazakh", exact=True).fill(HALF_NARRATIVE["kk"])
    page.get_by_label("Russian", exact=True).fill(HALF_NARRATIVE["ru"])
    page.get_by_role("button", name="Save the narrative").click()
    assert "The narrative is saved." in message(page)
    page.get_by_role("button", name="Submit to the Government Apparatus").click()
    assert "The half-year results are submitted to the Government Apparatus." in message(page)
    assert "submitted" in page.locator("p.lead .state").inner_text()
    report = HalfYearReport.objects.get(year=year, half=half)
    assert report.submitted_at is not None
    shoot(page, "office-half-year-submitted")

    # The Government Apparatus's approver records the review and gives the ministry an instruction.
    sign_in(page, base, "apparatus_approver")
    open_reports(page, "Half-year results")
    page.get_by_role("link", name=period, exact=True).click()
    review = page.locator("form").filter(has_text="Record the Government's review")
    review.get_by_label("Reviewed on").fill(f"{today:%Y-%m-%d}")
    review.get_by_label("Reference").fill("Minutes No. 7")
    review.get_by_label("Conclusions in Kazakh").fill("Назарға алынды.")
    review.get_by_label("Conclusions in Russian").fill("Принять к сведению.")
    review.get_by_role("button", name="Save the review").click()
    assert "The Government's review is recorded." in message(page)
    assert f"Reviewed on {today:%d.%m.%Y} (Minutes No. 7)." in page.locator("main").inner_text()
    adding = page.locator("form").filter(has_text="Add an instruction")
    adding.get_by_label("Instruction in Kazakh").fill(INSTRUCTION["kk"])
    adding.get_by_label("Instruction in Russian").fill(INSTRUCTION["ru"])
    adding.get_by_label("Executor").select_option(label=ministry.name_en)
    adding.get_by_label("Deadline").fill(f"{today.year + 1}-03-01")
    adding.get_by_role("button", name="Add the instruction").click()
    assert "The instruction is recorded and its executor told." in message(page)
    given = page.locator("table.stack tbody tr").filter(has_text=f"01.03.{today.year + 1}")
    assert given.locator("td").nth(2).inner_text() == ministry.name_en
    shoot(page, "office-half-year-reviewed")

    # The ministry's editor reports on the instruction.
    sign_in(page, base, "ministry_editor")
    open_reports(page, "Instructions of the Government")
    page.get_by_role("link", name=f"{year}/{half}-1", exact=True).click()
    assert heading(page) == "Instruction No. 1"
    page.get_by_label("What was done").fill(INSTRUCTION_REPORT)
    page.get_by_label("Executed on").fill(f"{today:%Y-%m-%d}")
    page.get_by_role("button", name="Save the report").click()
    assert "The report on the instruction is saved." in message(page)
    assert INSTRUCTION_REPORT in page.locator("main").inner_text()
    instruction = Instruction.objects.get(review__report=report, number=1)
    assert (instruction.assignee, instruction.report, instruction.done_on) == (ministry, INSTRUCTION_REPORT, today)
    shoot(page, "office-instruction")

    # The coordinator sets the year's criteria and weights (100 in all) and publishes the evaluation.
    sign_in(page, base, "coordinator")
    open_reports(page, "Annual evaluation of the ministries")
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Create with the default criteria").click()
    assert "The evaluation is created with the default criteria." in message(page)
    assert heading(page) == f"Annual evaluation {today.year}"
    for code, weight in WEIGHTS.items():
        page.locator(f"#weight_{code}").fill(weight)
    page.get_by_label("Kazakh", exact=True).fill("Салмақтар уәкілетті органның бұйрығымен бекітілді.")
    page.get_by_label("Russian", exact=True).fill("Веса утверждены приказом уполномоченного органа.")
    page.get_by_role("button", name="Save the criteria").click()
    assert "The criteria and the method are saved." in message(page)
    shoot(page, "office-evaluation")
    page.get_by_role("button", name="Publish the evaluation").click()
    assert "The evaluation is published; each ministry's approvers are notified." in message(page)
    scheme = EvaluationScheme.objects.get(year=today.year)
    assert scheme.status == EvaluationScheme.Status.PUBLISHED
    assert sorted((c.indicator, int(c.weight)) for c in scheme.criteria.all()) == sorted(
        (code, int(weight)) for code, weight in WEIGHTS.items()
    )
    context.close()

    # A citizen: Documents and evaluation → the ranking → the ministry's page.
    citizen = browser.new_context(viewport={"width": 1280, "height": 900})
    public = citizen.new_page()
    public.goto(base + path("portal:home"))
    public.get_by_role("navigation", name="Main").get_by_role("link", name="Documents and evaluation").click()
    public.get_by_role("link", name="Annual evaluation of the ministries", exact=True).click()
    assert heading(public) == f"Annual evaluation of the ministries, {today.year}"
    criteria = public.locator("table.evaluation-ranking").first.locator("thead th").all_inner_texts()
    assert any("(weight 30)" in text for text in criteria)
    shoot(public, "public-evaluation")
    public.get_by_role("link", name=ministry.name_en, exact=True).first.click()
    assert heading(public) == ministry.name_en
    assert public.url.endswith(path("portal:evaluation_ministry", year=today.year, organisation=ministry.code))
    shoot(public, "public-evaluation-ministry")
    citizen.close()


# --- 3. the oversight dashboards and the library ------------------------------------------------------------------


def test_the_oversight_bodies_read_the_dashboards_and_a_citizen_the_library(live_server, browser):
    world = reports_world()
    base = live_server.url
    document = LibraryDocumentFactory(
        code="procedure", title_kk=TITLE["kk"], title_ru=TITLE["ru"], title_en=TITLE["en"]
    )
    DocumentVersionFactory(document=document, number=1)
    DocumentVersionFactory(
        document=document,
        number=2,
        body_kk=BODY_V2["kk"],
        body_ru=BODY_V2["ru"],
        changes_kk="Үшінші тармақ қосылды.",
        changes_ru="Добавлен третий пункт.",
    )
    assert DocumentVersion.objects.filter(document=document).count() == 2
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    for user, languages in (("presidential_oversight", ("kk", "ru", "en")), ("apparatus_oversight", ("en",))):
        sign_in(page, base, user)
        for language in languages:
            # The Reports link of the navigation, then the hub's card (found by address, the names translate).
            page.goto(base + path("office:home", language))
            page.locator(f"nav a[href='{path('office:reports', language)}']").click()
            page.locator(f".cards a[href='{path('office:oversight', language)}']").click()
            assert html_lang(page) == language
            assert page.locator("section[aria-labelledby=compliance-title] .heatmap table").count() >= 1
            assert page.locator("#meetings-map-heading").is_visible()
            assert page.locator("#problems-map-heading").is_visible()
            assert page.locator("section[aria-labelledby=overdue-title]").is_visible()
            assert page.locator(".oversight__charts svg").count() >= 1
            assert page.locator("table.oversight__trends tbody tr").count() >= 1
            ministries = page.locator(".heatmap").first.locator("tbody tr")
            assert ministries.filter(has_text=getattr(world.roles.ministry, f"name_{language}")).count() == 1
            if language == "en":
                assert heading(page) == OVERSIGHT_HEADING
            elif CATALOGUES_COMPILED:  # TRANSLATED HEADING: checked once the kk and ru catalogues are compiled
                assert heading(page) != OVERSIGHT_HEADING
            shoot(page, f"office-oversight-{user}-{language}")
        # A heatmap cell leads to the obligations it counts.
        row = page.locator(".heatmap").first.locator("tbody tr").filter(has_text=world.roles.ministry.name_en)
        row.locator("td.heatmap__cell a").first.click()
        assert page.url.startswith(base + path("office:obligations"))
        assert f"debtor={world.roles.ministry.code}" in page.url
        assert heading(page) == "Obligations"
        assert world.roles.ministry.name_en in page.locator("main").inner_text()
    context.close()

    # A citizen reads the document and compares its versions, in kk and ru.
    citizen = browser.new_context(viewport={"width": 1280, "height": 900})
    public = citizen.new_page()
    for language in ("kk", "ru"):
        public.goto(base + path("portal:home", language))
        public.locator(f"nav a[href='{path('portal:reports', language)}']").click()
        assert html_lang(public) == language
        public.get_by_role("link", name=TITLE[language], exact=True).first.click()
        assert heading(public) == TITLE[language]
        text = public.locator("main").inner_text()
        assert BODY_V2[language].split("\n\n")[2] in text  # the version in force
        shoot(public, f"public-library-document-{language}")
        public.locator(f"a[href^='{path('portal:library_diff', language, code=document.code)}']").first.click()
        assert html_lang(public) == language
        diff = public.locator(".library-diff")
        assert diff.get_attribute("lang") == language
        assert BODY_V2[language].split("\n\n")[2] in diff.locator("ins").all_inner_texts()[-1]
        shoot(public, f"public-library-compare-{language}")
    citizen.close()
