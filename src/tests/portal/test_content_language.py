"""Content in the page's language, or honestly marked with its own (issue 14): schedule topics, people named on
a visit page, citizens' questions, staff notes on a problem issue's timeline."""

import pytest
from django.template import Context, Template
from django.utils import translation

from kezdesu.followup.domain.event_text import describe_event, event_note
from kezdesu.followup.models import IssueEvent
from kezdesu.meetings.templatetags.visit_people import person, titles
from kezdesu.organisations.models import Position
from tests.factories.organisations import PositionFactory
from tests.factories.planning_published import PublishedItemFactory

pytestmark = pytest.mark.django_db


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load content_language %}" + source).render(Context(context))


def test_a_translated_field_reads_in_the_page_language_without_a_mark():
    item = PublishedItemFactory(topics_kk="Жолдар", topics_ru="Дороги", topics_en="Roads")

    assert render('{% translated_text item "topics" %}', "ru", item=item) == "Дороги"


def test_a_text_in_another_language_only_is_marked_with_its_lang_and_named():
    item = PublishedItemFactory(topics_kk="Жолдар", topics_ru="", topics_en="")

    assert render('{% translated_text item "topics" %}', "en", item=item) == (
        '<span lang="kk">Жолдар</span> <span class="content-language muted">(in Kazakh)</span>'
    )


def test_a_citizens_question_keeps_its_language_and_is_told_from_its_letters_when_unknown():
    assert render("{% written_text text 'ru' %}", "ru", text="Когда?") == "Когда?"
    assert render("{% written_text text %}", "en", text="Жол қашан жөнделеді?\n<b>") == (
        '<span lang="kk">Жол қашан жөнделеді?<br>&lt;b&gt;</span> '
        '<span class="content-language muted">(in Kazakh)</span>'
    )


def test_the_schedule_shows_the_topics_in_the_only_language_they_exist_in_with_its_lang(client):
    PublishedItemFactory(topics_kk="Су құбыры", topics_ru="", topics_en="")

    page = client.get("/en/schedule/").content.decode()

    assert '<span lang="kk">Су құбыры</span>' in page


def test_a_post_named_in_any_language_is_shown_in_the_page_language():
    minister = PositionFactory(
        title_kk="Денсаулық сақтау министрі", title_ru="Министр здравоохранения", title_en="Minister of Health"
    )
    posts = titles(Position.objects.filter(pk=minister.pk))

    with translation.override("en"):
        assert person("денсаулық сақтау министрі ", posts) == "Minister of Health"
        assert person("Аким села Акжар", posts) == (
            '<span lang="ru">Аким села Акжар</span> <span class="content-language muted">(in Russian)</span>'
        )


def test_a_progress_comment_is_apart_from_the_sentence_on_the_page_and_within_it_elsewhere():
    event = IssueEvent(
        kind=IssueEvent.Kind.PROGRESS, params={"status": "in_progress", "percent": 40, "comment": "Құбыр"}
    )

    assert event_note(event) == ("Құбыр", "")
    assert describe_event(event, with_note=False).endswith("40% done.")
    assert describe_event(event).endswith("40% done. Құбыр")


def test_a_status_note_per_language_knows_which_language_it_fell_back_to():
    event = IssueEvent(kind=IssueEvent.Kind.STATUS, params={"status": "solved", "note": {"kk": "Шешілді", "ru": ""}})

    with translation.override("ru"):
        assert event_note(event) == ("Шешілді", "kk")
