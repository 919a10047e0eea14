"""Importing exported files of questions (CSV, XLSX, JSON): the channel and original id recorded,
re-import adding nothing, bad files refused whole with a clear message, bad rows listed with the reason."""

import io
import json

import pytest
from django.utils import timezone
from openpyxl import Workbook

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.questions.domain.intake import fingerprint
from kezdesu.questions.interfaces.importers import MAX_FILE_BYTES, MAX_ROWS, import_question_file
from kezdesu.questions.models import Channel, ImportBatch, Question
from tests.factories.intake import intake_topic, named_district
from tests.factories.meetings import build_visit_world

pytestmark = pytest.mark.django_db

CSV_COMMA = (
    "id,date,name,district,topic,text,contact\n"
    "A-1,2027-02-01 10:30,Aigerim,Riverside District,Roads and transport,When will the road be repaired?,+77010000000\n"
    'A-2,01.02.2027,,,,"Нужна новая школа в селе, дети ездят далеко",\n'
)


@pytest.fixture
def world():
    world = build_visit_world()
    named_district(world.visit)
    intake_topic()
    return world


def _import(world, file_name, content, *, channel=Channel.AKIM_MEETING, role="ministry_editor"):
    return import_question_file(
        actor=world.user(role), visit=world.visit, channel=channel, file_name=file_name, content=content
    )


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_csv_export_is_imported_with_its_channel_ids_places_and_topics(world):
    batch = _import(world, "akim-meeting.csv", CSV_COMMA.encode())

    assert (batch.created, batch.already_there, batch.refused) == (2, 0, [])
    assert (batch.channel, batch.file_format, batch.file_name) == (Channel.AKIM_MEETING, "csv", "akim-meeting.csv")
    first, second = Question.objects.order_by("external_id")
    assert first.external_id == "A-1"
    assert first.channel == Channel.AKIM_MEETING
    assert first.import_batch == batch
    assert first.district.name_en == "Riverside District"
    assert first.topic.code == "roads-transport"
    assert (first.author_name, first.contact) == ("Aigerim", "+77010000000")
    assert timezone.localtime(first.received_at).isoformat() == "2027-02-01T10:30:00+05:00"
    assert first.status == Question.Status.RECEIVED
    assert first.fingerprint == fingerprint("When will the road be repaired?")
    assert second.text == "Нужна новая школа в селе, дети ездят далеко"
    assert second.language == "ru"
    assert second.region == world.visit.region
    audit = AuditLog.objects.get(action="questions.imported")
    assert audit.new_values["created"] == 2


def test_re_importing_the_same_file_adds_nothing(world):
    _import(world, "akim-meeting.csv", CSV_COMMA.encode())

    again = _import(world, "akim-meeting.csv", CSV_COMMA.encode())

    assert (again.created, again.already_there, again.refused) == (0, 2, [])
    assert Question.objects.count() == 2


def test_rows_without_an_id_are_recognised_again_by_their_content(world):
    content = "текст;дата\nЖолды қашан жөндейді? Көктемде су басады.;01.03.2027\n".encode()
    _import(world, "social.csv", content, channel=Channel.SOCIAL)

    again = _import(world, "social.csv", content, channel=Channel.SOCIAL)

    assert (again.created, again.already_there) == (0, 1)
    assert Question.objects.get().language == "kk"


def test_a_semicolon_csv_with_a_byte_order_mark_and_russian_columns(world):
    content = "\ufeffНомер;Дата;Текст;Район\n7;2027-02-03;Когда построят поликлинику?;Приречный район\n"

    batch = _import(world, "eotinish.csv", content.encode("utf-8"), channel=Channel.EOTINISH)

    assert batch.created == 1
    question = Question.objects.get()
    assert (question.external_id, question.text, question.district.name_en) == (
        "7",
        "Когда построят поликлинику?",
        "Riverside District",
    )


def test_an_xlsx_export_is_imported_with_spreadsheet_row_numbers_for_refusals(world):
    content = _xlsx(
        [
            ["№", "Күні", "Мәтін", "Аудан"],
            [101, "2027-02-05", "Ауылға жол керек, қыста жабылып қалады", "Өзен ауданы"],
            [102, "2027-02-05", "<script>alert(1)</script>", None],
            [None, None, None, None],
            [103, "soon", "Балабақша жетіспейді, кезек ұзын", None],
        ]
    )

    batch = _import(world, "blog.xlsx", content, channel=Channel.BLOG)

    assert batch.created == 1
    assert Question.objects.get().external_id == "101"
    assert [refusal["row"] for refusal in batch.refused] == [3, 5]
    assert "plain text" in batch.refused[0]["reason"]
    assert "“soon” is not understood" in batch.refused[1]["reason"]


