"""The office pages of a visit's problem issues: list, suggestions, create, add, edit, status, split, merge,
questions raised at the other parts, and the reception's topics."""

import pytest
from django.urls import reverse

from kezdesu.followup.models import IssueQuestion, ProblemIssue
from kezdesu.questions.models import Channel, Question
from tests.factories.followup import build_followup_world, issue
from tests.factories.live import ask
from tests.factories.reception import add_booking, add_slots

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_followup_world()


def url(world, name="office:visit_issues", **extra):
    return reverse(name, kwargs={"pk": world.visit.pk, **extra})


def signed_in(client, world, role="ministry_editor"):
    client.force_login(world.user(role))
    return client


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("ministry_editor", 200),
        ("akimat_editor", 200),
        ("coordinator", 200),
        ("ministry_viewer", 200),
        ("apparatus_oversight", 200),
        ("no_role", 403),
    ],
)
def test_the_list_opens_for_readers_of_the_visit(client, world, role, expected):
    assert signed_in(client, world, role).get(url(world)).status_code == expected


def test_readers_see_the_issues_without_any_form(client, world):
    page = signed_in(client, world, "ministry_viewer").get(url(world)).content.decode()
    assert "Road to the district hospital" in page
    assert "Create a problem issue from the selected questions" not in page
    assert url(world, "office:visit_issue_selection") not in page
    assert url(world, "office:visit_issue_raised") not in page


def test_readers_cannot_post(client, world):
    school = world.live.questions[2]
    response = signed_in(client, world, "ministry_viewer").post(
        url(world, "office:visit_issue_selection"), {"question": [school.pk], "action": "create"}
    )
    assert response.status_code == 404


def test_editors_see_the_free_questions_as_suggestions(client, world):
    page = signed_in(client, world).get(url(world)).content.decode()
    assert "Will the school get a new gym?" in page
    assert "Create a problem issue from the selected questions" in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_takes_the_same_queries_for_one_or_three_issues(client, world, django_assert_num_queries, count):
    ProblemIssue.objects.filter(pk=world.gas.pk).delete()
    for number in range(2, count + 1):
        extra = issue(world.visit, number + 10, title=f"Issue {number}", competent_company="X")
        IssueQuestion.objects.create(issue=extra, question=ask(world.visit, f"Question {number}"))
    signed_in(client, world)
    client.get(url(world))  # warm the session and the caches
    with django_assert_num_queries(20):
        assert client.get(url(world)).status_code == 200


