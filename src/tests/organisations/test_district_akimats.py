"""The akimats of districts, towns and city districts, generated from districts.csv (issue 13, point 6; R17)."""

import shutil
from pathlib import Path

import pytest

from kezdesu.organisations.domain.district_akimats import akimat_names
from kezdesu.organisations.domain.queries.akimats import akim_posts_in_region, akimats_in_region
from kezdesu.organisations.domain.reference import load_reference_data
from kezdesu.organisations.domain.reference_files import DEFAULT_DATA_DIR, ReferenceDataError
from kezdesu.organisations.models import District, Organisation, Position, Region
from kezdesu.planning.domain.queries.schedule import akimat_of_region
from kezdesu.regulations.domain.parties import resolve_parties

pytestmark = pytest.mark.django_db

ASTANA = {"kato": "710000000", "name_kk": "Астана", "name_ru": "Астана", "name_en": "Astana"}
ABAI = {"kato": "100000000", "name_kk": "Абай облысы", "name_ru": "область Абай", "name_en": "Abai Region"}


def district(kind: str, kk: str, ru: str, en: str, kato: str = "101010000") -> dict[str, str]:
    return {"kato": kato, "region_kato": "100000000", "kind": kind, "name_kk": kk, "name_ru": ru, "name_en": en}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, copy, ignore=shutil.ignore_patterns("geo", "tools"))
    return copy


def test_a_district_akimat_is_named_with_the_genitive_in_each_language():
    names = akimat_names(district("district", "Жаңасемей ауданы", "Жанасемейский район", "Zhanasemey District"), ABAI)

    assert names.name == {
        "kk": "Жаңасемей ауданының әкімдігі",
        "ru": "Акимат Жанасемейского района",
        "en": "Akimat of Zhanasemey District",
    }
    assert names.akim == {
        "kk": "Жаңасемей ауданының әкімі",
        "ru": "Аким Жанасемейского района",
        "en": "Akim of Zhanasemey District",
    }


def test_a_town_akimat_puts_the_suffix_on_the_word_for_town():
    names = akimat_names(district("city", "Семей", "Семей", "Semey"), ABAI)

    assert names.name == {
        "kk": "Семей қаласының әкімдігі",
        "ru": "Акимат города Семей",
        "en": "Akimat of the town of Semey",
    }
    assert names.akim["ru"] == "Аким города Семей"


def test_a_town_whose_name_declines_in_russian_takes_its_genitive():
    names = akimat_names(district("city", "Орал", "Уральск", "Oral"), ABAI)

    assert (names.name["kk"], names.name["ru"], names.akim["en"]) == (
        "Орал қаласының әкімдігі",
        "Акимат города Уральска",
        "Akim of the town of Oral",
    )


def test_a_city_district_is_named_with_its_city():
    names = akimat_names(district("city_district", "Алматы ауданы", "Алматинский район", "Almaty District"), ASTANA)

    assert names.name == {
        "kk": "Астана қаласы Алматы ауданының әкімдігі",
        "ru": "Акимат Алматинского района города Астаны",
        "en": "Akimat of Almaty District of Astana",
    }
    assert names.akim["kk"] == "Астана қаласы Алматы ауданының әкімі"


@pytest.mark.parametrize(
    ("kk", "ru", "expected_kk", "expected_ru"),
    [
        ("Біржан сал ауданы", "район Биржан сал", "Біржан сал ауданының", "района Биржан сал"),
        (
            "Ғабит Мүсірепов атындағы аудан",
            "район имени Габита Мусрепова",
            "Ғабит Мүсірепов атындағы ауданның",
            "района имени Габита Мусрепова",
        ),
        ("Бұқар жырау ауданы", "Бухар-Жырауский район", "Бұқар жырау ауданының", "Бухар-Жырауского района"),
        ("Сынақ ауданы", "Каменецкий район", "Сынақ ауданының", "Каменецкого района"),
        ("Сынақ ауданы", "Северный район", "Сынақ ауданының", "Северного района"),
        ("Сынақ ауданы", "Заводской район", "Сынақ ауданының", "Заводского района"),
    ],
)
def test_each_form_of_a_district_name_takes_its_genitive(kk, ru, expected_kk, expected_ru):
    names = akimat_names(district("district", kk, ru, "Test District"), ABAI)

    assert (names.name["kk"], names.name["ru"]) == (f"{expected_kk} әкімдігі", f"Акимат {expected_ru}")


@pytest.mark.parametrize(
    ("kk", "ru", "name"),
    [("Сынақ", "Сынақский район", "Сынақ"), ("Сынақ ауданы", "Тестовый округ", "Тестовый округ")],
)
def test_a_name_of_no_known_form_is_refused_naming_the_file_and_the_district(kk, ru, name):
    with pytest.raises(ReferenceDataError) as refusal:
        akimat_names(district("district", kk, ru, "Test District"), ABAI)

    assert str(refusal.value.message) == (
        f"districts.csv, 101010000: the name “{name}” does not follow a known pattern; add the akimat's name "
        "to the table in organisations/domain/district_akimats.py."
    )


