import datetime
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from kezdesu.planning.interfaces.docx_export import schedule_docx
from kezdesu.planning.interfaces.xlsx_export import schedule_xlsx
from tests.factories.organisations import DistrictFactory, OrganisationFactory, PositionFactory, RegionFactory
from tests.factories.planning_published import ApprovedVersionFactory, PublishedItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    version = ApprovedVersionFactory(act_number="45", act_date=datetime.date(2029, 12, 20))
    ministry = OrganisationFactory(
        code="ministry-x", name_ru="Министерство энергетики", name_kk="Энергетика министрлігі"
    )
    position = PositionFactory(organisation=ministry, title_ru="Министр энергетики", title_kk="Энергетика министрі")
    region = RegionFactory(kato="940000001", name_ru="Абайская область", name_kk="Абай облысы")
    PublishedItemFactory(
        version=version,
        organisation=ministry,
        position=position,
        region=region,
        district=DistrictFactory(region=region, name_ru="Аягоз", name_kk="Аягөз"),
        start_date=datetime.date(2030, 2, 10),
        end_date=datetime.date(2030, 2, 12),
        is_unscheduled=True,
    )
    PublishedItemFactory(
        version=version,
        organisation=ministry,
        position=position,
        region=region,
        start_date=datetime.date(2030, 3, 5),
        end_date=datetime.date(2030, 3, 5),
        deputy_prime_minister_required=True,
    )
    return version


def table_text(document):
    [table] = document.tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_russian_document_is_the_official_table_grouped_by_month(version):
    document = Document(io.BytesIO(schedule_docx(version=version, language="ru")))

    paragraphs = [paragraph.text for paragraph in document.paragraphs if paragraph.text]
    assert paragraphs == [
        "Утверждён актом № 45 от 20.12.2029",
        "График встреч руководителей центральных исполнительных органов с населением на первое полугодие 2030 года",
    ]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    rows = table_text(document)
    assert rows[0] == [
        "№ п/п",
        "Центральный исполнительный орган",
        "Должностное лицо",
        "Регион (район, город)",
        "Сроки проведения",
        "Примечание",
    ]
    assert rows[1] == ["Февраль 2030"] * 6
    assert rows[2] == [
        "1",
        "Министерство энергетики",
        "Министр энергетики",
        "Абайская область (Аягоз)",
        "10.02.2030–12.02.2030",
        "внеплановая встреча",
    ]
    assert rows[3] == ["Март 2030"] * 6
    assert rows[4][0] == "2"
    assert rows[4][4:] == ["05.03.2030", "с участием Заместителя Премьер-Министра"]
    run = document.paragraphs[1].runs[0]
    assert (run.font.name, run.font.size.pt, run.font.bold) == ("Times New Roman", 14, True)


def test_the_kazakh_document_has_the_kazakh_title_and_names(version):
    document = Document(io.BytesIO(schedule_docx(version=version, language="kk")))

    assert document.paragraphs[1].text == (
        "Орталық атқарушы органдар басшыларының халықпен кездесулер кестесі (2030 жылдың бірінші жартыжылдығы)"
    )
    assert table_text(document)[2][1:4] == ["Энергетика министрлігі", "Энергетика министрі", "Абай облысы (Аягөз)"]


def test_the_spreadsheet_has_a_styled_header_and_real_dates(version):
    workbook = load_workbook(io.BytesIO(schedule_xlsx(version=version, language="ru")))
    sheet = workbook.active

    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "№ п/п",
        "Центральный исполнительный орган",
        "Должностное лицо",
        "Регион",
        "Район, город",
        "Начало",
        "Окончание",
        "Примечание",
    )
    assert rows[1] == (
        1,
        "Министерство энергетики",
        "Министр энергетики",
        "Абайская область",
        "Аягоз",
        datetime.datetime(2030, 2, 10),
        datetime.datetime(2030, 2, 12),
        "внеплановая встреча",
    )
    assert rows[2][4:] == (
        None,
        datetime.datetime(2030, 3, 5),
        datetime.datetime(2030, 3, 5),
        "с участием Заместителя Премьер-Министра",
    )
    assert sheet["F2"].is_date
    assert sheet["F2"].number_format == "DD.MM.YYYY"
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H3"
