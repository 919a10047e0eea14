"""The staff's path before a visit (issue 4), in the browser: the ministry's editor imports a file of
questions, moderates them, groups the duplicates, reads the analysis and downloads the briefing, and
builds the agenda (refused over the quarter rule); the akimat's editor works through its tasks.
"""

import zipfile

import pytest

from kezdesu.meetings.domain.tasks import create_visit_tasks
from kezdesu.meetings.models import AgendaItem, VisitTask
from kezdesu.questions.models import Channel, Question
from tests.factories.meetings import VisitWorld, build_visit_world

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "e2e-visit-staff"
ROAD = "When will the road to the school in Aksu village be repaired?"
# Q-2 repeats Q-1 exactly (case and punctuation aside), Q-3 nearly; Q-5 is spam; row 7 holds a script.
QUESTIONS_CSV = f"""id;date;topic;text
Q-1;01.03.2027;;{ROAD}
Q-2;01.03.2027;;when will the road to the school in Aksu village be repaired
Q-3;02.03.2027;;When will the road to the school in Aksu village finally be repaired?
Q-4;02.03.2027;;Why is there no gas supply in the village of Koktal?
Q-5;03.03.2027;;Buy cheap phones now at www.cheap-phones.example, best prices!!!
Q-6;03.03.2027;;Hello <script>alert(1)</script>
"""


def staff_world() -> VisitWorld:
    world = build_visit_world()
    for role in ("ministry_editor", "akimat_editor"):
        user = world.user(role)
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return world


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/en/office/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url == f"{base_url}/en/office/"


def open_tab(page, base_url: str, world: VisitWorld, tab: str) -> None:
    page.goto(f"{base_url}/en/office/visits/{world.visit.pk}/")
    page.get_by_role("navigation", name="Preparing the visit").get_by_role("link", name=tab, exact=True).click()


def question_pk(external_id: str) -> int:
    return Question.objects.get(channel=Channel.EOTINISH, external_id=external_id).pk


def test_the_ministry_imports_moderates_groups_and_exports_the_briefing(live_server, page, tmp_path):
    world = staff_world()
    export = tmp_path / "eotinish-export.csv"
    export.write_text(QUESTIONS_CSV, encoding="utf-8")
    sign_in(page, live_server.url, "ministry_editor")

    open_tab(page, live_server.url, world, "Questions")
    page.get_by_role("link", name="Import a file of questions").click()
    page.get_by_label("Exported from").select_option(label="eOtinish")
    page.get_by_label("File").set_input_files(export)
    page.get_by_role("button", name="Import").click()

    result = page.get_by_role("region", name="Result of “eotinish-export.csv”")
    assert result.get_by_role("listitem").all_inner_texts() == [
        "5 questions added.",
        "0 already imported before.",
        "1 row refused.",
    ]
    refused = result.get_by_role("row").nth(1).get_by_role("cell").all_inner_texts()
    assert refused[0] == "7"
    assert refused[1].startswith("Write the question as plain text: it contains HTML tags or a script")
    assert Question.objects.filter(visit=world.visit, channel=Channel.EOTINISH).count() == 5

    # The same file again adds nothing.
    page.get_by_label("File").set_input_files(export)
    page.get_by_role("button", name="Import").click()
    assert "0 questions added." in result.inner_text()
    assert "5 already imported before." in result.inner_text()
    assert Question.objects.filter(visit=world.visit).count() == 5

    open_tab(page, live_server.url, world, "Moderation")
    for external_id in ("Q-1", "Q-3", "Q-4"):
        page.get_by_label(f"Question {question_pk(external_id)}", exact=True).check()
    page.get_by_role("button", name="Publish as written").click()
    assert "3 questions changed." in page.locator(".messages").inner_text()

    spam = page.locator(f"#question-{question_pk('Q-5')}")
    spam.get_by_label("Reason to hide").select_option(label="spam or advertising")
    spam.get_by_label("Note").fill("An advertisement")
    spam.get_by_role("button", name="Hide").click()
    assert "The question is hidden." in page.locator(".messages").inner_text()
    statuses = dict(Question.objects.values_list("external_id", "status"))
    assert statuses == {"Q-1": "published", "Q-2": "received", "Q-3": "published", "Q-4": "published", "Q-5": "hidden"}
    hidden = Question.objects.get(external_id="Q-5")
    assert (hidden.hidden_reason, hidden.moderation_note) == (Question.HiddenReason.SPAM, "An advertisement")

    # Each import already queues the grouping (run at once in tests); running it again places nothing new.
    page.get_by_role("link", name="Groups of duplicates").click()
    page.get_by_role("button", name="Group the new questions").click()
    assert (
        "Grouping done: 0 new groups, 0 questions added to existing groups." in page.locator(".messages").inner_text()
    )
    road = page.get_by_role("region", name="3 people asked")
    assert road.get_by_role("paragraph").first.inner_text() == ROAD
    assert road.locator("tbody tr").count() == 3
    assert page.get_by_role("heading", name="asked").count() == 1  # a question asked once forms no group

    open_tab(page, live_server.url, world, "Analysis")
    assert f"{ROAD} — 3 people asked" in page.get_by_role("listitem").all_inner_texts()
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the one-page briefing (DOCX)").click()
    download = downloading.value
    assert download.suggested_filename.endswith(".docx")
    with zipfile.ZipFile(download.path()) as docx:
        assert "word/document.xml" in docx.namelist()
        assert "Aksu village" in docx.read("word/document.xml").decode("utf-8")


