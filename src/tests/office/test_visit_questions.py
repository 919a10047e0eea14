"""The back office's questions of a visit: the list by channel, importing a file, attaching the akimat's
systemic problems; each for the roles that may, and 404 for the others."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kezdesu.planning.models import SystemicProblem
from kezdesu.questions.models import Channel, ImportBatch, Question
from tests.factories.meetings import at, build_visit_world
from tests.factories.organisations import MembershipFactory, UserFactory
from tests.factories.planning import SystemicProblemFactory
from tests.factories.questions import question

pytestmark = pytest.mark.django_db

CSV = (
    "id;text;district\n"
    "1;When will the road to the hospital be repaired?;\n"
    "2;<script>alert(1)</script>;\n"
    "3;Нужна новая школа в нашем селе;Nowhere\n"
).encode()


@pytest.fixture
def world():
    return build_visit_world()


def _client(client, user):
    client.force_login(user)
    return client


def _urls(visit):
    return {
        "list": reverse("office:visit_questions", kwargs={"pk": visit.pk}),
        "import": reverse("office:visit_questions_import", kwargs={"pk": visit.pk}),
        "attach": reverse("office:visit_questions_attach_problems", kwargs={"pk": visit.pk}),
    }


def test_the_list_counts_questions_by_channel_and_filters_by_one(client, world):
    question(world.visit, "Web question about the bus", channel=Channel.WEB)
    question(world.visit, "Web question about the clinic", channel=Channel.WEB, status="published")
    question(world.visit, "Blog question about the school", channel=Channel.BLOG, external_id="b-1")
    browser = _client(client, world.user("akimat_viewer"))

    page = browser.get(_urls(world.visit)["list"]).content.decode()
    only_blog = browser.get(_urls(world.visit)["list"], {"channel": "blog"}).content.decode()

    assert "the meeting page" in page
    assert "3 questions" in page
    assert "Web question about the bus" in page
    assert "1 question of this channel" in only_blog
    assert "Blog question about the school" in only_blog
    assert "Web question about the bus" not in only_blog
    assert "Import a file of questions" not in page  # a viewer may not import


def test_the_list_shows_no_contact_of_the_askers(client, world):
    question(
        world.visit, "Question with a contact", contact="secret@example.org", author_name="Secret Name", consent=True
    )

    page = _client(client, world.user("ministry_editor")).get(_urls(world.visit)["list"]).content.decode()

    assert "secret@example.org" not in page
    assert "Secret Name" not in page
    assert "Left a contact for an answer" in page


def test_the_list_costs_the_same_queries_for_one_or_three_questions(client, world):
    browser = _client(client, world.user("ministry_editor"))
    question(world.visit, "First question about the bus")
    browser.get(_urls(world.visit)["list"])
    with CaptureQueriesContext(connection) as one:
        browser.get(_urls(world.visit)["list"])
    question(world.visit, "Second question", channel=Channel.BLOG, external_id="1")
    question(world.visit, "Third question", channel=Channel.EOTINISH, external_id="1")
    with CaptureQueriesContext(connection) as three:
        browser.get(_urls(world.visit)["list"])

    assert len(three) == len(one)


def test_a_file_is_imported_and_its_refused_rows_shown(client, world):
    browser = _client(client, world.user("ministry_editor"))

    response = browser.post(
        _urls(world.visit)["import"],
        {"channel": Channel.AKIM_MEETING, "file": SimpleUploadedFile("akim.csv", CSV, content_type="text/csv")},
    )

    html = response.content.decode()
    assert "Imported: 1 added, 0 already imported, 2 refused." in html
    assert "Write the question as plain text" in html
    assert "The district or town “Nowhere” is not known" in html
    assert Question.objects.get().channel == Channel.AKIM_MEETING

    again = browser.post(
        _urls(world.visit)["import"],
        {"channel": Channel.AKIM_MEETING, "file": SimpleUploadedFile("akim.csv", CSV, content_type="text/csv")},
    )
    assert "Imported: 0 added, 1 already imported, 2 refused." in again.content.decode()
    assert Question.objects.count() == 1


def test_a_malformed_file_is_refused_on_the_form_and_nothing_saved(client, world):
    browser = _client(client, world.user("akimat_editor"))

    response = browser.post(
        _urls(world.visit)["import"],
        {"channel": Channel.EOTINISH, "file": SimpleUploadedFile("export.xlsx", b"not a workbook")},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "cannot be read as an XLSX workbook" in html
    assert '<option value="eotinish" selected>' in html
    assert ImportBatch.objects.count() == 0


def test_the_akimats_systemic_problems_are_attached_once(client, world):
    SystemicProblemFactory(
        region=world.visit.region,
        akimat=world.roles.akimat,
        competent_body=world.roles.ministry,
        half_year_start=datetime.date(2027, 1, 1),
        status=SystemicProblem.Status.SENT,
        sent_at=at(9, day=datetime.date(2027, 1, 20)),
    )
    browser = _client(client, world.user("ministry_approver"))

    first = browser.post(_urls(world.visit)["attach"], follow=True).content.decode()
    second = browser.post(_urls(world.visit)["attach"], follow=True).content.decode()

    assert "1 systemic problem of the akimat is attached as a question." in first
    assert "No new systemic problems" in second
    assert Question.objects.filter(channel=Channel.SYSTEMIC_PROBLEM).count() == 1


@pytest.mark.parametrize(
    ("role", "list_status", "import_status", "attach_status"),
    [
        ("ministry_editor", 200, 200, 302),
        ("ministry_approver", 200, 200, 302),
        ("akimat_editor", 200, 200, 302),
        ("akimat_viewer", 200, 404, 403),
        ("ministry_viewer", 200, 404, 403),
        ("coordinator", 200, 200, 302),
        ("outsider", 404, 404, 404),
    ],
)
def test_who_may_see_import_and_attach(client, world, role, list_status, import_status, attach_status):
    if role == "outsider":
        user = MembershipFactory(user=UserFactory(username="outsider"), organisation=world.roles.other_ministry).user
    else:
        user = world.user(role)
    browser = _client(client, user)
    urls = _urls(world.visit)

    assert browser.get(urls["list"]).status_code == list_status
    assert browser.get(urls["import"]).status_code == import_status
    assert browser.post(urls["attach"]).status_code == attach_status


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(_urls(world.visit)["list"])

    assert response.status_code == 302
    assert reverse("office:login") in response["Location"]
