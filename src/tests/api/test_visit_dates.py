import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from kezdesu.meetings.domain.date_vote import cast_vote, close_date_vote, open_date_vote
from kezdesu.meetings.models import DateOption, DateVote, Visit
from kezdesu.organisations.models import Role
from tests.factories.date_vote import build_scheduled_visit, offer_options
from tests.factories.meetings import at, build_visit_world
from tests.factories.organisations import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CLOSES = at(18, day=datetime.date(2027, 3, 1))


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    world = build_visit_world()
    world.options = offer_options(world.visit)
    open_date_vote(actor=world.user("ministry_editor"), visit=world.visit, closes_at=CLOSES)
    return world


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def options_url(visit):
    return reverse("api:visit-date-options", args=[visit.pk])


def vote_url(visit):
    return reverse("api:visit-date-vote", args=[visit.pk])


def test_anyone_reads_the_options_without_counts_before_voting(world):
    response = api().get(options_url(world.visit))

    body = response.json()
    assert response.status_code == 200
    assert (body["state"], body["results_visible"], body["total"], body["districts"]) == ("open", False, None, None)
    assert [(o["starts_at"], o["votes"]) for o in body["options"]] == [
        ("2027-03-10T10:00:00+05:00", None),
        ("2027-03-11T10:00:00+05:00", None),
        ("2027-03-12T10:00:00+05:00", None),
    ]


def test_a_vote_sets_the_voter_cookie_and_the_voter_then_sees_the_counts(world):
    client = api()
    first = world.options[0]

    response = client.post(vote_url(world.visit), {"option": first.pk, "district": world.district.pk}, format="json")
    again = client.get(options_url(world.visit)).json()

    assert response.status_code == 200
    assert response.json() == {"option": first.pk, "district": world.district.pk}
    assert f"kezdesu_vote_{world.visit.pk}" in response.cookies
    assert (again["results_visible"], again["total"], again["my_vote"]) == (
        True,
        1,
        {"option": first.pk, "district": world.district.pk},
    )
    assert again["districts"] == [
        {"district": {"id": world.district.pk, "name": world.district.name}, "votes": 1, "by_option": [1, 0, 0]}
    ]


def test_a_client_sending_its_cookie_back_changes_its_vote(world):
    client = api()
    client.post(vote_url(world.visit), {"option": world.options[0].pk}, format="json")

    client.post(vote_url(world.visit), {"option": world.options[2].pk}, format="json")

    assert list(DateVote.objects.values_list("option", flat=True)) == [world.options[2].pk]


def test_a_client_without_the_cookie_counts_as_another_voter_up_to_the_network_limit(world, settings):
    settings.KEZDESU_DATE_VOTES_PER_NETWORK = 2
    answers = [api().post(vote_url(world.visit), {"option": world.options[0].pk}, format="json") for _voter in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 400]
    assert answers[2].json()["code"] == "network_limit"
    assert DateVote.objects.count() == 2


def test_too_many_attempts_answer_429(world, settings):
    settings.KEZDESU_DATE_VOTE_ATTEMPTS_PER_MINUTE = 1
    client = api()
    client.post(vote_url(world.visit), {"option": world.options[0].pk}, format="json")

    response = client.post(vote_url(world.visit), {"option": world.options[1].pk}, format="json")

    assert (response.status_code, response.json()["code"]) == (429, "rate_limited")


def test_a_form_encoded_vote_is_refused_so_no_other_site_can_post_one(world):
    response = api().post(vote_url(world.visit), {"option": world.options[0].pk})

    assert response.status_code == 415
    assert not DateVote.objects.exists()


def test_an_option_of_another_visit_is_refused(world):
    other = Visit.objects.create(
        organisation=world.visit.organisation,
        position=world.minister,
        region=world.visit.region,
        start_date=world.visit.start_date,
        end_date=world.visit.end_date,
    )
    [foreign] = offer_options(other, (datetime.date(2027, 3, 11),))

    response = api().post(vote_url(world.visit), {"option": foreign.pk}, format="json")

    assert (response.status_code, response.json()["code"]) == (400, "option")


def test_after_closing_everyone_sees_the_counts(world):
    cast_vote(visit=world.visit, option=world.options[1], voter_key="k", network_key="n")
    close_date_vote(actor=world.user("ministry_editor"), visit=world.visit)

    body = api().get(options_url(world.visit)).json()

    assert (body["state"], body["total"]) == ("closed", 1)
    assert [o["votes"] for o in body["options"]] == [0, 1, 0]


def test_a_draft_visits_options_exist_only_for_its_staff(world):
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.DRAFT)

    assert api().get(options_url(world.visit)).status_code == 404
    assert api(world.user("ministry_viewer")).get(options_url(world.visit)).status_code == 200
    assert api(world.user("ministry_editor")).get(options_url(world.visit)).json()["total"] == 0


def test_staff_offer_a_date_and_the_approver_fixes_it():
    scheduled = build_scheduled_visit()
    editor, approver = api(scheduled.user("ministry_editor")), api(scheduled.user("ministry_approver"))

    added = editor.post(
        options_url(scheduled.visit),
        {"starts_at": "2027-03-11T15:00:00", "ends_at": "2027-03-11T17:00:00"},
        format="json",
    )
    option = DateOption.objects.get(pk=added.json()["id"])
    fixed = approver.post(reverse("api:visit-date-fix", args=[scheduled.visit.pk, option.pk]))

    assert added.status_code == 201
    assert option.starts_at == at(15, day=datetime.date(2027, 3, 11))
    assert fixed.status_code == 200
    assert fixed.json() == {
        "option": option.pk,
        "start_date": "2027-03-11",
        "end_date": "2027-03-11",
        # The akimat is asked to agree the new date, then the amendment goes to the Government for its act.
        "schedule": "pending",
        "version": None,
    }


# The permission matrix of the staff writes: out of scope 404, in scope without the permission 403.
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 403),
        ("no_role", 403),
        ("ministry_viewer", 403),
        ("akimat_editor", 403),
        ("coordinator", 403),
        ("ministry_editor", 201),
        ("ministry_approver", 201),
    ],
)
def test_who_may_offer_a_date(world, role, status):
    body = {"starts_at": "2027-03-16T10:00:00+05:00", "ends_at": "2027-03-16T12:00:00+05:00"}

    response = api(world.user(role)).post(options_url(world.visit), body, format="json")

    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 403), ("ministry_editor", 403), ("akimat_approver", 403), ("ministry_approver", 200)],
)
def test_who_may_fix_the_date(world, role, status):
    url = reverse("api:visit-date-fix", args=[world.visit.pk, world.options[0].pk])

    assert api(world.user(role)).post(url).status_code == status


def test_a_ministry_outside_the_visit_finds_no_visit_to_change(world):
    outsider = MembershipFactory(
        user=UserFactory(username="outsider"), organisation=world.roles.other_ministry, role=Role.EDITOR
    ).user

    response = api(outsider).post(
        reverse("api:visit-date-vote-close", args=[world.visit.pk]),
    )

    assert response.status_code == 404


def test_the_openapi_schema_documents_the_endpoints(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    paths = schema["paths"]
    assert paths["/api/v1/visits/{id}/date-options/"]["get"]["summary"] == "Show the dates offered for a visit"
    assert paths["/api/v1/visits/{id}/date-vote/"]["post"]["summary"] == "Vote on a visit's date"
    assert paths["/api/v1/visits/{id}/date-options/{option_id}/fix/"]["post"]["summary"] == "Fix the date of a visit"