def test_selecting_questions_opens_the_create_form_prefilled(client, world):
    school = world.live.questions[2]
    response = signed_in(client, world).post(
        url(world, "office:visit_issue_selection"), {"question": [school.pk], "action": "create"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Will the school get a new gym?"' in page


def test_creating_an_issue_from_the_chosen_questions(client, world):
    school = world.live.questions[2]
    response = signed_in(client, world).post(
        url(world, "office:visit_issue_create"),
        {
            "question": [school.pk],
            "title_kk": "Спортзал",
            "title_ru": "Спортзал",
            "title_en": "Gym",
            "competent_body": world.roles.ministry.pk,
        },
    )
    created = ProblemIssue.objects.get(visit=world.visit, number=3)
    assert response.status_code == 302
    assert response["Location"] == url(world, "office:visit_issue", issue_pk=created.pk)
    assert list(created.links.values_list("question_id", flat=True)) == [school.pk]


def test_a_refused_create_keeps_what_was_typed(client, world):
    school = world.live.questions[2]
    response = signed_in(client, world).post(
        url(world, "office:visit_issue_create"),
        {"question": [school.pk], "title_kk": "Спортзал", "title_ru": "", "description_kk": "Ескі мектеп"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give the problem issue a title in Kazakh and in Russian." in page
    assert 'value="Спортзал"' in page
    assert "Ескі мектеп" in page
    assert f'value="{school.pk}" id="q{school.pk}" checked' in page


def test_adding_the_selected_to_an_issue(client, world):
    school = world.live.questions[2]
    response = signed_in(client, world).post(
        url(world, "office:visit_issue_selection"), {"question": [school.pk], "action": "add", "to_issue": world.gas.pk}
    )
    world.gas.refresh_from_db()
    assert (response.status_code, world.gas.citizens) == (302, 2)


def test_the_detail_page_shows_the_questions_behind_the_issue(client, world):
    page = signed_in(client, world).get(url(world, "office:visit_issue", issue_pk=world.road.pk)).content.decode()
    assert "When will the road to the district hospital be repaired?" in page
    assert "Split off the ticked questions" in page


def test_editing_with_a_stale_revision_is_refused_and_keeps_the_typing(client, world):
    data = {"title_kk": "Жол", "title_ru": "Дорога", "competent_body": world.roles.akimat.pk, "revision": "0"}
    ProblemIssue.objects.filter(pk=world.road.pk).update(revision=5)
    response = signed_in(client, world).post(url(world, "office:visit_issue_edit", issue_pk=world.road.pk), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "has just changed this problem issue" in page
    assert 'value="Дорога"' in page
    assert '<input type="hidden" name="revision" value="5">' in page


def test_editing_saves(client, world):
    data = {"title_kk": "Жол", "title_ru": "Дорога", "competent_body": world.roles.akimat.pk, "revision": "0"}
    response = signed_in(client, world).post(url(world, "office:visit_issue_edit", issue_pk=world.road.pk), data)
    world.road.refresh_from_db()
    assert (response.status_code, world.road.title_ru, world.road.title_en) == (302, "Дорога", "")


def test_the_status_form_refuses_not_solvable_without_a_reason_and_keeps_the_note(client, world):
    response = signed_in(client, world).post(
        url(world, "office:visit_issue_status", issue_pk=world.gas.pk),
        {"status-status": "not_solvable", "status-note_ru": "Нет сети", "revision": "0"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Explain in Kazakh and in Russian why the problem cannot be solved." in page
    assert "Нет сети" in page


def test_splitting_off_questions(client, world):
    kindergarten = world.live.questions[3]
    response = signed_in(client, world).post(
        url(world, "office:visit_issue_split", issue_pk=world.road.pk),
        {"question": [kindergarten.pk], "split-title_kk": "Балабақша", "split-title_ru": "Детский сад"},
    )
    new = ProblemIssue.objects.get(visit=world.visit, number=3)
    assert response.status_code == 302
    assert (new.title_ru, new.competent_body_id, new.citizens) == ("Детский сад", world.roles.akimat.pk, 1)


def test_merging_an_issue_into_this_one(client, world):
    response = signed_in(client, world).post(
        url(world, "office:visit_issue_merge", issue_pk=world.road.pk), {"other": [world.gas.pk]}
    )
    assert response.status_code == 302
    assert list(ProblemIssue.objects.filter(visit=world.visit).values_list("number", "citizens")) == [(1, 3)]


def test_recording_a_raised_question_and_a_refusal_keeps_the_text(client, world):
    signed_in(client, world)
    refused = client.post(url(world, "office:visit_issue_raised"), {"channel": "web", "text": "Нужен мост"})
    assert refused.status_code == 400
    assert "Нужен мост" in refused.content.decode()
    done = client.post(url(world, "office:visit_issue_raised"), {"channel": "media_briefing", "text": "Нужен мост"})
    assert done.status_code == 302
    assert Question.objects.filter(visit=world.visit, channel=Channel.MEDIA_BRIEFING, text="Нужен мост").count() == 1


def test_bringing_in_the_reception_topics(client, world):
    [slot] = add_slots(world.live.visit_world, count=1)
    add_booking(slot, topic="Жер телімі")
    response = signed_in(client, world).post(url(world, "office:visit_issue_reception_topics"))
    assert response.status_code == 302
    assert list(Question.objects.filter(channel=Channel.RECEPTION).values_list("text", flat=True)) == ["Жер телімі"]
