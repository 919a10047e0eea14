"""The quarterly information in the back office (R22): the ministry's quarters, the national overview, a quarter's
page with its figures and workflow, the downloads and the national pack."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from kezdesu.reports.domain.figures import COUNT_FIELDS
from kezdesu.reports.models import QuarterlyInformation
from tests.factories.reports_quarterly import QUARTER, YEAR, build_quarter_world
from tests.factories.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db

EXPECTED = {
    "anonymous": 302,
    "no_role": 403,
    "ministry_viewer": 200,
    "ministry_editor": 200,
    "ministry_approver": 200,
    "akimat_viewer": 404,
    "coordinator": 200,
    "apparatus_oversight": 200,
    "presidential_oversight": 200,
    "superuser": 200,
}


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return build_quarter_world()


def detail_url(world, organisation=None):
    url = reverse("office:quarterly_information_detail", kwargs={"year": YEAR, "quarter": QUARTER})
    return f"{url}?organisation={(organisation or world.ministry).code}"


def login(client, world, role):
    client.force_login(world.user(role))


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_on_a_quarters_page(client, world, role):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    response = client.get(detail_url(world))
    assert response.status_code == EXPECTED[role]


def test_the_ministry_sees_its_quarters_and_the_national_readers_the_overview(
    client, world, django_assert_max_num_queries
):
    login(client, world, "ministry_viewer")
    response = client.get(reverse("office:quarterly_information"))
    assert response.status_code == 200
    assert "Quarter 1 of 2026" in response.content.decode()

    login(client, world, "coordinator")
    url = reverse("office:quarterly_information") + f"?year={YEAR}&quarter={QUARTER}"
    with django_assert_max_num_queries(40):
        response = client.get(url)
    page = response.content.decode()
    assert world.ministry.name in page
    assert world.roles.other_ministry.name in page
    assert reverse("office:quarterly_pack", kwargs={"year": YEAR, "quarter": QUARTER}) in page


def test_the_figures_are_shown_with_what_they_count(client, world):
    login(client, world, "ministry_viewer")
    page = client.get(detail_url(world)).content.decode()
    assert "The first head&#x27;s meeting, at least once a quarter." in page
    assert "Minister A" in page
    assert 'name="action" value="save"' not in page  # a viewer writes no narrative


def test_the_whole_workflow_through_the_pages(client, world):
    login(client, world, "ministry_editor")
    response = client.post(
        detail_url(world),
        {"action": "save", "revision": "0", "narrative_kk": "Қорытынды", "narrative_ru": "Итоги", "narrative_en": ""},
    )
    assert response.status_code == 302
    stale = client.post(
        detail_url(world), {"action": "save", "revision": "0", "narrative_kk": "Ескі", "narrative_ru": "Старый"}
    )
    assert stale.status_code == 400
    assert "Someone changed the quarterly information meanwhile" in stale.content.decode()
    assert "Старый" in stale.content.decode()  # the text typed is kept
    assert client.post(detail_url(world), {"action": "approve", "revision": "1"}).status_code == 404

    login(client, world, "ministry_approver")
    assert client.post(detail_url(world), {"action": "approve", "revision": "1"}).status_code == 302
    assert client.post(detail_url(world), {"action": "submit"}).status_code == 302
    information = QuarterlyInformation.objects.get()
    assert information.status == "submitted"
    assert information.snapshot["narrative"]["ru"] == "Итоги"

    login(client, world, "coordinator")
    empty = client.post(detail_url(world), {"action": "return", "comment": ""})
    assert empty.status_code == 400
    assert client.post(detail_url(world), {"action": "return", "comment": "Add the figures"}).status_code == 302
    information.refresh_from_db()
    assert (information.status, information.return_comment) == ("draft", "Add the figures")


def test_other_ministry_staff_get_404(client, world):
    login(client, world, "ministry_viewer")
    assert client.get(detail_url(world, world.roles.other_ministry)).status_code == 404
    pack = reverse("office:quarterly_pack", kwargs={"year": YEAR, "quarter": QUARTER})
    assert client.get(pack).status_code == 404


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_downloads(client, world, fmt, lang):
    login(client, world, "ministry_viewer")
    url = (
        reverse("office:quarterly_information_download", kwargs={"year": YEAR, "quarter": QUARTER, "fmt": fmt})
        + f"?organisation={world.ministry.code}&lang={lang}"
    )
    response = client.get(url)
    assert response.status_code == 200
    expected = "ru" if lang == "en" else lang
    assert f"-{expected}.{fmt}" in response["Content-Disposition"]


def test_the_national_pack_has_a_summary_with_totals_and_a_sheet_per_ministry(client, world):
    login(client, world, "apparatus_oversight")
    response = client.get(reverse("office:quarterly_pack", kwargs={"year": YEAR, "quarter": QUARTER}) + "?lang=ru")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    summary = workbook.worksheets[0]
    names = [row[0].value for row in summary.iter_rows(min_row=3)]
    assert world.ministry.name_ru in names or world.ministry.name in names
    assert len(workbook.worksheets) == 1 + len(names) - 1  # one sheet per ministry, plus the summary
    held = 5 + COUNT_FIELDS.index("meetings_held")  # after the ministry, status, state, due and submitted
    total = next(iter(summary.iter_rows(min_row=summary.max_row)))
    assert total[held].value == 3  # ministry A's 2 and the other ministry's 1
