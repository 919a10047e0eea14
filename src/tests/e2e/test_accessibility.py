"""The public pages pass axe-core's WCAG 2.1 AA checks with no serious or critical violation (issue 4)."""

import pytest
from django.core.management import call_command

from tests.e2e.accessibility import serious_violations

PUBLIC_PAGES = ("/{language}/", "/{language}/schedule/", "/{language}/about/data/")


@pytest.fixture
def reference_data(transactional_db):
    call_command("load_reference", verbosity=0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violation(live_server, page, reference_data, language, path):
    page.goto(live_server.url + path.format(language=language))

    assert serious_violations(page) == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_on_a_phone_has_no_serious_accessibility_violation(live_server, phone_page, reference_data, path):
    phone_page.goto(live_server.url + path.format(language="kk"))

    assert serious_violations(phone_page) == []
