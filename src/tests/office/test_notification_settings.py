"""The notifications page's own setting: one e-mail a day, chosen with a plain form (no JavaScript)."""

import pytest
from django.urls import reverse

from kezdesu.core.models import AuditLog
from kezdesu.organisations.models import Role
from tests.factories.organisations import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer():
    return MembershipFactory(role=Role.VIEWER).user


def test_the_page_shows_the_choice_unticked_by_default(client, viewer):
    client.force_login(viewer)

    response = client.get(reverse("office:notifications"))

    assert response.context["settings_form"]["email_digest"].value() is False
    assert f'action="{reverse("office:notification_settings")}"' in response.text
    assert '<input type="checkbox" name="email_digest" aria-describedby="id_email_digest_helptext"' in response.text
    assert "Kezdesu has no e-mail address for you" not in response.text


def test_ticking_it_saves_the_choice_and_says_so_at_the_top_of_the_page(client, viewer):
    client.force_login(viewer)

    response = client.post(reverse("office:notification_settings"), {"email_digest": "on"}, follow=True)

    assert response.redirect_chain == [(reverse("office:notifications"), 302)]
    viewer.refresh_from_db()
    assert viewer.email_digest is True
    assert [str(message) for message in response.context["messages"]] == [
        "Saved: your notifications come in one e-mail a day, each morning."
    ]
    main = response.text[response.text.index('<main id="main"') :]
    assert main.index("Saved: your notifications come") < main.index("<h1>")
    assert 'name="email_digest" aria-describedby="id_email_digest_helptext" id="id_email_digest" checked' in (
        response.text
    )
    assert AuditLog.objects.get(action="organisations.user.email_digest").new_values == {"email_digest": True}


def test_unticking_it_goes_back_to_one_email_per_notification(client):
    user = MembershipFactory(role=Role.VIEWER, user=UserFactory(email_digest=True)).user
    client.force_login(user)

    response = client.post(reverse("office:notification_settings"), {}, follow=True)

    user.refresh_from_db()
    assert user.email_digest is False
    assert [str(message) for message in response.context["messages"]] == [
        "Saved: each notification is e-mailed to you as it comes."
    ]


def test_an_account_without_an_address_is_told_its_notifications_stay_here(client):
    user = MembershipFactory(role=Role.VIEWER, user=UserFactory(email="")).user
    client.force_login(user)

    response = client.get(reverse("office:notifications"))

    assert "Kezdesu has no e-mail address for you: your notifications are only here." in response.text


def test_only_signed_in_staff_change_it_and_only_by_post(client, viewer):
    url = reverse("office:notification_settings")
    assert client.post(url, {"email_digest": "on"}).status_code == 302  # to the sign-in page
    client.force_login(UserFactory())  # no role
    assert client.post(url, {"email_digest": "on"}).status_code == 403
    client.force_login(viewer)
    assert client.get(url).status_code == 405
    assert AuditLog.objects.count() == 0
