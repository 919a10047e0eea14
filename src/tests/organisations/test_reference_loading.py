import re
import shutil
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from kezdesu.core.models import AuditLog
from kezdesu.organisations.domain.reference import load_reference_data
from kezdesu.organisations.domain.reference_files import DEFAULT_DATA_DIR, ReferenceDataError
from kezdesu.organisations.models import District, Organisation, OrganisationName, Position, Region
from tests.factories.organisations import OrganisationFactory

LATIN = re.compile("[A-Za-z]")

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data files that a test may edit."""
    copy = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, copy, ignore=shutil.ignore_patterns("geo", "tools"))
    return copy


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_loading_creates_the_20_regions_and_224_districts():
    load_reference_data()

    assert Region.objects.count() == 20
    assert Region.objects.filter(kind=Region.Kind.CITY).count() == 3
    assert District.objects.count() == 224
    assert District.objects.filter(kind=District.Kind.DISTRICT).count() == 167
    assert District.objects.filter(kind=District.Kind.CITY).count() == 39
    assert District.objects.filter(kind=District.Kind.CITY_DISTRICT).count() == 18
    assert Region.objects.get(kato="710000000").districts.count() == 5


def test_loading_creates_the_ministries_akimats_and_central_bodies():
    load_reference_data()

    assert Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).count() == 21
    akimats = Organisation.objects.filter(kind=Organisation.Kind.AKIMAT)
    assert akimats.count() == 20
    assert set(akimats.values_list("region__kato", flat=True)) == set(Region.objects.values_list("kato", flat=True))
    for kind in ("government", "government_apparatus", "presidential_administration"):
        assert Organisation.objects.filter(kind=kind).count() == 1
    committees = Organisation.objects.filter(kind=Organisation.Kind.COMMITTEE)
    assert committees.filter(parent__kind=Organisation.Kind.MINISTRY).count() == committees.count()
    assert all(committee.note for committee in committees)


def test_culture_and_information_is_the_only_authorized_body():
    load_reference_data()

    assert list(Organisation.objects.filter(is_authorized_body=True).values_list("code", flat=True)) == [
        "culture-information"
    ]


def test_every_body_has_its_first_head_and_the_expected_posts():
    load_reference_data()

    for organisation in Organisation.objects.all():
        assert organisation.positions.filter(level=Position.Level.FIRST_HEAD).count() == (
            0 if organisation.kind == Organisation.Kind.COMMITTEE else 1
        ), organisation.code
    finance = Organisation.objects.get(code="finance")
    assert list(finance.positions.values_list("code", "level", "title_ru")) == [
        ("minister", "first_head", "Министр финансов"),
        ("first-vice-minister", "first_deputy", "Первый вице-министр финансов"),
        ("vice-minister", "deputy", "Вице-министр финансов"),
        ("executive-secretary", "executive_secretary", "Ответственный секретарь Министерства финансов"),
    ]
    assert finance.positions.get(code="vice-minister").title_kk == "Қаржы вице-министрі"
    assert finance.positions.get(code="minister").title_en == "Minister of Finance"
    state_revenue = Organisation.objects.get(code="finance-state-revenue")
    assert state_revenue.positions.get().level == Position.Level.COMMITTEE_CHAIR
    astana = Organisation.objects.get(region__kato="710000000", kind=Organisation.Kind.AKIMAT)
    assert (astana.name_kk, astana.name_ru, astana.name_en) == (
        "Астана қаласының әкімдігі",
        "Акимат города Астаны",
        "Akimat of Astana",
    )
    assert astana.positions.get(code="akim").title_ru == "Аким города Астаны"


def test_kazakh_and_russian_names_are_cyrillic():
    load_reference_data()

    texts = [
        *Region.objects.values_list("name_kk", "name_ru"),
        *District.objects.values_list("name_kk", "name_ru"),
        *Organisation.objects.values_list("name_kk", "name_ru"),
        *Position.objects.values_list("title_kk", "title_ru"),
    ]
    assert [text for pair in texts for text in pair if LATIN.search(text)] == []
    assert Region.objects.get(iso_code="KZ-SEV").name_kk == "Солтүстік Қазақстан облысы"


def test_region_names_follow_official_usage():
    load_reference_data()

    names = {region.iso_code: (region.name_kk, region.name_ru, region.name_en) for region in Region.objects.all()}
    assert names["KZ-ABY"] == ("Абай облысы", "область Абай", "Abai Region")
    assert names["KZ-ZHT"][1] == "область Жетісу"
    assert names["KZ-ULT"][1] == "область Ұлытау"
    assert names["KZ-AKM"] == ("Ақмола облысы", "Акмолинская область", "Akmola Region")
    assert names["KZ-SHY"] == ("Шымкент", "Шымкент", "Shymkent")
    assert names["KZ-AST"] == ("Астана", "Астана", "Astana")
    assert District.objects.get(kato="101010000").name_ru == "Жанасемейский район"
    assert District.objects.get(kato="101010000").name_kk == "Жаңасемей ауданы"
    assert District.objects.get(kato="101000000").name_ru == "Семей"


def test_population_keeps_the_date_and_source_of_each_figure():
    load_reference_data()

    akmola = Region.objects.get(iso_code="KZ-AKM")
    assert (akmola.population, akmola.population_as_of) == (789015, "2024")
    almaty = Region.objects.get(iso_code="KZ-ALA")
    assert (almaty.population, almaty.population_as_of) == (2347924, "2026-01-01")
    assert almaty.population_source == "Bureau of National Statistics (as reported by inform.kz)"


def test_first_load_writes_one_audit_row_per_object():
    report = load_reference_data()

    objects = Region.objects.count() + District.objects.count() + Organisation.objects.count()
    objects += Position.objects.count() + OrganisationName.objects.count()
    assert AuditLog.objects.filter(action="reference.load.created").count() == objects
    assert (report.regions.created, report.districts.created) == (20, 224)
    assert AuditLog.objects.exclude(action="reference.load.created").count() == 0


def test_loading_twice_changes_nothing_and_writes_no_audit_rows():
    load_reference_data()
    audit_rows = AuditLog.objects.count()

    report = load_reference_data()

    assert AuditLog.objects.count() == audit_rows
    assert not report.changed_anything
    assert (report.regions.unchanged, report.districts.unchanged) == (20, 224)
    assert report.organisations.unchanged == Organisation.objects.count()
    assert report.positions.unchanged == Position.objects.count()


def test_an_edited_file_updates_the_object_in_place_with_one_audit_row(data_dir):
    load_reference_data(data_dir=data_dir)
    akmola = Region.objects.get(kato="110000000")
    replace_in(data_dir / "regions.csv", "789015,2024,", "790100,2025-01-01,")
    replace_in(data_dir / "organisations.yaml", "name_en: Ministry of Energy\n", "name_en: Ministry of Power\n")

    report = load_reference_data(data_dir=data_dir)

    assert (report.regions.updated, report.organisations.updated) == (1, 1)
    akmola_now = Region.objects.get(kato="110000000")
    assert akmola_now.pk == akmola.pk
    assert (akmola_now.population, akmola_now.population_as_of) == (790100, "2025-01-01")
    row = AuditLog.objects.get(action="reference.load.updated", target_type=ContentType.objects.get_for_model(Region))
    assert row.target_id == str(akmola.pk)
    assert row.old_values == {"population": 789015, "population_as_of": "2024"}
    assert row.new_values == {"population": 790100, "population_as_of": "2025-01-01"}
    energy = Organisation.objects.get(code="energy")
    assert energy.name_en == "Ministry of Power"
    assert AuditLog.objects.get(action="reference.load.updated", target_id=str(energy.pk), organisation=energy)


def test_an_edited_kazakh_name_also_updates_the_untranslated_column(data_dir):
    load_reference_data(data_dir=data_dir)
    replace_in(data_dir / "regions.csv", "Ұлытау облысы,", "Ұлытау облысы (жаңа),")

    load_reference_data(data_dir=data_dir)

    # rewrite(False): read the untranslated column itself, not the active language's.
    ulytau = Region.objects.rewrite(False).filter(kato="620000000").values("name", "name_kk").get()
    assert ulytau == {"name": "Ұлытау облысы (жаңа)", "name_kk": "Ұлытау облысы (жаңа)"}


def test_an_organisation_gone_from_the_file_is_deactivated_and_reported(data_dir):
    load_reference_data(data_dir=data_dir)
    added_by_hand = OrganisationFactory(code="added-in-admin")
    replace_in(
        data_dir / "positions.yaml",
        "- organisation: transport-civil-aviation\n  positions:\n  - code: chair\n    level: committee_chair\n"
        "    order: 1\n    title_kk: Көлік министрлігі Азаматтық авиация комитетінің төрағасы\n"
        "    title_ru: Председатель Комитета гражданской авиации Министерства транспорта\n"
        "    title_en: Chair of the Civil Aviation Committee of the Ministry of Transport\n",
        "",
    )
    text = (data_dir / "organisations.yaml").read_text(encoding="utf-8")
    start = text.index("- code: transport-civil-aviation\n")
    end = text.index("- code: ", start + 1)
    (data_dir / "organisations.yaml").write_text(text[:start] + text[end:], encoding="utf-8")

    report = load_reference_data(data_dir=data_dir)

    assert report.organisations.deactivated == ["transport-civil-aviation"]
    assert report.positions.deactivated == ["transport-civil-aviation/chair"]
    assert not Organisation.objects.get(code="transport-civil-aviation").is_active
    added_by_hand.refresh_from_db()
    assert added_by_hand.is_active
    assert AuditLog.objects.filter(action="reference.load.deactivated").count() == 2


def test_a_bad_file_is_refused_and_nothing_is_kept(data_dir):
    replace_in(
        data_dir / "districts.csv",
        "711110000,KZ711110,710000000,KZ71,city_district",
        "711110000,KZ711110,710000000,KZ71,borough",
    )

    with pytest.raises(ReferenceDataError, match="borough"):
        load_reference_data(data_dir=data_dir)

    assert Region.objects.count() == 0
    assert AuditLog.objects.count() == 0


def test_the_command_loads_reference_data_and_profiles_and_reports_counts(capsys):
    call_command("load_reference")
    call_command("load_reference")

    output = capsys.readouterr().out
    assert "regions: 20 created, 0 updated, 0 unchanged" in output
    assert "districts: 0 created, 0 updated, 224 unchanged" in output
    # 58 listed in organisations.yaml, and the akimats of 223 districts and towns (Baikonur has none).
    assert Organisation.objects.count() == 58 + 223
