"""Translated content of planning, stored per language (topics_kk, topics_ru, topics_en...): the topics a citizen
reads on the schedule, and the risk texts the schedule's readers see beside an item (issue 14)."""

from modeltranslation.translator import TranslationOptions, register

from kezdesu.planning.models import Proposal, RiskFlag, ScheduleItem


@register(ScheduleItem)
class ScheduleItemTranslation(TranslationOptions):
    fields = ("topics",)


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("topics",)


@register(RiskFlag)
class RiskFlagTranslation(TranslationOptions):
    fields = ("description", "evidence")
