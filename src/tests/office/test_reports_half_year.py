"""The half-year results, the Government's instructions and the systemic problems report in the back office."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from kezdesu.followup.models import MeasureStatus
from kezdesu.reports.models import GovernmentReview, HalfYearReport, Instruction
from tests.factories.reports_half_year import (
    build_half_year_world,
    instruction,
    reviewed_report,
    sent_problem,
    taken_up,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_half_year_world()


def _as(client, world, name):
    client.force_login(world.user(name))
    return client


def test_the_coordinator_prepares_and_submits_the_half_year(client, world):
    _as(client, world, "coordinator")
    assert client.get(reverse("office:half_year_reports")).status_code == 200
    url = reverse("office:half_year_report", kwargs={"year": 2026, "half": 1})
    page = client.get(url)
    assert page.status_code == 200
    assert "Figures by ministry" in page.text
    assert "Ministry A" in page.text

    saved = client.post(
        url, {"action": "save", "narrative_kk": "Қ", "narrative_ru": "Р", "narrative_en": "Summary", "revision": "0"}
    )
    assert saved.status_code == 302
    stale = client.post(url, {"action": "save", "narrative_kk": "Mine", "narrative_ru": "Р", "revision": "0"})
    assert stale.status_code == 400
    assert "Someone changed the report meanwhile" in stale.text
    assert "Mine" in stale.text  # the user's text is kept
    assert client.post(url, {"action": "submit"}).status_code == 302
    report = HalfYearReport.objects.get(year=2026, half=1)
    assert report.status == HalfYearReport.Status.SUBMITTED
    assert report.snapshot["narrative"]["en"] == "Summary"


def test_the_apparatus_approver_records_the_review_and_an_instruction(client, world):
    HalfYearReport.objects.create(
        year=2026,
        half=1,
        status=HalfYearReport.Status.SUBMITTED,
        submitted_at=datetime.datetime(2026, 6, 10, 6, tzinfo=datetime.UTC),
        snapshot={},
    )
    _as(client, world, "apparatus_approver")
    url = reverse("office:half_year_report", kwargs={"year": 2026, "half": 1})
    assert "Record the Government" in client.get(url).text
    review = {
        "action": "review",
        "reviewed_on": "2026-06-25",
        "reference": "Minutes No. 7",
        "conclusions_kk": "Қ",
        "conclusions_ru": "Р",
        "revision": "0",
    }
    assert client.post(url, review).status_code == 302
    assert GovernmentReview.objects.get().reference == "Minutes No. 7"
    given = {
        "action": "instruct",
        "text_kk": "Тапсырма",
        "text_ru": "Поручение",
        "text_en": "Hold the meetings",
        "assignee": world.roles.ministry.pk,
        "deadline": "2026-09-01",
    }
    assert client.post(url, given).status_code == 302
    assert Instruction.objects.get().number == 1
    assert "Hold the meetings" in client.get(url).text


def test_staff_outside_the_nationwide_readers_do_not_see_the_half_year(client, world):
    _as(client, world, "ministry_approver")
    assert client.get(reverse("office:half_year_reports")).status_code == 404
    assert client.get(reverse("office:half_year_report", kwargs={"year": 2026, "half": 1})).status_code == 404
    download = reverse("office:half_year_report_download", kwargs={"year": 2026, "half": 1})
    assert client.get(download).status_code == 404


def test_the_half_year_document_in_kazakh_and_russian(client, world):
    review = reviewed_report(world)
    instruction(review, 1, world.roles.ministry, deadline=datetime.date(2026, 3, 1))
    sent_problem(world.roles.akimat, "Water in the district", body=world.roles.ministry)
    _as(client, world, "apparatus_oversight")
    url = reverse("office:half_year_report_download", kwargs={"year": 2026, "half": 1})
    for language, word in (("kk", "Тапсырма 1"), ("ru", "Поручение 1")):
        response = client.get(f"{url}?lang={language}")
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        document = Document(io.BytesIO(response.content))
        text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
        assert word in text
        assert "Water in the district" in text


def test_the_instructions_list_is_scoped_and_its_queries_do_not_grow(client, world, django_assert_max_num_queries):
    review = reviewed_report(world)
    instruction(review, 1, world.roles.ministry, deadline=datetime.date(2026, 3, 1), text_en="For A")
    instruction(review, 2, world.roles.other_ministry, deadline=datetime.date(2026, 3, 1), text_en="For B")
    _as(client, world, "ministry_viewer")
    page = client.get(reverse("office:instructions"))
    assert "For A" in page.text
    assert "For B" not in page.text
    _as(client, world, "apparatus_oversight")
    with django_assert_max_num_queries(30) as one:
        client.get(reverse("office:instructions") + "?state=overdue")
    for number in range(3, 6):
        instruction(review, number, world.roles.ministry, deadline=datetime.date(2026, 3, 1))
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(reverse("office:instructions") + "?state=overdue")
    assert page.text.count("/office/reports/instructions/") >= 5


def test_the_instructions_list_filters_by_executor_with_its_committees(client, world):
    review = reviewed_report(world)
    committee = world.roles.ministry.children.first()
    instruction(review, 1, world.roles.ministry, deadline=datetime.date(2026, 3, 1), text_en="For A")
    instruction(review, 2, world.roles.other_ministry, deadline=datetime.date(2026, 3, 1), text_en="For B")
    if committee is not None:
        instruction(review, 3, committee, deadline=datetime.date(2026, 3, 1), text_en="For A's committee")
    done = instruction(review, 4, world.roles.ministry, deadline=datetime.date(2099, 3, 1), text_en="A, not due")
    _as(client, world, "apparatus_oversight")
    url = reverse("office:instructions") + f"?state=overdue&assignee={world.roles.ministry.code}"
    page = client.get(url)
    assert "For A" in page.text
    assert "For B" not in page.text
    assert done.text_en not in page.text
    assert ("For A&#x27;s committee" in page.text) == (committee is not None)
    assert f"{2 if committee else 1} instruction" in page.text
    assert f"assignee={world.roles.ministry.code}" in page.text  # the state links keep the executor
    assert "All executors" in page.text


def test_the_executor_reports_on_its_instruction_and_others_get_404(client, world):
    review = reviewed_report(world)
    given = instruction(review, 1, world.roles.ministry, deadline=datetime.date(2026, 3, 1))
    url = reverse("office:instruction", kwargs={"pk": given.pk})
    _as(client, world, "other_editor")
    assert client.get(url).status_code == 404
    _as(client, world, "ministry_viewer")
    assert "Report the instruction executed" not in client.get(url).text
    _as(client, world, "ministry_editor")
    assert client.post(url, {"report": "Done", "done_on": "2026-02-20", "revision": "0"}).status_code == 302
    given.refresh_from_db()
    assert (given.status, given.done_on) == (Instruction.Status.DONE, datetime.date(2026, 2, 20))


def test_the_systemic_problems_report_for_each_reader(client, world, django_assert_max_num_queries):
    water = sent_problem(world.roles.akimat, "Water in the district", body=world.roles.ministry)
    sent_problem(world.roles.other_akimat, "Roads of the region", body=world.roles.other_ministry)
    taken_up(water, world.visit, measures=(MeasureStatus.DONE,))
    url = reverse("office:systemic_problems_report") + "?year=2026&half=1"
    _as(client, world, "coordinator")
    page = client.get(url)
    assert "Water in the district" in page.text
    assert "Roads of the region" in page.text
    assert "1 of 1 measures done" in page.text
    assert "Roads of the region" not in client.get(url + "&akimat=akimat-x").text
    _as(client, world, "akimat_viewer")
    page = client.get(url)
    assert "Water in the district" in page.text
    assert "Roads of the region" not in page.text
    _as(client, world, "other_editor")
    page = client.get(url)
    assert "Roads of the region" in page.text
    assert "Water in the district" not in page.text
    _as(client, world, "no_role")
    assert client.get(url).status_code in (403, 404)
    _as(client, world, "apparatus_oversight")
    with django_assert_max_num_queries(40) as one:
        client.get(url)
    for number in range(3):
        problem = sent_problem(world.roles.akimat, f"More {number}", body=world.roles.other_ministry)
        taken_up(problem, world.visit, measures=(MeasureStatus.DONE,))
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)
