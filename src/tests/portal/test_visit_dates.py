import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from kezdesu.meetings.domain.date_vote import fix_visit_date, open_date_vote
from kezdesu.meetings.models import DateVote, Visit
from tests.factories.date_vote import offer_options
from tests.factories.meetings import at, build_visit_world

pytestmark = pytest.mark.django_db

CLOSES = at(18, day=datetime.date(2027, 3, 1))


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    world = build_visit_world()
    world.options = offer_options(world.visit)
    open_date_vote(actor=world.user("ministry_editor"), visit=world.visit, closes_at=CLOSES)
    return world


def page(client, visit):
    return client.get(reverse("portal:visit_detail", args=[visit.pk]))


def vote_url(visit):
    return reverse("portal:visit_vote", args=[visit.pk])


def test_the_meeting_page_offers_the_dates_in_almaty_time_with_the_honest_note(client, world):
    response = page(client, world.visit)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="date-vote"' in html
    assert "Wednesday, 10.03.2027, 10:00–12:00" in html
    assert html.count('type="radio" name="option"') == 3
    assert f'<option value="{world.district.pk}"' in html
    assert "This stops casual repeat voting. It does not stop a determined person" in html
    assert "Results:" not in html  # not before voting


def test_a_resident_votes_gets_a_cookie_and_then_sees_the_results(client, world):
    first = world.options[0]

    response = client.post(vote_url(world.visit), {"option": first.pk, "district": world.district.pk})

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:visit_detail", args=[world.visit.pk]) + "#date-vote-result"
    assert f"kezdesu_vote_{world.visit.pk}" in response.cookies
    vote = DateVote.objects.get()
    assert (vote.option, vote.district) == (first, world.district)
    assert len(vote.voter_key) == 64
    assert "127.0.0.1" not in vote.network_key
    html = client.get(response["Location"]).content.decode()
    assert "Thank you: your vote is counted." in html
    assert "Results: 1 vote" in html
    assert "Change my vote" in html


def test_voting_again_from_the_same_browser_replaces_the_vote(client, world):
    first, second, _third = world.options
    client.post(vote_url(world.visit), {"option": first.pk})

    client.post(vote_url(world.visit), {"option": second.pk})

    assert list(DateVote.objects.values_list("option", flat=True)) == [second.pk]


def test_a_new_browser_on_the_same_network_counts_until_the_network_limit(client, world, settings):
    settings.KEZDESU_DATE_VOTES_PER_NETWORK = 1
    first = world.options[0]
    client.post(vote_url(world.visit), {"option": first.pk})
    client.cookies.clear()

    response = client.post(vote_url(world.visit), {"option": first.pk}, follow=True)

    assert DateVote.objects.count() == 1
    assert "Too many votes have come from your network for this meeting." in response.content.decode()


def test_the_address_behind_a_proxy_counts_only_when_the_setting_says_so(client, world, settings):
    settings.KEZDESU_DATE_VOTES_PER_NETWORK = 1
    first = world.options[0]
    client.post(vote_url(world.visit), {"option": first.pk}, HTTP_X_FORWARDED_FOR="10.0.0.1")
    client.cookies.clear()
    ignored = client.post(vote_url(world.visit), {"option": first.pk}, HTTP_X_FORWARDED_FOR="10.0.0.2", follow=True)
    settings.KEZDESU_BEHIND_PROXY = True
    client.cookies.clear()
    client.post(vote_url(world.visit), {"option": first.pk}, HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.2")

    assert "Too many votes have come from your network" in ignored.content.decode()
    assert DateVote.objects.count() == 2


def test_too_many_attempts_from_one_address_are_refused(client, world, settings):
    settings.KEZDESU_DATE_VOTE_ATTEMPTS_PER_MINUTE = 2
    first = world.options[0]
    for _attempt in range(2):
        client.post(vote_url(world.visit), {"option": first.pk})

    response = client.post(vote_url(world.visit), {"option": world.options[1].pk}, follow=True)

    assert "Too many attempts from your connection." in response.content.decode()
    assert list(DateVote.objects.values_list("option", flat=True)) == [first.pk]


def test_a_vote_without_a_date_is_refused_on_its_error_summary_and_keeps_the_district(client, world):
    response = client.post(vote_url(world.visit), {"district": world.district.pk})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary" id="date-vote-result" role="alert" tabindex="-1"' in html
    assert '<a href="#date-vote-option_0">Choose a date and time.</a>' in html
    assert 'id="date-vote-option_0"' in html
    assert f'action="{vote_url(world.visit)}#date-vote-result"' in html
    assert f'<option value="{world.district.pk}" selected>' in html
    assert not DateVote.objects.exists()


def test_errors_read_in_the_visitors_language(client, world):
    with translation.override("ru"):
        response = client.post(reverse("portal:visit_vote", args=[world.visit.pk]), {}, follow=True)

    assert response.status_code == 400
    assert response.request["PATH_INFO"].startswith("/ru/")


def test_a_draft_visit_takes_no_votes(client, world):
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.DRAFT)

    response = client.post(vote_url(world.visit), {"option": world.options[0].pk})

    assert response.status_code == 404


def test_once_fixed_the_page_shows_the_date_chosen_and_the_results(client, world):
    client.post(vote_url(world.visit), {"option": world.options[1].pk})
    fix_visit_date(actor=world.user("ministry_approver"), visit=world.visit, option=world.options[1])
    client.cookies.clear()

    html = page(client, world.visit).content.decode()

    assert "The date chosen" in html
    assert "Thursday, 11.03.2027, 10:00–12:00" in html
    assert "Results: 1 vote" in html
    assert 'name="option"' not in html


def test_without_an_open_vote_the_panel_is_not_shown(client):
    world = build_visit_world()
    offer_options(world.visit)

    assert 'id="date-vote"' not in page(client, world.visit).content.decode()
