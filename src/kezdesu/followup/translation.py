"""Translated content of the follow-up, stored per language (title_kk, title_ru, title_en...)."""

from modeltranslation.translator import TranslationOptions, register

from kezdesu.followup.models import Measure, ProblemIssue, ProgressReport, Publication


@register(ProblemIssue)
class ProblemIssueTranslation(TranslationOptions):
    fields = ("title", "description", "status_note")


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("text", "executor_position")


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("results",)


@register(ProgressReport)
class ProgressReportTranslation(TranslationOptions):
    fields = ("narrative",)
