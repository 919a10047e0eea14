"""The back office's list of questions across visits: the records behind the oversight dashboard's "questions
received" figure (R26), its filters, who sees which questions, and its cost in queries."""

import datetime

import pytest
from django.urls import reverse

from kezdesu.meetings.models import Visit
from kezdesu.office.views import questions as questions_view
from kezdesu.questions.models import Channel, Question
from kezdesu.reports.domain.queries.oversight import trends
from tests.factories.meetings import ALMATY, build_visit_world
from tests.factories.organisations import PositionFactory
from tests.factories.questions import question

pytestmark = pytest.mark.django_db

Q3_2026 = {"start": "2026-07-01", "end": "2026-09-30"}
NATIONWIDE = ("coordinator", "apparatus_oversight", "presidential_oversight", "superuser")


def url() -> str:
    return reverse("office:questions")  # in the test's language (en), not the one active at import


def local(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=ALMATY)


@pytest.fixture
def world():
    world = build_visit_world(day=datetime.date(2026, 8, 10))
    roles = world.roles
    world.other_visit = Visit.objects.create(
        organisation=roles.other_ministry,
        position=PositionFactory(organisation=roles.other_ministry, code="minister", title_en="Minister B"),
        region=roles.other_akimat.region,
        start_date=datetime.date(2026, 8, 20),
        end_date=datetime.date(2026, 8, 20),
        status=Visit.Status.HELD,
        title_en="Minister B meets the population",
    )
    world.committee_visit = Visit.objects.create(
        organisation=roles.committee,
        position=PositionFactory(organisation=roles.committee, code="chair", title_en="Chair of the committee"),
        region=roles.other_akimat.region,
        start_date=datetime.date(2026, 9, 5),
        end_date=datetime.date(2026, 9, 5),
        status=Visit.Status.HELD,
        title_en="The committee meets the population",
    )
    return world


def _page(client, user, params=None) -> str:
    client.force_login(user)
    response = client.get(url(), params or {})
    assert response.status_code == 200
    return response.content.decode()


def test_the_count_is_the_dashboards_figure_with_the_quarters_bounds_in_kazakhstans_time(client, world):
    question(world.visit, "Asked just before the quarter", received_at=local(2026, 6, 30, 23, 59))
    question(world.visit, "Asked at the quarter's first moment", received_at=local(2026, 7, 1, 0, 0))
    question(world.other_visit, "Asked on the quarter's last evening", received_at=local(2026, 9, 30, 23, 59, 59))
    question(
        world.committee_visit, "Hidden but received in the quarter", status="hidden", received_at=local(2026, 8, 1, 9)
    )
    question(world.other_visit, "Asked just after the quarter", received_at=local(2026, 10, 1, 0, 0))
    points = trends(today=datetime.date(2026, 11, 22)).points
    figure = next(point for point in points if (point.year, point.quarter) == (2026, 3))

    page = _page(client, world.user("coordinator"), Q3_2026)

    assert figure.questions == 3
    assert "3 questions" in page
    assert "Asked at the quarter&#x27;s first moment" in page
    assert "Asked on the quarter&#x27;s last evening" in page
    assert "Hidden but received in the quarter" in page
    assert "just before the quarter" not in page
    assert "just after the quarter" not in page


def test_a_row_shows_when_how_where_and_links_to_its_visits_questions(client, world):
    question(world.visit, "When will the bus run?", channel=Channel.BLOG, received_at=local(2026, 8, 3, 14, 5))

    page = _page(client, world.user("coordinator"))

    assert "1 question" in page
    assert "03.08.2026 14:05" in page
    assert "the heads&#x27; blog platform" in page
    assert reverse("office:visit_questions", kwargs={"pk": world.visit.pk}) in page
    assert "Minister A, 10.08.2026" in page
    assert world.visit.region.name in page
    assert "Ministry A" in page
    assert "Awaiting moderation" in page


def test_the_askers_name_and_contact_are_not_shown(client, world):
    question(world.visit, "Question with a contact", contact="secret@example.org", author_name="Secret Name")

    page = _page(client, world.user("ministry_editor"))

    assert "Question with a contact" in page
    assert "secret@example.org" not in page
    assert "Secret Name" not in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"channel": "blog"}, {"Blog question to A"}),
        ({"status": "published"}, {"Published question to B"}),
        ({"ministry": "ministry-b"}, {"Published question to B"}),
        # A ministry's own visits and its committees'.
        ({"ministry": "ministry-a"}, {"Blog question to A", "Web question to the committee", "August question to A"}),
        ({"start": "2026-08-15"}, {"Published question to B", "Web question to the committee"}),
        ({"end": "2026-08-14"}, {"Blog question to A", "August question to A"}),
        ({"start": "2026-08-02", "end": "2026-08-02"}, {"August question to A"}),
        ({"channel": "web", "ministry": "ministry-a"}, {"Web question to the committee", "August question to A"}),
    ],
)
def test_each_filter_narrows_the_list(client, world, params, expected):
    question(world.visit, "Blog question to A", channel=Channel.BLOG, received_at=local(2026, 7, 20, 10))
    question(world.visit, "August question to A", received_at=local(2026, 8, 2, 23, 30))
    question(world.other_visit, "Published question to B", status="published", received_at=local(2026, 8, 18, 10))
    question(world.committee_visit, "Web question to the committee", received_at=local(2026, 9, 1, 10))
    every = {"Blog question to A", "August question to A", "Published question to B", "Web question to the committee"}

    page = _page(client, world.user("apparatus_oversight"), params)

    assert {text for text in every if text in page} == expected
    assert (f"{len(expected)} question" + ("s" if len(expected) > 1 else "")) in page


