"""Regions, districts, organisations and positions: public, trilingual, filterable."""

import pytest

from kezdesu.organisations.models import Organisation
from tests.factories.organisations import DistrictFactory, OrganisationFactory, PositionFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def astana():
    return RegionFactory(
        kato="710000000",
        iso_code="KZ-AST",
        pcode="KZ71",
        kind="city",
        name_kk="Астана",
        name_ru="Астана",
        name_en="Astana",
        population=1_500_000,
        population_as_of="2025-01-01",
        population_source="Bureau of National Statistics",
    )


def test_a_region_carries_its_names_in_three_languages_and_its_population(client, astana):
    response = client.get("/api/v1/regions/710000000/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response.json() == {
        "kato": "710000000",
        "iso_code": "KZ-AST",
        "pcode": "KZ71",
        "kind": "city",
        "name": "Astana",
        "name_i18n": {"kk": "Астана", "ru": "Астана", "en": "Astana"},
        "population": {"value": 1_500_000, "as_of": "2025-01-01", "source": "Bureau of National Statistics"},
    }


def test_a_region_without_a_population_figure_gives_null(client):
    RegionFactory(kato="920000000", population=None)

    assert client.get("/api/v1/regions/920000000/").json()["population"] is None


def test_the_plain_name_follows_accept_language_and_lang_overrides_it(client):
    RegionFactory(kato="930000000", name_kk="Сынақ", name_ru="Тест", name_en="Test")

    assert client.get("/api/v1/regions/930000000/", HTTP_ACCEPT_LANGUAGE="ru").json()["name"] == "Тест"
    assert client.get("/api/v1/regions/930000000/", HTTP_ACCEPT_LANGUAGE="en").json()["name"] == "Test"
    assert client.get("/api/v1/regions/930000000/").json()["name"] == "Сынақ"
    response = client.get("/api/v1/regions/930000000/?lang=ru", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["name"] == "Тест"
    assert response["Content-Language"] == "ru"


def test_an_unknown_region_answers_404(client):
    assert client.get("/api/v1/regions/999999999/").status_code == 404


def test_districts_filter_by_the_regions_kato(client, astana):
    own = DistrictFactory(region=astana, kato="711000000", name_en="Almaty district")
    DistrictFactory(kato="991000000")

    response = client.get("/api/v1/districts/?region=710000000")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["kato"] == own.kato
    assert body["results"][0]["region"] == "710000000"
    assert body["results"][0]["name_i18n"]["en"] == "Almaty district"


def test_districts_of_an_unknown_region_are_refused_with_400(client):
    response = client.get("/api/v1/districts/?region=123")

    assert response.status_code == 400
    assert list(response.json()) == ["region"]


def test_organisations_filter_by_kind_and_region(client, astana):
    akimat = OrganisationFactory(code="astana-akimat", kind=Organisation.Kind.AKIMAT, region=astana)
    OrganisationFactory(code="health")

    by_kind = client.get("/api/v1/organisations/?kind=akimat").json()
    by_region = client.get("/api/v1/organisations/?region=710000000").json()

    assert [row["code"] for row in by_kind["results"]] == [akimat.code]
    assert [row["code"] for row in by_region["results"]] == [akimat.code]


def test_an_organisation_is_found_by_its_code_with_translated_names(client):
    parent = OrganisationFactory(code="finance")
    OrganisationFactory(
        code="state-revenue",
        kind=Organisation.Kind.COMMITTEE,
        parent=parent,
        name_kk="Мемлекеттік кірістер комитеті",
        name_ru="Комитет государственных доходов",
        name_en="State Revenue Committee",
        short_name_en="SRC",
        competence_en="taxes",
    )

    body = client.get("/api/v1/organisations/state-revenue/?lang=en").json()

    assert body == {
        "code": "state-revenue",
        "kind": "committee",
        "name": "State Revenue Committee",
        "name_i18n": {
            "kk": "Мемлекеттік кірістер комитеті",
            "ru": "Комитет государственных доходов",
            "en": "State Revenue Committee",
        },
        "short_name": "SRC",
        "short_name_i18n": {"kk": "", "ru": "", "en": "SRC"},
        "competence": "taxes",
        "competence_i18n": {"kk": "сынақ", "ru": "тестирование", "en": "taxes"},
        "parent": "finance",
        "region": None,
        "is_authorized_body": False,
        "is_active": True,
    }


def test_positions_filter_by_organisation_and_hold_no_personal_names(client):
    finance = OrganisationFactory(code="finance")
    PositionFactory(organisation=finance, code="minister")
    PositionFactory(organisation=OrganisationFactory(code="health"), code="minister")

    body = client.get("/api/v1/positions/?organisation=finance&lang=en").json()

    assert body["count"] == 1
    assert body["results"][0] == {
        "organisation": "finance",
        "code": "minister",
        "level": "first_head",
        "title": "Minister",
        "title_i18n": {"kk": "Министр", "ru": "Министр", "en": "Minister"},
        "order": 0,
        "is_active": True,
    }


def test_reference_data_is_read_only_even_for_a_superuser(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.kz", "pw"))

    assert client.post("/api/v1/organisations/", {"code": "new"}).status_code == 405
    assert client.delete("/api/v1/regions/710000000/").status_code == 405