def test_loading_creates_an_akimat_for_every_district_and_town_but_baikonur():
    load_reference_data()

    akimats = Organisation.objects.filter(kind=Organisation.Kind.DISTRICT_AKIMAT).select_related(
        "district", "region", "parent"
    )
    assert akimats.count() == 223
    assert set(District.objects.exclude(organisations__isnull=False).values_list("kato", flat=True)) == {"431900000"}
    for akimat in akimats:
        assert akimat.code == f"akimat-{akimat.district.kato}"
        assert akimat.region == akimat.district.region
        assert (akimat.parent.kind, akimat.parent.region) == (Organisation.Kind.AKIMAT, akimat.region)
        assert akimat.is_active
    assert Organisation.objects.filter(kind=Organisation.Kind.AKIMAT).count() == 20


def test_each_district_akimat_has_its_akim_as_first_head():
    load_reference_data()

    posts = Position.objects.filter(organisation__kind=Organisation.Kind.DISTRICT_AKIMAT)
    assert posts.count() == 223
    assert set(posts.values_list("code", "level", "order")) == {("akim", "first_head", 1)}
    semey = Organisation.objects.get(code="akimat-101000000")
    assert (semey.name_kk, semey.name_ru, semey.name_en) == (
        "Семей қаласының әкімдігі",
        "Акимат города Семей",
        "Akimat of the town of Semey",
    )
    akim = Position.objects.get(organisation__code="akimat-101010000")
    assert (akim.title_kk, akim.title_ru, akim.title_en) == (
        "Жаңасемей ауданының әкімі",
        "Аким Жанасемейского района",
        "Akim of Zhanasemey District",
    )


def test_every_generated_name_is_unique_within_its_region():
    load_reference_data()

    for region in Region.objects.all():
        for language in ("kk", "ru", "en"):
            names = list(akimats_in_region(region).values_list(f"name_{language}", flat=True))
            assert len(names) == len(set(names)), (region.kato, language)


def test_the_regions_akimat_is_still_the_regional_one():
    load_reference_data()
    astana = Region.objects.get(kato="710000000")
    organisations = list(Organisation.objects.prefetch_related("former_names"))

    assert akimat_of_region(astana).code == "akimat-astana"
    assert akimats_in_region(astana).count() == 6
    regional = set(Organisation.objects.filter(kind=Organisation.Kind.AKIMAT).values_list("code", flat=True))
    assert {party.code for party in resolve_parties("akimats", organisations)} == regional
    assert len(regional) == 20


def test_the_akim_posts_of_a_region_list_the_regional_akimat_first():
    load_reference_data()
    abai = Region.objects.get(kato="100000000")

    titles = list(akim_posts_in_region(abai).values_list("title_en", flat=True))

    assert titles[:4] == [
        "Akim of Abai Region",
        "First Deputy Akim of Abai Region",
        "Deputy Akim of Abai Region",
        "Akim of the town of Semey",
    ]
    assert titles[4:6] == ["Akim of Zhanasemey District", "Akim of the town of Kurchatov"]
    assert len(titles) == 3 + 12


def test_an_akimat_listed_in_the_file_wins_over_the_generated_one(data_dir):
    entry = (
        "- code: akimat-101000000\n  kind: district_akimat\n  parent: akimat-abai\n  region: '100000000'\n"
        "  name_kk: Семей қаласы әкімдігі\n  name_ru: Акимат города Семея\n  name_en: Semey City Akimat\n"
    )
    path = data_dir / "organisations.yaml"
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")

    report = load_reference_data(data_dir=data_dir)

    semey = Organisation.objects.get(code="akimat-101000000")
    assert (semey.name_ru, semey.name_en, semey.district) == ("Акимат города Семея", "Semey City Akimat", None)
    assert report.organisations.created == 58 + 1 + 222
    # Its akim's post is still generated, under the file's akimat.
    assert semey.positions.get().title_ru == "Аким города Семей"


def test_a_district_akimat_whose_district_is_gone_is_deactivated(data_dir):
    load_reference_data(data_dir=data_dir)
    path = data_dir / "districts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("101800000,")), encoding="utf-8")

    report = load_reference_data(data_dir=data_dir)

    assert report.organisations.deactivated == ["akimat-101800000"]
    assert report.positions.deactivated == ["akimat-101800000/akim"]
    assert report.districts.vanished == ["101800000"]
    assert not Organisation.objects.get(code="akimat-101800000").is_active
