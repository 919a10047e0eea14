"""Names are listed in the alphabetical order of the page's language (issue 14), whatever the database."""

import pytest
from django.utils import translation

from kezdesu.core.collation import KAZAKH, collated, sort_key
from kezdesu.organisations.models import Region
from kezdesu.portal.views.visits import VisitFilterForm


def test_kazakh_letters_follow_the_letters_they_resemble():
    words = ["Ыбырай", "Өскемен", "Әлия", "Ұлытау", "Іле", "Абай", "Үржар", "Қарағанды", "Ордабасы", "Кентау", "Һ"]
    assert sorted(words, key=lambda word: sort_key(word, "kk")) == [
        "Абай", "Әлия", "Кентау", "Қарағанды", "Ордабасы", "Өскемен", "Ұлытау", "Үржар", "Һ", "Ыбырай", "Іле",
    ]  # fmt: skip


def test_the_kazakh_alphabet_is_in_its_own_order():
    letters = list(KAZAKH)
    shuffled = sorted(letters, key=ord)
    assert sorted(shuffled, key=lambda letter: sort_key(letter, "kk")) == letters


def test_russian_order_puts_yo_after_ye_and_ignores_case_and_quotes():
    words = ["«Ёлка»", "ель", "Жанна", "Ерлан"]
    assert sorted(words, key=lambda word: sort_key(word, "ru")) == ["ель", "Ерлан", "«Ёлка»", "Жанна"]


def test_english_order_ignores_accents_and_puts_latin_first():
    words = ["Zhetysu", "Ábai", "Abay", "Алматы", "akmola"]
    assert sorted(words, key=lambda word: sort_key(word, "en")) == ["Ábai", "Abay", "akmola", "Zhetysu", "Алматы"]


def test_a_word_comes_before_its_longer_forms():
    assert sort_key("Ақ", "kk") < sort_key("Ақ жол", "kk") < sort_key("Ақжол", "kk")


def test_collated_orders_by_the_active_language():
    with translation.override("kk"):
        assert collated(["Ізбасар", "Ысқақ", "Әсет", "Бек"]) == ["Әсет", "Бек", "Ысқақ", "Ізбасар"]


@pytest.mark.django_db
def test_the_region_filter_lists_regions_in_the_page_language_order():
    Region.objects.all().delete()
    for kato, kk, ru, en in [
        ("1", "Ұлытау облысы", "Улытауская область", "Ulytau Region"),
        ("2", "Абай облысы", "Абайская область", "Abai Region"),
        ("3", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
        ("4", "Атырау облысы", "Атырауская область", "Atyrau Region"),
        ("5", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
    ]:
        Region.objects.create(
            kato=kato, iso_code=f"KZ-{kato}", pcode=f"KZ{kato}", kind="oblast", name_kk=kk, name_ru=ru, name_en=en
        )

    def labels(language: str) -> list[str]:
        with translation.override(language):
            return [str(label) for value, label in VisitFilterForm().fields["region"].choices if value]

    assert labels("kk") == ["Абай облысы", "Ақмола облысы", "Атырау облысы", "Ұлытау облысы", "Шығыс Қазақстан облысы"]
    assert labels("ru") == [
        "Абайская область", "Акмолинская область", "Атырауская область", "Восточно-Казахстанская область",
        "Улытауская область",
    ]  # fmt: skip
    assert labels("en") == ["Abai Region", "Akmola Region", "Atyrau Region", "East Kazakhstan Region", "Ulytau Region"]
