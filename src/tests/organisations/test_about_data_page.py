import re

import pytest
from django.urls import reverse
from django.utils import translation

from kezdesu.organisations.domain.reference import load_reference_data
from tests.factories.organisations import DistrictFactory, OrganisationFactory, RegionFactory

ATTRIBUTION = (
    "Boundaries: geokz (A. Rodionov), CC BY 4.0, based on data of the Bureau of National Statistics of the "
    "Republic of Kazakhstan"
)

SOURCE = "Bureau of National Statistics (as reported by inform.kz)"

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def row_cells(html: str, heading: str) -> list[str]:
    """The data cells of the table row headed `heading`, as text; figures without separators."""
    row = re.search(rf"<th scope=\"row\">{re.escape(heading)}</th>(.*?)</tr>", html, re.S)
    assert row is not None, heading
    cells = [text_of(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]
    return [re.sub(r"(?<=\d)[\s,.\u00a0\u202f](?=\d{3})", "", cell) for cell in cells]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_about_page_shows_the_attribution_with_the_licence_link_in_each_language(client, language):
    with translation.override(language):
        url = reverse("portal:about_data")

    response = client.get(url)

    assert url == f"/{language}/about/data/"
    assert response.status_code == 200
    html = response.content.decode()
    assert ATTRIBUTION in text_of(html)
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in html


@pytest.mark.parametrize(
    ("language", "abai", "finance"),
    [
        ("kk", "Абай облысы", "Қаржы министрлігі"),
        ("ru", "область Абай", "Министерство финансов"),
        ("en", "Abai Region", "Ministry of Finance"),
    ],
)
def test_about_page_lists_regions_and_ministries_in_the_page_language(client, language, abai, finance):
    load_reference_data()

    html = client.get(f"/{language}/about/data/").content.decode()

    assert row_cells(html, abai) == ["100000000", "595676", "2026-01-01", SOURCE, "12"]
    text = text_of(html)
    assert finance in text


def test_about_page_puts_the_date_next_to_each_population_figure(client):
    region = RegionFactory(name_en="Test Region", population=1234, population_as_of="2024", population_source="X")
    DistrictFactory.create_batch(2, region=region)

    html = client.get("/en/about/data/").content.decode()

    assert row_cells(html, "Test Region") == [region.kato, "1234", "2024", "X", "2"]


def test_about_page_shows_the_exemptions_of_each_loaded_profile(client):
    call_load = pytest.importorskip("kezdesu.regulations.domain.profile_loading").load_profiles
    load_reference_data()
    call_load()

    html = client.get("/en/about/data/").content.decode()

    assert row_cells(html, "Ministry of Defence")[1:] == ["exempt", "exempt"]
    assert row_cells(html, "Ministry of Internal Affairs")[1:] == ["not exempt", "exempt"]
    assert row_cells(html, "Ministry of Finance")[1:] == ["not exempt", "not exempt"]


def test_about_page_without_profiles_leaves_out_the_exemption_columns(client):
    OrganisationFactory(name_en="Ministry of Tests")

    html = client.get("/en/about/data/").content.decode()

    assert row_cells(html, "Ministry of Tests") == ["testing"]
    assert "exempt" not in text_of(html)
    assert "compiled from public news" in html


def test_about_page_lists_ministries_in_kazakh_alphabetical_order(client):
    load_reference_data()

    html = client.get("/kk/about/data/").content.decode()

    names = re.findall(r"<th scope=\"row\">([^<]*министрлігі)", html)
    assert len(names) == 21
    assert names[0] == "Ауыл шаруашылығы министрлігі"
    # The Kazakh alphabet ends …Ы, І, Ь, Э, Ю, Я.
    assert names[-3:] == [
        "Ішкі істер министрлігі",
        "Экология және табиғи ресурстар министрлігі",
        "Энергетика министрлігі",
    ]
