from modeltranslation.translator import TranslationOptions, register

from kezdesu.regulations.models import CalendarException, ObligationRule, ProfileAmendment, RegulationProfile


@register(RegulationProfile)
class RegulationProfileTranslation(TranslationOptions):
    fields = ("title", "act", "repealed_by", "notes")


@register(ObligationRule)
class ObligationRuleTranslation(TranslationOptions):
    fields = ("title", "notes")


@register(CalendarException)
class CalendarExceptionTranslation(TranslationOptions):
    fields = ("reason",)


@register(ProfileAmendment)
class ProfileAmendmentTranslation(TranslationOptions):
    fields = ("act", "summary")
