"""The public pages of following by e-mail: the choice, the subscribe form (errors at its top, the "check your
inbox" where the page lands, the same words whether or not the address was subscribed), confirming by a button,
unsubscribing by a button; and the follow links on the visit, schedule and accountability pages."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from kezdesu.subscriptions.models import Subscription
from tests.factories.subscriptions import subscription

pytestmark = pytest.mark.django_db


def _follow_url(query: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse("portal:follow") + query


def test_the_choice_lists_regions_and_ministries_with_their_feeds(client, world):
    page = client.get(_follow_url(""))
    assert page.status_code == 200
    region = world.visit.region
    assert f'href="/en/follow/?region={region.kato}"'.encode() in page.content
    assert f'href="/en/feeds/region/{region.kato}.rss"'.encode() in page.content
    assert f'href="/en/feeds/ministry/{world.visit.organisation.code}.atom"'.encode() in page.content


@pytest.mark.parametrize("kind", ["region", "ministry", "visit"])
def test_the_subscribe_page_names_what_is_followed_and_offers_its_feeds(client, world, kind):
    key = {"region": world.visit.region.kato, "ministry": world.visit.organisation.code, "visit": world.visit.pk}[kind]
    page = client.get(_follow_url(f"?{kind}={key}"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="email"' in html
    assert 'name="consent"' in html
    assert f'href="/en/feeds/{kind}/{key}.rss"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert client.get(_follow_url(f"?{kind}=999999999")).status_code == 404


def test_a_draft_visit_cannot_be_followed(client, world):
    world.visit.status = "draft"
    world.visit.save(update_fields=["status"])
    assert client.get(_follow_url(f"?visit={world.visit.pk}")).status_code == 404


def _confirmation(html: str) -> str:
    return re.search(r'<div class="confirmation[^"]*" id="follow-result".*?</div>', html, re.S).group(0)


def test_subscribing_lands_on_check_your_inbox_and_says_nothing_of_the_address(
    client, world, django_capture_on_commit_callbacks
):
    url = _follow_url(f"?region={world.visit.region.kato}", "ru")
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"email": "Someone@Example.kz", "consent": "on"})
    assert answer.status_code == 302
    assert answer["Location"] == url + "#follow-result"
    first = _confirmation(client.get(answer["Location"]).content.decode())
    assert 'class="confirmation confirmation--success" id="follow-result" role="status"' in first
    row = Subscription.objects.get()
    assert (row.email, row.language) == ("someone@example.kz", "ru")
    assert len(mail.outbox) == 1
    assert "/ru/follow/confirm/" in mail.outbox[0].body

    row.confirmed_at = row.created_at
    row.save(update_fields=["confirmed_at"])
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, {"email": "someone@example.kz", "consent": "on"})
    assert again["Location"] == answer["Location"]
    assert _confirmation(client.get(again["Location"]).content.decode()) == first
    assert len(mail.outbox) == 2
    assert "/follow/confirm/" not in mail.outbox[1].body


def test_errors_are_summed_up_at_the_top_of_the_form_linking_to_each_field(client, world):
    answer = client.post(_follow_url(f"?ministry={world.visit.organisation.code}"), {"email": "not-an-address"})
    assert answer.status_code == 400
    html = answer.content.decode()
    summary = html[html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))]
    assert 'href="#id_email"' in summary
    assert 'href="#id_consent"' in summary
    assert Subscription.objects.count() == 0
    assert mail.outbox == []


def test_confirming_is_a_button_so_that_mail_scanners_confirm_nothing(client, world):
    row = subscription("a@example.kz", confirmed=False, visit=world.visit)
    url = reverse("portal:follow_confirm", kwargs={"token": row.token})
    page = client.get(url)
    assert page.status_code == 200
    assert b'type="submit"' in page.content
    row.refresh_from_db()
    assert row.confirmed_at is None
    answer = client.post(url)
    assert answer["Location"] == url + "#follow-result"
    row.refresh_from_db()
    assert row.confirmed_at is not None
    assert b"confirmation--success" in client.get(answer["Location"]).content
    assert client.get(reverse("portal:follow_confirm", kwargs={"token": "nope"})).status_code == 404


def test_unsubscribing_by_the_page_button_erases_the_address(client, world):
    row = subscription("a@example.kz", region=world.visit.region)
    url = reverse("portal:follow_stop", kwargs={"token": row.token})
    assert client.get(url).status_code == 200
    answer = client.post(url)
    assert answer["Location"] == url + "#follow-result"
    row.refresh_from_db()
    assert row.email == ""
    assert row.unsubscribed_at is not None
    page = client.get(answer["Location"]).content.decode()
    assert "confirmation--success" in page
    assert f"/en/follow/?region={world.visit.region.kato}" in page


def test_the_visit_schedule_and_accountability_pages_link_to_following(client, world):
    visit_page = client.get(reverse("portal:visit_detail", kwargs={"pk": world.visit.pk})).content.decode()
    assert f'href="/en/follow/?visit={world.visit.pk}"' in visit_page
    assert f'href="/en/follow/?region={world.visit.region.kato}"' in visit_page
    assert '<link rel="alternate" type="application/rss+xml" title="Meeting' in visit_page
    assert f'href="/en/feeds/visit/{world.visit.pk}.rss"' in visit_page

    kato = world.visit.region.kato
    schedule = client.get(reverse("portal:schedule") + f"?region={kato}").content.decode()
    assert f'href="/en/follow/?region={kato}"' in schedule
    assert '<link rel="alternate" type="application/rss+xml"' in schedule
    plain = client.get(reverse("portal:schedule")).content.decode()
    assert 'href="/en/follow/"' in plain
    assert "application/rss+xml" not in plain.split("</head>")[0]

    accountability = client.get(reverse("portal:accountability")).content.decode()
    assert 'href="/en/follow/"' in accountability
