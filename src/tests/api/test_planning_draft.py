import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kezdesu.planning.domain.draft import add_item
from kezdesu.planning.models import ItemAgreement
from tests.api.conftest import client_for
from tests.factories.planning import build_schedule_world

pytestmark = pytest.mark.django_db

FEB_10 = datetime.date(2027, 2, 10)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    return build_schedule_world()


def _add(world, day=FEB_10):
    return add_item(
        actor=world.user("coordinator"),
        version=world.version,
        organisation=world.roles.ministry,
        position=world.minister,
        region=world.roles.akimat.region,
        start_date=day,
        end_date=day,
        topics_en="Roads",
    )


def test_the_draft_shows_items_with_their_agreements_and_the_warnings(world):
    item = _add(world)

    response = client_for(world.user("ministry_viewer")).get(f"/api/v1/draft/{world.period.pk}/?lang=en")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "working"
    assert [row["uid"] for row in body["items"]] == [str(item.uid)]
    assert [(row["organisation"], row["decision"]) for row in body["items"][0]["agreements"]] == [
        ("ministry-a", "pending"),
        ("akimat-x", "pending"),
    ]
    assert "agreement_pending" in {warning["code"] for warning in body["warnings"]}
    assert set(body["warnings"][0]) == {"code", "key", "message", "severity", "acknowledged"}


def test_the_coordinator_adds_an_item_and_the_ministry_agrees(world):
    added = client_for(world.user("coordinator")).post(
        f"/api/v1/draft/{world.period.pk}/items/",
        {
            "organisation": "ministry-a",
            "position": world.minister.pk,
            "region": world.roles.akimat.region.kato,
            "start_date": "2027-02-10",
            "end_date": "2027-02-10",
            "topics_en": "Roads",
        },
        format="json",
    )
    agreement = ItemAgreement.objects.get(item_id=added.json()["id"], organisation=world.roles.ministry)
    decided = client_for(world.user("ministry_editor")).post(
        f"/api/v1/agreements/{agreement.pk}/decide/", {"decision": "commented", "comment": "Not on Monday"}
    )

    assert added.status_code == 201
    assert decided.status_code == 200
    assert (decided.json()["decision"], decided.json()["comment"]) == ("commented", "Not on Monday")


def test_disagreeing_without_reasons_answers_400_with_the_reason(world):
    item = _add(world)
    agreement = item.agreements.get(organisation=world.roles.ministry)

    response = client_for(world.user("ministry_editor")).post(
        f"/api/v1/agreements/{agreement.pk}/decide/?lang=en", {"decision": "disagreed"}
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Write the comments or the reasons for disagreeing.", "code": "comment"}


def test_an_item_outside_the_period_answers_400(world):
    response = client_for(world.user("coordinator")).post(
        f"/api/v1/draft/{world.period.pk}/items/",
        {
            "organisation": "ministry-a",
            "position": world.minister.pk,
            "region": world.roles.akimat.region.kato,
            "start_date": "2027-08-10",
            "end_date": "2027-08-10",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "outside_period"


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.json()["items"]), len(queries)


def test_the_draft_does_not_grow_a_query_per_item(world):
    client = client_for(world.user("coordinator"))
    url = f"/api/v1/draft/{world.period.pk}/"
    _add(world)
    one = _queries(client, url)
    _add(world, datetime.date(2027, 3, 10))
    _add(world, datetime.date(2027, 4, 14))

    assert _queries(client, url) == (3, one[1])
