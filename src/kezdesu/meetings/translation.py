"""Translated content of visits, stored per language (title_kk, title_ru, title_en...)."""

from modeltranslation.translator import TranslationOptions, register

from kezdesu.meetings.models import AgendaItem, Visit, VisitPart, VisitTask


@register(Visit)
class VisitTranslation(TranslationOptions):
    fields = ("title", "how_to_take_part")


@register(VisitPart)
class VisitPartTranslation(TranslationOptions):
    fields = ("venue", "address")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)


@register(VisitTask)
class VisitTaskTranslation(TranslationOptions):
    fields = ("title",)
