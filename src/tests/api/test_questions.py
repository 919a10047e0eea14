"""The questions API: the published questions of a visit for anyone, without personal data; idempotent
delivery by integrations for staff who may import; the permission rows of both methods."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.meetings.models import Visit
from kezdesu.questions.models import Channel, Question, QuestionGroup
from tests.api.conftest import client_for
from tests.factories.intake import intake_topic
from tests.factories.meetings import build_visit_world
from tests.factories.organisations import DistrictFactory, MembershipFactory, UserFactory
from tests.factories.questions import question

pytestmark = pytest.mark.django_db

TEXT = "When will the road to the district hospital be repaired?"


@pytest.fixture
def world():
    return build_visit_world()


def _url(visit):
    return f"/api/v1/visits/{visit.pk}/questions/?lang=en"


def test_anyone_reads_the_published_questions_without_personal_data(world):
    published = question(
        world.visit,
        "Original with +7 701 000 00 00",
        status=Question.Status.PUBLISHED,
        published_text="Original with [removed]",
        author_name="Secret Name",
        contact="secret@example.org",
        topic=intake_topic(),
        district=world.district,
    )
    question(world.visit, "Waiting for moderation")

    body = client_for(None).get(_url(world.visit)).json()

    assert body["count"] == 1
    item = body["results"][0]
    assert item == {
        "id": published.pk,
        "channel": "web",
        "topic": {
            "code": "roads-transport",
            "name": "Roads and transport",
            "name_i18n": {"kk": "Жолдар және көлік", "ru": "Дороги и транспорт", "en": "Roads and transport"},
        },
        "region": world.visit.region.kato,
        "district": world.district.kato,
        "text": "Original with [removed]",
        "language": "",
        "received_at": item["received_at"],
        "group": None,
        "asked": 1,
    }
    assert "Secret Name" not in str(body)
    assert "secret@example.org" not in str(body)


def test_a_group_is_listed_once_with_its_size(world):
    members = [question(world.visit, f"Gas for the village {n}", status=Question.Status.PUBLISHED) for n in range(2)]
    group = QuestionGroup.objects.create(visit=world.visit, representative=members[0], size=2)
    Question.objects.filter(pk__in=[member.pk for member in members]).update(group=group)

    body = client_for(None).get(_url(world.visit)).json()

    assert [(item["id"], item["group"], item["asked"]) for item in body["results"]] == [(members[0].pk, group.pk, 2)]


def test_an_unannounced_visit_answers_404(world):
    world.visit.status = Visit.Status.DRAFT
    world.visit.save(update_fields=["status"])

    assert client_for(None).get(_url(world.visit)).status_code == 404


def test_the_list_costs_the_same_queries_for_one_or_three_questions(world):
    api = client_for(None)
    question(world.visit, "Published one", status=Question.Status.PUBLISHED, topic=intake_topic())
    with CaptureQueriesContext(connection) as one:
        api.get(_url(world.visit))
    question(world.visit, "Published two", status=Question.Status.PUBLISHED, topic=intake_topic())
    question(world.visit, "Published three", status=Question.Status.PUBLISHED, district=world.district)
    with CaptureQueriesContext(connection) as three:
        api.get(_url(world.visit))

    assert len(three) == len(one)


def test_an_integration_delivers_a_question_once(world):
    api = client_for(world.user("ministry_editor"))
    payload = {
        "channel": "eotinish",
        "external_id": "EO-2027-15",
        "text": TEXT,
        "district": world.district.kato,
        "topic": intake_topic().code,
        "contact": "+77010000000",
        "consent": True,
    }

    created = api.post(_url(world.visit), payload, format="json")
    again = api.post(_url(world.visit), payload, format="json")

    assert (created.status_code, again.status_code) == (201, 200)
    assert created.json()["id"] == again.json()["id"]
    assert created.json()["status"] == "received"
    saved = Question.objects.get()
    assert (saved.channel, saved.external_id, saved.district, saved.contact) == (
        Channel.EOTINISH,
        "EO-2027-15",
        world.district,
        "+77010000000",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "<script>alert(1)</script> the road"}, "Write the question as plain text"),
        ({"contact": "+77010000000"}, "tick the consent"),
        ({"channel": "web"}, "is not a valid choice"),
    ],
)
def test_bad_deliveries_are_refused_with_the_reason(world, changes, message):
    api = client_for(world.user("ministry_editor"))

    response = api.post(
        _url(world.visit), {"channel": "api", "external_id": "1", "text": TEXT, **changes}, format="json"
    )

    assert response.status_code == 400
    assert message in str(response.json())
    assert Question.objects.count() == 0


def test_a_district_of_another_region_is_refused(world):
    api = client_for(world.user("ministry_editor"))
    payload = {"channel": "api", "external_id": "1", "text": TEXT, "district": DistrictFactory().kato}

    response = api.post(_url(world.visit), payload, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "district_region"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 403),
        ("ministry_viewer", 403),
        ("akimat_viewer", 403),
        ("ministry_editor", 201),
        ("ministry_approver", 201),
        ("akimat_editor", 201),
        ("coordinator", 201),
        ("outsider", 404),
    ],
)
def test_who_may_deliver_questions(world, role, status):
    if role == "outsider":
        user = MembershipFactory(user=UserFactory(username="outsider"), organisation=world.roles.other_ministry).user
    else:
        user = world.user(role)

    response = client_for(user).post(
        _url(world.visit), {"channel": "api", "external_id": "1", "text": TEXT}, format="json"
    )

    assert response.status_code == status


@pytest.mark.parametrize("role", ["anonymous", "no_role", "ministry_viewer", "outsider"])
def test_anyone_may_read(world, role):
    user = (
        MembershipFactory(user=UserFactory(username="outsider"), organisation=world.roles.other_ministry).user
        if role == "outsider"
        else world.user(role)
    )

    assert client_for(user).get(_url(world.visit)).status_code == 200


def test_the_endpoint_is_documented():
    schema = client_for(None).get("/api/v1/schema/?format=json").json()

    operations = schema["paths"]["/api/v1/visits/{visit_id}/questions/"]
    assert operations["get"]["summary"] == "List a visit's published questions"
    assert operations["post"]["summary"] == "Deliver a question from an integration"
    assert set(operations["post"]["responses"]) == {"200", "201", "400", "403", "404"}