def test_the_region_filter_is_the_visits_region(client, world):
    question(world.visit, "Asked at the visit to X", region=world.roles.other_akimat.region)
    question(world.other_visit, "Asked at the visit to Y")

    page = _page(client, world.user("coordinator"), {"region": world.visit.region_id})

    assert "Asked at the visit to X" in page
    assert "Asked at the visit to Y" not in page


def test_a_range_ending_before_it_starts_is_refused_with_a_message(client, world):
    question(world.visit, "Any question", received_at=local(2026, 8, 1, 10))

    page = _page(client, world.user("coordinator"), {"start": "2026-09-30", "end": "2026-07-01"})

    assert "The end of the range comes before its start." in page
    assert "Correct the filters to see the questions." in page
    assert "Any question" not in page


@pytest.mark.parametrize("params", [{"channel": "fax"}, {"ministry": "nowhere"}, {"region": "x"}, {"start": "31.31"}])
def test_a_wrong_filter_is_refused_not_ignored(client, world, params):
    question(world.visit, "Any question")

    page = _page(client, world.user("coordinator"), params)

    assert "Correct the filters to see the questions." in page
    assert "Any question" not in page


def test_a_ministrys_staff_see_only_their_ministrys_questions(client, world):
    question(world.visit, "Question to ministry A")
    question(world.committee_visit, "Question to the committee of A")
    question(world.other_visit, "Question to ministry B")

    for role in ("ministry_viewer", "ministry_editor", "ministry_approver"):
        page = _page(client, world.user(role))
        assert "2 questions" in page
        assert "Question to ministry A" in page
        assert "Question to the committee of A" in page
        assert "Question to ministry B" not in page
    # Asking for another ministry's questions finds none rather than showing them.
    assert "0 questions" in _page(client, world.user("ministry_editor"), {"ministry": "ministry-b"})


def test_an_akimats_staff_see_the_questions_of_the_visits_to_their_region(client, world):
    question(world.visit, "Question at the visit to X")
    question(world.other_visit, "Question at the visit to Y")

    page = _page(client, world.user("akimat_viewer"))

    assert "1 question" in page
    assert "Question at the visit to X" in page
    assert "Question at the visit to Y" not in page


@pytest.mark.parametrize("role", NATIONWIDE)
def test_nationwide_readers_see_every_question(client, world, role):
    question(world.visit, "Question to ministry A")
    question(world.committee_visit, "Question to the committee of A")
    question(world.other_visit, "Question to ministry B")

    assert "3 questions" in _page(client, world.user(role))


def test_the_list_is_closed_to_accounts_without_a_role_and_to_the_anonymous(client, world):
    question(world.visit, "Question to ministry A")

    anonymous = client.get(url())
    client.force_login(world.user("no_role"))
    without_role = client.get(url())

    assert anonymous.status_code == 302
    assert reverse("office:login") in anonymous["Location"]
    assert without_role.status_code == 403


def test_the_pages_keep_the_filters(client, world, monkeypatch):
    monkeypatch.setattr(questions_view, "PAGE_SIZE", 2)
    for day in (1, 2, 3):
        question(world.visit, f"Web question of day {day}", received_at=local(2026, 8, day, 10))
    question(world.visit, "Blog question", channel=Channel.BLOG, received_at=local(2026, 8, 4, 10))

    first = _page(client, world.user("coordinator"), {"channel": "web", "start": "2026-08-01"})
    second = _page(client, world.user("coordinator"), {"channel": "web", "start": "2026-08-01", "page": 2})

    assert "3 questions" in first
    assert "?channel=web&amp;start=2026-08-01&amp;page=2" in first
    assert "Web question of day 1" in second
    assert "Blog question" not in first + second


@pytest.mark.parametrize("role", ["coordinator", "ministry_editor"])
def test_the_list_costs_the_same_queries_for_one_or_three_questions(client, world, role, django_assert_max_num_queries):
    client.force_login(world.user(role))
    question(world.visit, "First question")
    with django_assert_max_num_queries(20) as one:
        assert "1 question" in client.get(url(), {"channel": "", "ministry": "ministry-a"}).content.decode()

    question(world.committee_visit, "Second question", channel=Channel.BLOG)
    question(world.visit, "Third question", status=Question.Status.PUBLISHED)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert "3 questions" in client.get(url(), {"channel": "", "ministry": "ministry-a"}).content.decode()
