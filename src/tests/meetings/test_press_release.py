"""The draft press release from the visit's data (R12), per language, as text and as DOCX."""

import io

import pytest
from docx import Document

from kezdesu.meetings.domain.agenda import set_agenda
from kezdesu.meetings.interfaces.press_release import press_release, press_release_docx, press_releases
from kezdesu.meetings.models import Visit, VisitPart
from tests.factories.agenda import entries, with_profile
from tests.factories.meetings import build_visit_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_visit_world()
    Visit.objects.filter(pk=world.visit.pk).update(title_ru="", how_to_take_part_ru="Приходите в зал.")
    VisitPart.objects.filter(visit=world.visit).update(venue_ru="Дворец культуры", address_ru="ул. Главная, 1")
    world.visit.refresh_from_db()
    return world


def test_the_english_draft_says_who_where_when_and_how(world):
    release = press_release(world.visit, "en")
    region = world.visit.region.name_en
    district = world.district.name_en
    assert release.title == f"Minister A meets the population: {region}, 10.03.2027"
    assert release.paragraphs == [
        "Minister A (Ministry A) meets the population on 10.03.2027 at 10:00.",
        f"Where: {district}, {region}; Palace of Culture, 1 Main Street.",
        "The visit comprises the meeting with the population, personal reception of citizens, a meeting with "
        "non-governmental organisations and a briefing for the media.",
        "Meeting with the population: 10.03.2027, 10:00–12:00, Palace of Culture, 1 Main Street.",
        "Personal reception of citizens: 10.03.2027, 13:00–15:00, Palace of Culture, 1 Main Street.",
        "Meeting with non-governmental organisations: 10.03.2027, 15:00–16:00, Palace of Culture, 1 Main Street.",
        "Media briefing: 10.03.2027, 16:00–17:00, Palace of Culture, 1 Main Street.",
        "Come to the hall or ask online.",
        f"Questions and proposals for the meeting are accepted on the meeting page: "
        f"http://127.0.0.1:8000/en/visits/{world.visit.pk}/",
        "The meeting is broadcast live, with comments open, on the official accounts: "
        "YouTube: https://www.youtube.com/watch?v=abcdefghijk",
    ]


def test_the_russian_draft_takes_the_russian_content_and_page(world):
    text = press_release(world.visit, "ru").text
    assert "Дворец культуры, ул. Главная, 1" in text
    assert "Приходите в зал." in text
    assert f"http://127.0.0.1:8000/ru/visits/{world.visit.pk}/" in text
    assert "Palace of Culture" not in text


def test_the_quarter_rule_is_mentioned_once_the_agenda_has_a_presentation(world):
    with_profile()
    set_agenda(
        actor=world.user("ministry_editor"),
        part=world.part("meeting"),
        items=entries(("presentation", 25), ("questions", 90)),
    )
    assert (
        "The report's presentation takes no more than a quarter of the meeting's time; the rest of the time is "
        "given to the population's questions and answers."
    ) in press_release(world.visit, "en").paragraphs


def test_a_part_without_times_is_to_be_announced(world):
    VisitPart.objects.filter(visit=world.visit, kind="ngo_meeting").update(starts_at=None, ends_at=None)
    assert (
        "Meeting with non-governmental organisations: Palace of Culture, 1 Main Street; the time will be announced."
        in (press_release(world.visit, "en").paragraphs)
    )


def test_there_is_a_draft_in_each_language(world):
    assert [release.language for release in press_releases(world.visit)] == ["kk", "ru", "en"]


def test_the_docx_holds_the_three_drafts(world):
    document = Document(io.BytesIO(press_release_docx(world.visit)))
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 1"]
    assert len(headings) == 3
    assert headings[2] == f"Minister A meets the population: {world.visit.region.name_en}, 10.03.2027"
    assert len(document.sections) == 3
