"""The quarterly progress reports in the back office (R21): quarters with their state, a quarter's figures,
the narrative and publishing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kezdesu.followup.domain.queries.progress_reports import quarter_of
from kezdesu.followup.models import ProblemIssue, ProgressReport
from kezdesu.regulations.models import Fulfilment
from tests.factories.followup import build_followup_world
from tests.factories.followup_rules import with_followup_rules
from tests.factories.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db

EXPECTED = {
    "anonymous": 302,
    "no_role": 403,
    "ministry_viewer": 200,
    "ministry_editor": 200,
    "ministry_approver": 200,
    "akimat_viewer": 404,  # the akimat acts for no ministry
    "coordinator": 200,
    "apparatus_oversight": 200,
    "presidential_oversight": 200,
    "superuser": 200,
}


@pytest.fixture
def world():
    world = build_followup_world(publish=True)
    with_followup_rules()
    return world


def detail_url(world, **query):
    year, quarter = quarter_of(timezone.localdate())
    url = reverse("office:progress_report", kwargs={"year": year, "quarter": quarter})
    return f"{url}?organisation={world.visit.organisation.code}"


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_gets_the_expected_status_on_the_quarters_page(client, world, role):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    url = reverse("office:progress_reports")
    if role in ("coordinator", "apparatus_oversight", "presidential_oversight", "superuser"):
        url += f"?organisation={world.visit.organisation.code}"
    assert client.get(url).status_code == EXPECTED[role]


def test_the_quarters_page_shows_the_quarters_since_the_first_public_issue_with_their_state(client, world):
    year, quarter = quarter_of(timezone.localdate())
    earlier = datetime.date(year - 1, 3 * quarter - 2, 15)  # the same quarter a year before: five quarters
    ProblemIssue.objects.filter(pk=world.road.pk).update(
        published_at=timezone.make_aware(datetime.datetime.combine(earlier, datetime.time(12)))
    )
    client.force_login(world.user("ministry_editor"))
    page = client.get(reverse("office:progress_reports")).content.decode()
    assert f"Quarter {quarter} of {year}" in page
    assert f"Quarter {quarter} of {year - 1}" in page
    assert page.count('class="state state--open"') == 1  # the quarter under way is due
    assert page.count('class="state state--overdue"') == 4


def test_a_staff_member_of_another_ministry_cannot_choose_this_one(client, world):
    client.force_login(world.user("other_editor"))
    response = client.get(reverse("office:progress_reports") + f"?organisation={world.visit.organisation.code}")
    assert response.status_code == 404


def test_the_quarter_page_shows_the_figures_as_they_stand(client, world):
    client.force_login(world.user("ministry_editor"))
    page = client.get(detail_url(world)).content.decode()
    assert "Road to the district hospital" in page
    assert "Connect the village to the gas network" in page
    assert "not published" in page
    assert "Save the narrative" in page
    assert "Publish the report" not in page


def test_the_editor_saves_the_narrative_and_the_approver_publishes(client, world):
    client.force_login(world.user("ministry_editor"))
    client.post(
        detail_url(world),
        {
            "action": "save",
            "organisation": world.visit.organisation.code,
            "revision": 0,
            "narrative_kk": "Баяндама",
            "narrative_ru": "Доклад",
        },
    )
    assert ProgressReport.objects.get().narrative_ru == "Доклад"
    client.force_login(world.user("ministry_approver"))
    response = client.post(
        detail_url(world), {"action": "publish", "organisation": world.visit.organisation.code}, follow=True
    )
    assert "The progress report is published." in response.content.decode()
    assert ProgressReport.objects.get().published_at is not None
    assert not Fulfilment.objects.exists()  # the record meets it: nothing is typed


def test_a_stale_narrative_is_refused_and_kept(client, world):
    client.force_login(world.user("ministry_editor"))
    data = {
        "action": "save",
        "organisation": world.visit.organisation.code,
        "revision": 0,
        "narrative_kk": "A",
        "narrative_ru": "B",
    }
    client.post(detail_url(world), data)
    response = client.post(detail_url(world), {**data, "narrative_ru": "Мой текст"})
    assert response.status_code == 400
    assert "Мой текст" in response.content.decode()


def test_the_editor_cannot_publish(client, world):
    client.force_login(world.user("ministry_editor"))
    response = client.post(detail_url(world), {"action": "publish", "organisation": world.visit.organisation.code})
    assert response.status_code == 404
    assert ProgressReport.objects.filter(published_at__isnull=False).count() == 0


def test_the_draft_downloads_as_docx(client, world):
    client.force_login(world.user("ministry_editor"))
    year, quarter = quarter_of(timezone.localdate())
    url = reverse("office:progress_report_download", kwargs={"year": year, "quarter": quarter})
    response = client.get(f"{url}?organisation={world.visit.organisation.code}&lang=ru")
    code = world.visit.organisation.code
    assert (
        response["Content-Disposition"] == f'attachment; filename="kezdesu-progress-{code}-{year}-q{quarter}-ru.docx"'
    )
