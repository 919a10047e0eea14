"""The action plan as XLSX, and importing it back: all rows or none, errors by row, no duplicates."""

import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.plan_import import import_plan
from kezdesu.followup.interfaces.plan_xlsx import plan_xlsx
from kezdesu.followup.models import Measure
from tests.factories.followup import build_followup_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_followup_world()


def sheet_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def workbook(*rows) -> io.BytesIO:
    book = Workbook()
    book.active.append(["header"] * 14)
    for row in rows:
        book.active.append(list(row))
    output = io.BytesIO()
    book.save(output)
    output.seek(0)
    return output


def row(number=2, text="Build a pipe", deadline="01.11.2027", code="", company="QazaqGaz", position="Аким"):
    kk, ru = (f"{text} (kk)", f"{text} (ru)") if text else ("", "")
    return [number, "", "", kk, ru, text, deadline, code, company, position, position, "", "", ""]


def test_the_export_has_one_row_per_measure_with_headers_in_the_language(world):
    rows = sheet_rows(plan_xlsx(visit=world.visit, language="en"))
    assert rows[0][:4] == ("Issue No.", "Issue (Kazakh)", "Issue (Russian)", "Measure (Kazakh)")
    assert [r[0] for r in rows[1:]] == [1, 1, 2]
    first = rows[1]
    assert first[3:8] == (
        "Repair the road (kk)",
        "Repair the road (ru)",
        "Repair the road",
        datetime.datetime(2027, 9, 30),
        "akimat-x",
    )
    assert first[12:] == ("planned", 0)
    assert rows[3][8] == "QazaqGaz"


def test_an_exported_plan_imported_again_adds_nothing(world):
    content = plan_xlsx(visit=world.visit, language="ru")
    result = import_plan(actor=world.user("ministry_editor"), visit=world.visit, file=io.BytesIO(content))
    assert (len(result.created), result.unchanged, result.errors) == (0, 3, [])
    assert Measure.objects.count() == 3


def test_new_rows_are_imported_together(world):
    file = workbook(row(), row(number=1, text="Light the road", code="akimat-x", company=""))
    result = import_plan(actor=world.user("akimat_editor"), visit=world.visit, file=file)
    assert result.ok
    assert sorted(m.text_en for m in result.created) == ["Build a pipe", "Light the road"]
    assert Measure.objects.get(text_en="Light the road").executor == world.roles.akimat
    file.seek(0)
    again = import_plan(actor=world.user("akimat_editor"), visit=world.visit, file=file)
    assert (len(again.created), again.unchanged) == (0, 2)


def test_one_wrong_row_imports_nothing_and_each_error_names_its_row(world):
    file = workbook(
        row(),
        row(number=9),
        row(deadline="soon"),
        row(code="nobody", company=""),
        row(text=""),
        row(deadline="01.01.2027"),
    )
    result = import_plan(actor=world.user("ministry_editor"), visit=world.visit, file=file)
    assert [(error.row, error.message) for error in result.errors] == [
        (3, "There is no problem issue number “9” in this visit."),
        (4, "“soon” is not a date: write it as dd.mm.yyyy."),
        (5, "There is no body with the code “nobody”."),
        (6, "Write the measure in Kazakh and in Russian."),
        (7, "The deadline cannot be before the visit ended (10.03.2027)."),
    ]
    assert Measure.objects.count() == 3


def test_a_file_that_is_not_a_workbook_is_refused(world):
    with pytest.raises(DomainError) as refused:
        import_plan(actor=world.user("ministry_editor"), visit=world.visit, file=io.BytesIO(b"not a workbook"))
    assert refused.value.code == "bad_file"


def test_too_many_rows_are_refused(world, monkeypatch):
    monkeypatch.setattr("kezdesu.followup.domain.plan_import.MAX_ROWS", 2)
    with pytest.raises(DomainError) as refused:
        import_plan(actor=world.user("ministry_editor"), visit=world.visit, file=workbook(row(), row(), row()))
    assert refused.value.code == "too_many_rows"


def test_a_reader_may_not_import(world):
    with pytest.raises(NotPermitted):
        import_plan(actor=world.user("ministry_viewer"), visit=world.visit, file=workbook(row()))
