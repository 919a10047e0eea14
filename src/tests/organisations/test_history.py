"""Organisations carry the dates they existed and the names they bore before (issue 13, point 8)."""

import datetime
import shutil
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from kezdesu.core.models import AuditLog
from kezdesu.organisations.domain.reference import load_reference_data
from kezdesu.organisations.domain.reference_files import DEFAULT_DATA_DIR, ReferenceDataError
from kezdesu.organisations.models import Organisation, OrganisationName, Region
from kezdesu.regulations.domain.parties import name_on
from tests.factories.organisations import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

RENAMED_IN_2023 = {
    "culture-information": "Ministry of Information and Social Development",
    "tourism-sport": "Ministry of Culture and Sport",
    "industry-construction": "Ministry of Industry and Infrastructure Development",
    "ecology-natural-resources": "Ministry of Ecology, Geology and Natural Resources",
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, copy, ignore=shutil.ignore_patterns("geo", "tools"))
    return copy


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def former_name_rows() -> set[tuple[str, datetime.date, str]]:
    return set(OrganisationName.objects.values_list("organisation__code", "used_until", "name_en"))


def test_the_shipped_file_dates_the_ministries_formed_since_2020():
    load_reference_data()

    dates = {
        organisation.code: (organisation.existed_from, organisation.existed_to)
        for organisation in Organisation.objects.filter(existed_from__isnull=False)
    }
    assert dates == {
        "emergency-situations": (datetime.date(2020, 9, 9), None),
        "enlightenment": (datetime.date(2022, 6, 11), None),
        "science-higher-education": (datetime.date(2022, 6, 11), None),
        "transport": (datetime.date(2023, 9, 1), None),
        "water-resources-irrigation": (datetime.date(2023, 9, 1), None),
    }
    assert not Organisation.objects.filter(existed_to__isnull=False).exists()


def test_the_shipped_file_keeps_the_former_names_of_the_renamed_ministries():
    load_reference_data()

    assert former_name_rows() == {
        *((code, datetime.date(2023, 8, 31), name) for code, name in RENAMED_IN_2023.items()),
        (
            "ai-digital-development",
            datetime.date(2025, 9, 17),
            "Ministry of Digital Development, Innovations and Aerospace Industry",
        ),
    }
    former = OrganisationName.objects.get(organisation__code="culture-information")
    assert (former.name_kk, former.name_ru, former.act) == (
        "Ақпарат және қоғамдық даму министрлігі",
        "Министерство информации и общественного развития",
        "Presidential Decree No. 326 of 1 September 2023",
    )


def test_a_renamed_body_is_called_by_the_name_it_bore_on_the_day():
    load_reference_data()
    body = Organisation.objects.prefetch_related("former_names").get(code="culture-information")

    with translation.override("ru"):
        assert name_on(body, datetime.date(2023, 8, 31)) == "Министерство информации и общественного развития"
        assert name_on(body, datetime.date(2023, 9, 1)) == "Министерство культуры и информации"
    with translation.override("kk"):
        assert name_on(body, datetime.date(2022, 12, 31)) == "Ақпарат және қоғамдық даму министрлігі"


def test_a_body_exists_from_its_first_day_to_its_last():
    body = OrganisationFactory(existed_from=datetime.date(2023, 9, 1), existed_to=datetime.date(2025, 9, 17))

    assert [body.existed_on(datetime.date(*day)) for day in ((2023, 8, 31), (2023, 9, 1), (2025, 9, 17))] == [
        False,
        True,
        True,
    ]
    assert body.existed_on(datetime.date(2025, 9, 18)) is False


def test_loading_twice_writes_no_audit_row_for_dates_or_former_names():
    load_reference_data()
    rows = AuditLog.objects.count()

    report = load_reference_data()

    assert AuditLog.objects.count() == rows
    assert (report.former_names.created, report.former_names.updated, report.former_names.unchanged) == (0, 0, 5)


def test_the_first_load_audits_each_former_name_under_its_body():
    report = load_reference_data()

    rows = AuditLog.objects.filter(target_type=ContentType.objects.get_for_model(OrganisationName))
    assert report.former_names.created == 5
    assert sorted(rows.values_list("action", "organisation__code")) == [
        ("reference.load.created", "ai-digital-development"),
        ("reference.load.created", "culture-information"),
        ("reference.load.created", "ecology-natural-resources"),
        ("reference.load.created", "industry-construction"),
        ("reference.load.created", "tourism-sport"),
    ]


def test_a_corrected_former_name_and_date_are_updated_in_place(data_dir):
    load_reference_data(data_dir=data_dir)
    former = OrganisationName.objects.get(organisation__code="tourism-sport")
    replace_in(
        data_dir / "organisations.yaml",
        "    name_en: Ministry of Culture and Sport\n",
        "    name_en: Ministry of Culture and Sports\n",
    )
    replace_in(
        data_dir / "organisations.yaml",
        "- code: transport\n  kind: ministry\n",
        "- code: transport\n  kind: ministry\n  existed_to: 2030-12-31\n",
    )

    report = load_reference_data(data_dir=data_dir)

    assert (report.former_names.updated, report.organisations.updated) == (1, 1)
    assert OrganisationName.objects.get(pk=former.pk).name_en == "Ministry of Culture and Sports"
    row = AuditLog.objects.get(action="reference.load.updated", target_id=str(former.pk))
    assert (row.old_values, row.new_values) == (
        {"name_en": "Ministry of Culture and Sport"},
        {"name_en": "Ministry of Culture and Sports"},
    )
    transport = Organisation.objects.get(code="transport")
    assert transport.existed_to == datetime.date(2030, 12, 31)
    row = AuditLog.objects.get(action="reference.load.updated", target_id=str(transport.pk), organisation=transport)
    assert (row.old_values, row.new_values) == ({"existed_to": None}, {"existed_to": "2030-12-31"})


