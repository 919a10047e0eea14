"""The moderation queue, the groups, the analysis page and the briefing download of a visit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.grouping import group_questions, merge_questions
from kezdesu.questions.domain.moderation import moderation_version, publish_question
from kezdesu.questions.models import Channel, Question, QuestionGroup
from tests.factories.meetings import build_visit_world
from tests.factories.organisations import PositionFactory
from tests.factories.questions import question, topic

pytestmark = pytest.mark.django_db


def url(world, name="office:visit_moderation", **extra):
    return reverse(name, kwargs={"pk": world.visit.pk, **extra})


@pytest.fixture
def world():
    return build_visit_world()


def other_visit(world):
    return Visit.objects.create(
        organisation=world.roles.other_ministry,
        position=PositionFactory(organisation=world.roles.other_ministry),
        region=world.roles.other_akimat.region,
        start_date=world.visit.start_date,
        end_date=world.visit.end_date,
        status=Visit.Status.PUBLISHED,
    )


def signed_in(client, world, role="ministry_editor"):
    client.force_login(world.user(role))
    return client


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("ministry_editor", 200),
        ("ministry_approver", 200),
        ("akimat_editor", 200),
        ("coordinator", 200),
        ("ministry_viewer", 404),
        ("akimat_viewer", 404),
        ("no_role", 403),
    ],
)
def test_the_queue_opens_for_moderators_only(client, world, role, expected):
    assert signed_in(client, world, role).get(url(world)).status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("ministry_viewer", 200), ("akimat_viewer", 200), ("coordinator", 200), ("no_role", 403)],
)
def test_the_analysis_opens_for_everyone_who_reads_the_visit(client, world, role, expected):
    assert signed_in(client, world, role).get(url(world, "office:visit_analysis")).status_code == expected


def test_a_visit_of_another_ministry_and_region_answers_404_even_to_moderate(client, world):
    other = other_visit(world)
    asked = question(other, "Вопрос")
    signed_in(client, world)
    assert client.get(reverse("office:visit_moderation", kwargs={"pk": other.pk})).status_code == 404
    decide = reverse("office:visit_moderation_decide", kwargs={"pk": other.pk, "question_pk": asked.pk})
    assert client.post(decide, {"action": "publish"}).status_code == 404
    assert Question.objects.get(pk=asked.pk).status == "received"


def test_the_queue_shows_the_suggestions_and_filters_by_them(client, world):
    question(world.visit, "Мой ИИН 900101300123, помогите с пособием")
    question(world.visit, "Когда откроют школу?")
    page = signed_in(client, world).get(url(world), {"suggested": "personal_data"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "The text contains a 12-digit number that looks like an IIN." in body
    assert "Мой ИИН [personal data removed], помогите с пособием" in body
    assert "Когда откроют школу?" not in body
    assert "1 question matches." in body


def test_the_queue_filters_by_status_channel_and_topic(client, world):
    roads = topic("roads", "Roads")
    question(world.visit, "Road question", topic=roads, channel=Channel.EOTINISH)
    question(world.visit, "Web question")
    question(world.visit, "Hidden road question", topic=roads, channel=Channel.EOTINISH, status="hidden")
    body = (
        signed_in(client, world)
        .get(url(world), {"status": "received", "channel": "eotinish", "topic": "roads"})
        .content.decode()
    )
    assert "Road question" in body
    assert "Web question" not in body
    assert "Hidden road question" not in body


def test_a_moderator_publishes_an_edited_text(client, world):
    asked = question(world.visit, "Звоните +7 701 123 45 67, когда будет газ?")
    response = signed_in(client, world).post(
        url(world, "office:visit_moderation_decide", question_pk=asked.pk),
        {"action": "publish", "published_text": "Когда будет газ?", "version": moderation_version(asked)},
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.status, asked.published_text) == ("published", "Когда будет газ?")


def test_a_refused_decision_shows_the_message_and_keeps_what_was_typed(client, world):
    asked = question(world.visit, "Вопрос о воде")
    seen = moderation_version(asked)
    publish_question(actor=world.user("akimat_editor"), question=asked)
    response = signed_in(client, world).post(
        url(world, "office:visit_moderation_decide", question_pk=asked.pk),
        {
            "action": "hide",
            "reason": "other",
            "note": "my typed note",
            "version": seen,
            "next": url(world) + "?status=published",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Another moderator (Test User" in body
    assert "has just changed this question: it is now “published”. Look at it again." in body
    assert 'value="my typed note"' in body
    assert Question.objects.get(pk=asked.pk).status == "published"


def test_hiding_without_a_reason_is_refused_on_the_page(client, world):
    asked = question(world.visit, "Вопрос о воде")
    response = signed_in(client, world).post(
        url(world, "office:visit_moderation_decide", question_pk=asked.pk),
        {"action": "hide", "reason": "", "version": moderation_version(asked)},
    )
    assert response.status_code == 400
    assert "Choose why the question is hidden." in response.content.decode()


def test_bulk_hiding_hides_the_ticked_questions_and_reports(client, world):
    first, second, kept = question(world.visit), question(world.visit), question(world.visit)
    response = signed_in(client, world).post(
        url(world, "office:visit_moderation_bulk"),
        {"action": "hide", "reason": "spam", "question": [first.pk, second.pk]},
        follow=True,
    )
    assert "2 questions changed." in response.content.decode()
    assert sorted(Question.objects.filter(status="hidden").values_list("pk", flat=True)) == [first.pk, second.pk]
    assert Question.objects.get(pk=kept.pk).status == "received"
    assert AuditLog.objects.filter(action="questions.hide").count() == 2


def test_bulk_actions_ignore_questions_of_another_visit(client, world):
    foreign = question(other_visit(world))
    response = signed_in(client, world).post(
        url(world, "office:visit_moderation_bulk"), {"action": "publish", "question": [foreign.pk]}, follow=True
    )
    assert "Choose at least one question." in response.content.decode()
    assert Question.objects.get(pk=foreign.pk).status == "received"


def test_groups_are_made_merged_and_split_from_the_groups_page(client, world):
    water = [question(world.visit, "Когда в селе будет питьевая вода?") for _ in range(2)]
    school = [question(world.visit, "Когда построят новую школу?") for _ in range(2)]
    signed_in(client, world)
    client.post(url(world, "office:visit_groups_run"))
    assert sorted(QuestionGroup.objects.values_list("size", flat=True)) == [2, 2]
    page = client.get(url(world, "office:visit_groups")).content.decode()
    assert "2 people asked" in page
    client.post(url(world, "office:visit_groups_merge"), {"question": [water[0].pk, school[0].pk]})
    assert list(QuestionGroup.objects.values_list("size", flat=True)) == [4]
    client.post(url(world, "office:visit_question_split", question_pk=school[1].pk))
    assert sorted(QuestionGroup.objects.values_list("size", flat=True)) == [1, 3]


def test_the_analysis_page_shows_the_tables_and_the_most_asked(client, world):
    roads = topic("roads", "Roads")
    for _ in range(3):
        question(world.visit, "When will the road be repaired?", topic=roads, district=world.district)
    group_questions(visit=world.visit)
    body = signed_in(client, world).get(url(world, "office:visit_analysis")).content.decode()
    assert "When will the road be repaired? — <strong>3 people asked</strong>" in body
    for caption in ("By topic", "By district", "By channel", "By day received"):
        assert f"<caption>{caption}</caption>" in body
    assert 'style="width: 100%"' in body


def test_the_briefing_downloads_as_a_docx(client, world):
    response = signed_in(client, world, "akimat_viewer").get(url(world, "office:visit_briefing"), {"lang": "ru"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == f'attachment; filename="briefing-visit-{world.visit.pk}-2027-03-10.docx"'
    assert response.content[:2] == b"PK"


@pytest.mark.parametrize("name", ["office:visit_moderation", "office:visit_groups", "office:visit_analysis"])
def test_pages_read_the_same_number_of_queries_for_1_and_3_questions(client, world, name):
    signed_in(client, world)
    question(world.visit, "Первый вопрос о дорогах", topic=topic(), district=world.district)
    question(world.visit, "Второй вопрос", topic=topic(), district=world.district)
    merge_questions(actor=world.user("coordinator"), visit=world.visit, questions=list(Question.objects.all()))
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(world, name)).status_code == 200
    for _ in range(2):
        question(world.visit, "Первый вопрос о дорогах!", topic=topic(), district=world.district)
    lights = [question(world.visit, "Другой вопрос про свет", status="published", topic=topic("light", "Light"))]
    lights.append(question(world.visit, "Третий вопрос", district=world.district))
    merge_questions(actor=world.user("coordinator"), visit=world.visit, questions=lights)
    group_questions(visit=world.visit)
    with CaptureQueriesContext(connection) as three:
        assert client.get(url(world, name)).status_code == 200
    assert len(three.captured_queries) == len(one.captured_queries)
