from modeltranslation.translator import TranslationOptions, register

from kezdesu.regulations.models import CalendarException, ObligationRule, RegulationProfile


@register(RegulationProfile)
class RegulationProfileTranslation(TranslationOptions):
    fields = ("title", "act", "notes")


@register(ObligationRule)
class ObligationRuleTranslation(TranslationOptions):
    fields = ("title",)


@register(CalendarException)
class CalendarExceptionTranslation(TranslationOptions):
    fields = ("reason",)
