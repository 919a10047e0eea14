"""me/: the signed-in user reads and changes their own choice of one e-mail a day."""

import pytest

from kezdesu.core.models import AuditLog
from tests.api.conftest import client_for
from tests.factories.organisations import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    # Any signed-in account has notifications and this choice; one without a role keeps the test to it.
    return UserFactory(username="reader")


def test_me_shows_the_digest_choice(reader):
    assert client_for(reader).get("/api/v1/me/").json()["email_digest"] is False


def test_i_choose_one_email_a_day_and_back(reader):
    client = client_for(reader)

    response = client.patch("/api/v1/me/", {"email_digest": True}, format="json")

    assert response.status_code == 200
    assert (response.json()["username"], response.json()["email_digest"]) == ("reader", True)
    reader.refresh_from_db()
    assert reader.email_digest is True
    assert client.patch("/api/v1/me/", {"email_digest": False}, format="json").json()["email_digest"] is False
    assert [row.new_values for row in AuditLog.objects.filter(actor=reader).order_by("pk")] == [
        {"email_digest": True},
        {"email_digest": False},
    ]


def test_a_bad_value_is_refused_and_an_empty_patch_changes_nothing(reader):
    client = client_for(reader)

    bad = client.patch("/api/v1/me/", {"email_digest": "sometimes"}, format="json")
    empty = client.patch("/api/v1/me/", {}, format="json")

    assert (bad.status_code, list(bad.json())) == (400, ["email_digest"])
    assert (empty.status_code, empty.json()["email_digest"]) == (200, False)
    assert AuditLog.objects.count() == 0


def test_only_my_own_account_changes(reader):
    other = UserFactory(username="other")

    client_for(reader).patch("/api/v1/me/", {"email_digest": True}, format="json")

    other.refresh_from_db()
    assert other.email_digest is False
    assert client_for(None).patch("/api/v1/me/", {"email_digest": True}, format="json").status_code == 403
