"""Translated content in all three languages: {"kk": ..., "ru": ..., "en": ...}."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kezdesu.api.language import LANGUAGE_CODES


class TranslationsSerializer(serializers.Serializer[Any]):
    """The schema of a translated text; the values are what modeltranslation stores per language."""

    kk = serializers.CharField(help_text="Kazakh (the state language).")
    ru = serializers.CharField(help_text="Russian.")
    en = serializers.CharField(help_text="English.")


@extend_schema_field(TranslationsSerializer)
class TranslatedField(serializers.Field[dict[str, str], None, dict[str, str], Any]):
    """Reads `<field>_kk`, `<field>_ru`, `<field>_en` from the instance, or from `source` (read-only)."""

    def __init__(self, field: str, **kwargs: Any) -> None:
        self.translated_field = field
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, str]:
        return {code: getattr(value, f"{self.translated_field}_{code}") or "" for code in LANGUAGE_CODES}


LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}


def translated_input(language: str, what: str) -> serializers.CharField:
    """A write-only text in one language (`topics_kk` …). A language left out stays empty: readers get another
    language's text in the plain field, and `<field>_i18n` shows which languages exist."""
    return serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        default="",
        help_text=f"{what} in {LANGUAGE_NAMES[language]}.",
    )
