"""The browsable API renders every readable endpoint as HTML too (it builds forms and filters)."""

import pytest

from tests.api.conftest import OBLIGATION_KEY, client_for

pytestmark = pytest.mark.django_db

PAGES = [
    "",
    "regions/",
    "regions/910000000/",
    "districts/",
    "organisations/",
    "organisations/ministry-a/",
    "positions/",
    "profiles/",
    "profiles/TEST/",
    "calendar/2026/",
    "calendar-exceptions/",
    "obligations/",
    f"obligations/{OBLIGATION_KEY}/",
    "audit/",
    "notifications/",
    "me/",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_as_html_for_an_administrator(users, region, profile, page):
    response = client_for(users["superuser"]).get(f"/api/v1/{page}", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
