"""Importing the platforms' exported files of broadcast comments into the meeting's stream."""

import json
from pathlib import Path

import pytest

from kezdesu.core.errors import NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.questions.interfaces.comment_importers import import_comment_file, read_comment_file
from kezdesu.questions.interfaces.importers import ImportFileError
from kezdesu.questions.models import Channel, ImportBatch, Question
from tests.factories.live import build_live_world

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parents[2] / "kezdesu" / "demo" / "files"


@pytest.fixture
def world():
    return build_live_world()


def load(world, platform, name=None, content=None, role="ministry_editor"):
    name = name or f"{platform}-comments.json"
    content = content if content is not None else (FILES / name).read_bytes()
    return import_comment_file(
        actor=world.user(role), visit=world.visit, platform=platform, file_name=name, content=content
    )


def broadcast():
    return Question.objects.filter(channel=Channel.BROADCAST).order_by("external_id")


def test_youtube_comment_threads_keep_their_ids_and_spam_waits():
    rows = read_comment_file("youtube", "y.json", (FILES / "youtube-comments.json").read_bytes()).rows
    assert rows[0].external_id == "youtube:UgxDemoA1b2C3d4E5f6"
    assert (rows[0].name, rows[0].date) == ("Айгерім Н.", "2027-03-10T10:05:00Z")


def test_a_youtube_export_is_imported_with_the_policy_applied(world):
    batch = load(world, "youtube")
    assert (batch.channel, batch.created, batch.already_there) == (Channel.BROADCAST, 5, 0)
    assert batch.refused == [{"row": 6, "reason": "The question is too short: write at least 10 characters."}]
    statuses = {q.external_id: q.status for q in broadcast()}
    assert statuses["youtube:UgxDemoE5f6G7h8I9j0"] == Question.Status.RECEIVED  # a link: spam suspected
    assert sum(status == Question.Status.PUBLISHED for status in statuses.values()) == 4
    assert AuditLog.objects.filter(action="questions.broadcast_imported").count() == 1


def test_importing_the_same_file_again_adds_nothing(world):
    load(world, "youtube")
    again = load(world, "youtube")
    assert (again.created, again.already_there) == (0, 5)
    assert broadcast().count() == 5


def test_a_facebook_export(world):
    batch = load(world, "facebook")
    assert batch.created == 3
    first = broadcast().first()
    assert (first.external_id, first.author_name, first.received_at.isoformat()) == (
        "facebook:1020304050_9001",
        "Гульнара Ж.",
        "2027-03-10T10:06:30+00:00",
    )


def test_a_telegram_export_skips_service_messages_and_joins_formatted_text(world):
    batch = load(world, "telegram")
    assert batch.created == 2
    joined = Question.objects.get(external_id="telegram:503")
    assert joined.text == "Субсидии на корма приходят с опозданием на полгода. Можно ли ускорить?"
    assert joined.author_name == "Олег"


def test_a_vk_export_names_authors_from_its_profiles(world):
    batch = load(world, "vk")
    assert batch.created == 2
    comment = Question.objects.get(external_id="vk:71")
    assert (comment.author_name, comment.received_at.isoformat()) == ("Ирина П.", "2027-03-10T07:30:00+00:00")


def test_a_csv_of_comments_in_the_import_schema(world):
    content = b"id;date;name;text\nc-1;2027-03-10 10:20;Alma;Will the clinic get a new X-ray machine?\n"
    batch = load(world, "facebook", name="comments.csv", content=content)
    assert (batch.created, batch.file_format) == (1, ImportBatch.Format.CSV)
    assert broadcast().get().external_id == "facebook:c-1"


def test_the_same_comment_in_two_platforms_is_two_questions(world):
    one = json.dumps({"data": [{"id": "7", "message": "The same words in two places"}]}).encode()
    two = json.dumps({"response": {"items": [{"id": 7, "text": "The same words in two places"}]}}).encode()
    load(world, "facebook", name="f.json", content=one)
    load(world, "vk", name="v.json", content=two)
    assert list(broadcast().values_list("external_id", flat=True)) == ["facebook:7", "vk:7"]


@pytest.mark.parametrize(
    ("platform", "content", "message"),
    [
        ("youtube", b"{broken", "The file is not valid JSON"),
        ("youtube", b'{"data": []}', "This is not a YouTube export"),
        ("facebook", b'{"items": []}', "This is not a Facebook export"),
        ("telegram", b"[]", "This is not a Telegram export"),
        ("vk", b'{"items": []}', "This is not a VK export"),
        ("telegram", b'{"messages": []}', "The file holds no comments."),
        ("instagram", b"{}", "Choose the platform the comments were exported from."),
    ],
)
def test_a_malformed_export_is_refused_and_saves_nothing(world, platform, content, message):
    with pytest.raises(ImportFileError) as refused:
        load(world, platform, name="export.json", content=content)
    assert str(refused.value.message).startswith(message)
    assert broadcast().count() == 0
    assert ImportBatch.objects.count() == 0


def test_a_file_that_is_neither_json_nor_csv_is_refused(world):
    with pytest.raises(ImportFileError):
        load(world, "youtube", name="export.xml", content=b"<xml/>")


def test_viewers_may_not_import_comments(world):
    with pytest.raises(NotPermitted):
        load(world, "youtube", role="akimat_viewer")
