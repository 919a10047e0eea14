"""Translated content of questions' reference data, stored per language (name_kk, name_ru, name_en)."""

from modeltranslation.translator import TranslationOptions, register

from kezdesu.questions.models import Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