def test_a_former_name_gone_from_the_file_is_removed_but_one_added_by_hand_stays(data_dir):
    load_reference_data(data_dir=data_dir)
    energy = Organisation.objects.get(code="energy")
    by_hand = OrganisationName.objects.create(
        organisation=energy,
        name_kk="Энергетика және минералдық ресурстар министрлігі",
        name_ru="Министерство энергетики и минеральных ресурсов",
        name_en="Ministry of Energy and Mineral Resources",
        used_until=datetime.date(2014, 8, 5),
    )
    replace_in(
        data_dir / "organisations.yaml",
        "  former_names:\n  - name_kk: Мәдениет және спорт министрлігі\n"
        "    name_ru: Министерство культуры и спорта\n    name_en: Ministry of Culture and Sport\n"
        "    used_until: 2023-08-31\n    act: Presidential Decree No. 326 of 1 September 2023\n",
        "",
    )

    report = load_reference_data(data_dir=data_dir)

    assert report.former_names.deactivated == ["tourism-sport/2023-08-31"]
    assert not OrganisationName.objects.filter(organisation__code="tourism-sport").exists()
    assert OrganisationName.objects.filter(pk=by_hand.pk).exists()
    row = AuditLog.objects.get(action="reference.load.deleted")
    assert (row.organisation.code, row.old_values["name_en"], row.old_values["used_until"]) == (
        "tourism-sport",
        "Ministry of Culture and Sport",
        "2023-08-31",
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "- code: transport\n  kind: ministry\n",
            "- code: transport\n  kind: ministry\n  existed_to: 31.12.2030\n",
            "organisations.yaml, transport: “existed_to” must be a date written as YYYY-MM-DD, not “31.12.2030”.",
        ),
        (
            "- code: transport\n  kind: ministry\n",
            "- code: transport\n  kind: ministry\n  existed_to: 2023-08-31\n",
            "organisations.yaml, transport: “existed_to” comes before “existed_from”.",
        ),
        (
            "    used_until: 2025-09-17\n",
            "    used_until: 2026-09-17\n    renamed_by: decree\n",
            "organisations.yaml, ai-digital-development: unknown keys renamed_by.",
        ),
        (
            "- code: enlightenment\n  kind: ministry\n",
            "- code: enlightenment\n  kind: ministry\n  former_names:\n  - name_kk: Білім және ғылым министрлігі\n"
            "    name_ru: Министерство образования и науки\n    name_en: Ministry of Education and Science\n"
            "    used_until: 2022-06-10\n",
            "organisations.yaml, enlightenment: a former name used until 2022-06-10 falls outside the dates the "
            "body existed.",
        ),
    ],
    ids=["not-a-date", "ends-before-it-begins", "unknown-key", "name-before-the-body-existed"],
)
def test_a_bad_date_or_former_name_is_refused_naming_the_file_and_the_body(data_dir, old, new, message):
    replace_in(data_dir / "organisations.yaml", old, new)

    with pytest.raises(ReferenceDataError) as refusal:
        load_reference_data(data_dir=data_dir)

    assert str(refusal.value.message) == message
    assert (Region.objects.count(), AuditLog.objects.count()) == (0, 0)


def test_the_admin_shows_the_dates_and_adds_a_former_name_with_an_audit_row(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    body = OrganisationFactory(code="energy-test", existed_from=datetime.date(2019, 6, 17))
    url = f"/en/admin/organisations/organisation/{body.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="existed_from" value="2019-06-17"' in page
    assert 'name="former_names-TOTAL_FORMS"' in page
    data = {
        "code": body.code,
        "kind": body.kind,
        "name_kk": body.name_kk,
        "name_ru": body.name_ru,
        "name_en": body.name_en,
        "existed_from": "2019-06-17",
        "is_active": "on",
        "former_names-TOTAL_FORMS": "1",
        "former_names-INITIAL_FORMS": "0",
        "former_names-MIN_NUM_FORMS": "0",
        "former_names-MAX_NUM_FORMS": "1000",
        "former_names-0-name_kk": "Ескі атауы",
        "former_names-0-name_ru": "Старое название",
        "former_names-0-name_en": "Old Name",
        "former_names-0-used_until": "2021-12-31",
        "former_names-0-act": "Decree No. 1",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "1000",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    former = OrganisationName.objects.get(organisation=body)
    assert (former.name_en, former.used_until) == ("Old Name", datetime.date(2021, 12, 31))
    row = AuditLog.objects.get(target_type=ContentType.objects.get_for_model(OrganisationName))
    assert (row.action, row.actor, row.organisation) == ("reference.edit.created", admin, body)
