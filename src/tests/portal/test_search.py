"""Search from the home page (issue 14): announced and held visits and published problem issues, by words,
ministry and region."""

import datetime

import pytest

from kezdesu.meetings.models import Visit
from tests.factories.followup import issue
from tests.portal.wayfinding import ALMATY_CITY, ASTANA, DAY, at, region, visit_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits():
    almaty = visit_on(DAY, place=region(ALMATY_CITY, "Almaty"), title="Water supply in Almaty")
    astana = visit_on(DAY + datetime.timedelta(days=7), place=region(ASTANA, "Astana"))
    draft = visit_on(DAY, place=almaty.region, status=Visit.Status.DRAFT, title="Water draft")
    return almaty, astana, draft


def found(response) -> list[int]:
    return [visit.pk for visit in response.context["visits"]]


def test_words_match_the_title_the_region_or_the_ministry_in_any_language(client, visits):
    almaty, astana, _draft = visits

    assert found(client.get("/en/search/", {"q": "water"})) == [almaty.pk]
    assert found(client.get("/ru/search/", {"q": "astana"})) == [astana.pk]
    assert found(client.get("/en/search/", {"q": astana.organisation.name_ru})) == [astana.pk]
    assert found(client.get("/en/search/", {"q": "water astana"})) == []


def test_the_ministry_and_region_narrow_the_visits_and_lead_to_the_schedule(client, visits):
    almaty, _astana, _draft = visits

    response = client.get("/en/search/", {"region": ALMATY_CITY})

    assert found(response) == [almaty.pk]
    assert f'href="/en/schedule/?region={ALMATY_CITY}"' in response.content.decode()


def test_published_problem_issues_are_found_too(client, visits):
    almaty, _astana, _draft = visits
    shown = issue(almaty, 1, title="No water in the district", published_at=at(9), competent_company="Vodokanal")
    issue(almaty, 2, title="Water pipes (not published)", competent_company="Vodokanal")

    response = client.get("/en/search/", {"q": "water"})

    assert [found_issue.pk for found_issue in response.context["issues"]] == [shown.pk]
    assert f'href="/en/issues/{shown.pk}/"' in response.content.decode()


def test_without_a_question_nothing_is_searched(client, visits):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert response.context["asked"] is False