def test_the_ministry_is_refused_an_agenda_over_the_quarter_and_saves_a_valid_one(live_server, page):
    world = staff_world()
    sign_in(page, live_server.url, "ministry_editor")

    open_tab(page, live_server.url, world, "Agenda")
    # The suggestion filled in: opening 5, presentation 30, questions 80, closing 5 of the meeting's 120 minutes.
    assert page.get_by_label("Kind of item 2").locator("option:checked").inner_text() == "Presentation"
    page.get_by_label("Minutes of item 2").fill("40")
    page.get_by_label("Minutes of item 3").fill("70")
    page.get_by_role("button", name="Save the agenda").click()

    assert "The presentation takes 40 of 120 minutes (33%); at most 25% — 30 minutes — is allowed." in (
        page.locator("#agenda-share [role=alert]").inner_text()
    )
    assert page.get_by_label("Minutes of item 2").input_value() == "40"
    assert page.get_by_label("Minutes of item 3").input_value() == "70"
    assert AgendaItem.objects.count() == 0

    page.get_by_label("Minutes of item 2").fill("30")
    page.get_by_label("Minutes of item 3").fill("80")
    page.get_by_role("button", name="Save the agenda").click()

    assert "The agenda is saved." in page.locator(".messages").inner_text()
    saved = list(AgendaItem.objects.order_by("order").values_list("kind", "planned_minutes"))
    assert saved == [("opening", 5), ("presentation", 30), ("questions", 80), ("closing", 5)]
    assert "Within the rule" in page.locator("#agenda-share").inner_text()


def test_the_akimat_marks_a_publicity_task_done(live_server, page):
    world = staff_world()
    if not VisitTask.objects.filter(visit=world.visit).exists():
        create_visit_tasks(visit=world.visit)
    venue = VisitTask.objects.get(visit=world.visit, code="venue")
    sign_in(page, live_server.url, "akimat_editor")

    open_tab(page, live_server.url, world, "Tasks")
    assert page.get_by_role("button", name="Save the authorized body's tasks").count() == 0
    status = page.get_by_label(f"Status: {venue.title_en}")
    assert status.locator("option:checked").inner_text() == "To do"
    status.select_option(label="Done")
    page.get_by_label(f"Note: {venue.title_en}").fill("Ramp checked at the Palace of Culture")
    page.get_by_role("button", name="Save the akimat's tasks").click()

    assert "Tasks changed: 1." in page.locator(".messages").inner_text()
    venue.refresh_from_db()
    assert (venue.status, venue.note, venue.updated_by) == (
        VisitTask.Status.DONE,
        "Ramp checked at the Palace of Culture",
        world.user("akimat_editor"),
    )
    assert page.get_by_label(f"Status: {venue.title_en}").locator("option:checked").inner_text() == "Done"
    assert page.get_by_role("row").filter(has_text=venue.title_en).get_attribute("class") == "row--met"