def test_json_as_a_list_or_under_items(world):
    items = [{"id": "s-1", "text": "Когда будет газ в нашем селе?"}, {"id": "s-2", "message": "Нет воды третий день"}]

    as_list = _import(world, "social.json", json.dumps(items).encode(), channel=Channel.SOCIAL)
    under_items = _import(world, "social.json", json.dumps({"items": items}).encode(), channel=Channel.SOCIAL)

    assert (as_list.created, under_items.already_there) == (2, 2)


def test_bad_rows_are_refused_with_their_number_and_reason_and_the_rest_imported(world):
    content = (
        "id;text;region;district\n"
        "1;;;\n"
        "2;Short;;\n"
        "3;Where is the new bridge promised last year?;Atlantis;\n"
        "4;Where is the new bridge promised last year?;;Nowhere District\n"
        "5;Where is the new bridge promised last year?;;\n"
        "5;The same id again in this file, a second time;;\n"
    )

    batch = _import(world, "rows.csv", content.encode())

    assert batch.created == 1
    assert batch.refused == [
        {"row": 2, "reason": "The text is empty."},
        {"row": 3, "reason": "The question is too short: write at least 10 characters."},
        {"row": 4, "reason": "The region “Atlantis” is not known."},
        {"row": 5, "reason": f"The district or town “Nowhere District” is not known in {world.visit.region.name}."},
        {"row": 7, "reason": "The id “5” repeats row 6."},
    ]


@pytest.mark.parametrize(
    ("file_name", "content", "message"),
    [
        ("questions.pdf", b"%PDF-1.4", "is not a CSV, XLSX or JSON file"),
        ("questions.csv", b"", "The file is empty."),
        ("questions.csv", "id;текст\n1;Вопрос о дорогах\n".encode("cp1251"), "not in UTF-8"),
        ("questions.csv", b"id;question_id;author\n1;2;3\n", "no column with the questions' text"),
        ("questions.xlsx", b"PK\x03\x04 not really a workbook", "cannot be read as an XLSX workbook"),
        ("questions.json", b'{"items": [', "not valid JSON"),
        ("questions.json", b'{"questions": []}', "must hold a list of questions"),
        ("questions.json", b"[]", "holds no questions"),
    ],
)
def test_a_bad_file_is_refused_whole_with_a_clear_message(world, file_name, content, message):
    with pytest.raises(DomainError) as refused:
        _import(world, file_name, content)

    assert message in str(refused.value.message)
    assert ImportBatch.objects.count() == 0
    assert Question.objects.count() == 0


def test_an_oversized_file_is_refused(world):
    content = b"text\n" + b"x" * MAX_FILE_BYTES

    with pytest.raises(DomainError) as refused:
        _import(world, "big.csv", content)

    assert "too large" in str(refused.value.message)


def test_a_file_with_too_many_rows_is_refused_and_nothing_is_saved(world):
    content = "id,text\n" + "".join(
        f"{number},Question number {number} about roads\n" for number in range(MAX_ROWS + 1)
    )

    with pytest.raises(DomainError) as refused:
        _import(world, "many.csv", content.encode())

    assert "more than 20,000 rows" in str(refused.value.message)
    assert Question.objects.count() == 0


def test_the_web_and_systemic_problem_channels_cannot_be_imported(world):
    with pytest.raises(DomainError) as refused:
        _import(world, "akim-meeting.csv", CSV_COMMA.encode(), channel=Channel.WEB)
    assert refused.value.code == "channel"


def test_importing_needs_the_permission(world):
    with pytest.raises(NotPermitted):
        _import(world, "akim-meeting.csv", CSV_COMMA.encode(), role="akimat_viewer")
    assert ImportBatch.objects.count() == 0


def test_the_separator_is_the_one_the_header_uses_whatever_the_texts_hold(world):
    semicolons = "id;text\n1;Дороги, мосты, остановки: когда ремонт?\n".encode()
    commas = 'id,text\n2,"Школа; детский сад; поликлиника — когда?"\n'.encode()

    _import(world, "semicolons.csv", semicolons)
    _import(world, "commas.csv", commas)

    assert sorted(Question.objects.values_list("text", flat=True)) == [
        "Дороги, мосты, остановки: когда ремонт?",
        "Школа; детский сад; поликлиника — когда?",
    ]
