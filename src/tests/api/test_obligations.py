"""The obligations list (filters, JSON shape) and recording what met an obligation."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from kezdesu.core.models import AuditLog
from kezdesu.regulations.models import Fulfilment
from tests.api.conftest import OBLIGATION_KEY, client_for

pytestmark = pytest.mark.django_db

FIRST_QUARTER = "/api/v1/obligations/?from=2026-04-01&to=2026-04-30&lang=en"


def test_the_list_is_public_and_shaped_for_consumers(anonymous_client, users, profile):
    response = anonymous_client.get(FIRST_QUARTER + "&organisation=ministry-a")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0] == {
        "key": OBLIGATION_KEY,
        "requirement": "R22",
        "source": "G1.4",
        "title": "Quarterly information",
        "title_i18n": {"kk": "Тоқсандық ақпарат", "ru": "Ежеквартальная информация", "en": "Quarterly information"},
        "debtor": {"code": "ministry-a", "name": "Ministry A", "name_en": "Ministry A"},
        "recipient": {
            "code": "mci",
            "name": "Ministry of Culture and Information",
            "name_en": "Ministry of Culture and Information",
        },
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "nominal_due": "2026-04-05",
        "due": "2026-04-06",
        "moved": True,
        "state": "overdue",
        "profile": "TEST",
        "met_on": None,
        "basis": "",
        "evidence": [],
        "fulfilment": None,
    }


def test_every_ministry_owes_its_information_sorted_by_debtor(anonymous_client, users, profile):
    body = anonymous_client.get(FIRST_QUARTER).json()

    # The authorized body is a ministry too, and owes its own information.
    assert [row["debtor"]["code"] for row in body["results"]] == ["ministry-a", "ministry-b", "mci"]


def test_the_list_filters_by_requirement_and_state(anonymous_client, users, profile):
    Fulfilment.objects.create(
        obligation_key=OBLIGATION_KEY,
        organisation=users["viewer"].memberships.get().organisation,
        met_on="2026-04-02",
        reference="No. 1",
    )

    met = anonymous_client.get(FIRST_QUARTER + "&state=met").json()
    overdue = anonymous_client.get(FIRST_QUARTER + "&state=overdue").json()
    other_requirement = anonymous_client.get(FIRST_QUARTER + "&requirement=R11").json()

    assert [row["key"] for row in met["results"]] == [OBLIGATION_KEY]
    assert (met["results"][0]["basis"], met["results"][0]["met_on"]) == ("by_hand", "2026-04-02")
    assert met["results"][0]["fulfilment"] == {
        "met_on": "2026-04-02",
        "reference": "No. 1",
        "region": None,
        "official": None,
    }
    assert [row["debtor"]["code"] for row in overdue["results"]] == ["ministry-b", "mci"]
    assert other_requirement["count"] == 0


def test_the_range_defaults_to_the_current_year(anonymous_client, users, profile):
    body = anonymous_client.get("/api/v1/obligations/?organisation=ministry-a").json()

    # Q4 2025 is due in January 2026; Q4 2026 in January 2027, outside the year.
    assert [row["period_start"] for row in body["results"]] == ["2025-10-01", "2026-01-01", "2026-04-01", "2026-07-01"]


def test_a_profile_governs_the_whole_range_when_named(anonymous_client, users, profile):
    body = anonymous_client.get("/api/v1/obligations/?from=2019-04-01&to=2019-04-30&profile=TEST").json()

    assert body["count"] == 3  # before the profile came into force, but asked for by name
    assert anonymous_client.get("/api/v1/obligations/?from=2019-04-01&to=2019-04-30").json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=2026-13-01", "from", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."),
        ("from=2026-05-01&to=2026-04-01", "to", "The end of the range comes before its start."),
        ("from=2020-01-01&to=2026-01-01", "to", "Ask for at most five years at a time."),
        ("profile=REG-1999", "profile", 'There is no regulation profile with the code "REG-1999".'),
        ("organisation=nowhere", "organisation", 'There is no organisation with the code "nowhere".'),
        ("state=late", "state", '"late" is not a valid choice.'),
    ],
)
def test_bad_filters_answer_400_with_a_clear_message(anonymous_client, query, field, message):
    response = anonymous_client.get(f"/api/v1/obligations/?{query}&lang=en")

    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_the_message_follows_the_requested_language(anonymous_client):
    with translation.override("ru"):
        expected = gettext('There is no organisation with the code "%(code)s".') % {"code": "nowhere"}

    russian = anonymous_client.get("/api/v1/obligations/?organisation=nowhere", HTTP_ACCEPT_LANGUAGE="ru")

    assert russian.json() == {"organisation": [expected]}
    assert russian["Content-Language"] == "ru"


def test_an_approver_records_what_met_their_ministrys_obligation(users, profile):
    client = client_for(users["approver"])

    response = client.post(
        f"/api/v1/obligations/{OBLIGATION_KEY}/fulfilment/?lang=en",
        {"met_on": "2026-04-03", "reference": " No. 01-12/345 "},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "met"
    assert body["fulfilment"] == {
        "met_on": "2026-04-03",
        "reference": "No. 01-12/345",
        "region": None,
        "official": None,
    }
    assert body["basis"] == "by_hand"
    fulfilment = Fulfilment.objects.get(obligation_key=OBLIGATION_KEY)
    assert fulfilment.recorded_by == users["approver"]
    assert AuditLog.objects.get(action="regulations.fulfilment.record").actor == users["approver"]


def test_recording_twice_is_refused_with_the_domains_message(users, profile):
    client = client_for(users["coordinator"])
    url = f"/api/v1/obligations/{OBLIGATION_KEY}/fulfilment/?lang=en"
    client.post(url, {"met_on": "2026-04-03", "reference": "No. 1"}, format="json")

    response = client.post(url, {"met_on": "2026-04-03", "reference": "No. 2"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"detail": "This obligation is already recorded as met.", "code": "already_met"}


def test_a_date_in_the_future_is_refused(users, profile):
    response = client_for(users["approver"]).post(
        f"/api/v1/obligations/{OBLIGATION_KEY}/fulfilment/?lang=en",
        {"met_on": "2999-01-01", "reference": "No. 1"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "The date it was met cannot be in the future.", "code": "future"}


def test_a_missing_reference_is_a_validation_error(users, profile):
    response = client_for(users["approver"]).post(
        f"/api/v1/obligations/{OBLIGATION_KEY}/fulfilment/?lang=en", {"met_on": "2026-04-03"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"reference": ["This field is required."]}
    assert not Fulfilment.objects.exists()


def test_the_approver_of_another_ministry_may_not_record_it(users, profile):
    response = client_for(users["other_approver"]).post(
        f"/api/v1/obligations/{OBLIGATION_KEY}/fulfilment/",
        {"met_on": "2026-04-03", "reference": "No. 1"},
        format="json",
    )

    assert response.status_code == 403
    assert not Fulfilment.objects.exists()


def test_an_unknown_obligation_answers_404(anonymous_client, users, profile):
    assert (
        anonymous_client.get("/api/v1/obligations/TEST:quarterly-information:ministry-a:2026-02-01/").status_code == 404
    )
    assert anonymous_client.get("/api/v1/obligations/nonsense/").status_code == 404
