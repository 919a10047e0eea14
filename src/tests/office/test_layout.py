"""The shared layout: landmarks, the language switcher, the navigation by role."""

import pytest

from kezdesu.organisations.models import Role
from tests.factories.organisations import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_language_switcher_keeps_the_page(client):
    client.force_login(MembershipFactory(role=Role.VIEWER).user)

    response = client.get("/ru/office/obligations/?state=open")

    for language in ("kk", "ru", "en"):
        assert f'name="next" value="/{language}/office/obligations/?state=open"' in response.text


def test_switching_the_language_lands_on_the_same_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})

    assert (response.status_code, response["Location"]) == (302, "/en/")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_public_home_has_landmarks_and_a_skip_link(client, language):
    response = client.get(f"/{language}/")

    assert f'<html lang="{language}">' in response.text
    for landmark in ('<header class="site-header">', '<main id="main"', "<footer", 'href="#main"'):
        assert landmark in response.text


def test_a_visitor_sees_no_staff_navigation(client):
    response = client.get("/en/")

    assert "/office/obligations/" not in response.text
    assert "Sign out" not in response.text


def test_a_ministry_viewer_sees_no_audit_link_but_a_coordinator_does(client):
    client.force_login(MembershipFactory(role=Role.VIEWER).user)
    viewer_page = client.get("/en/office/")
    client.force_login(
        MembershipFactory(organisation=OrganisationFactory(is_authorized_body=True), role=Role.COORDINATOR).user
    )
    coordinator_page = client.get("/en/office/")

    assert ('href="/en/office/audit/"' in viewer_page.text, 'href="/en/office/audit/"' in coordinator_page.text) == (
        False,
        True,
    )


def test_only_a_superuser_sees_the_admin_link(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get("/en/office/")

    assert 'href="/en/admin/"' in response.text
