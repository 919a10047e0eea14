"""Translated content of the reports, stored per language (narrative_kk, narrative_ru, narrative_en...)."""

from modeltranslation.translator import TranslationOptions, register

from kezdesu.reports.models import (
    DocumentVersion,
    EvaluationScheme,
    GovernmentReview,
    HalfYearReport,
    Instruction,
    LibraryDocument,
    QuarterlyInformation,
)


@register(QuarterlyInformation)
class QuarterlyInformationTranslation(TranslationOptions):
    fields = ("narrative",)


@register(HalfYearReport)
class HalfYearReportTranslation(TranslationOptions):
    fields = ("narrative",)


@register(GovernmentReview)
class GovernmentReviewTranslation(TranslationOptions):
    fields = ("conclusions",)


@register(Instruction)
class InstructionTranslation(TranslationOptions):
    fields = ("text",)


@register(EvaluationScheme)
class EvaluationSchemeTranslation(TranslationOptions):
    fields = ("note", "approval_reference")


@register(LibraryDocument)
class LibraryDocumentTranslation(TranslationOptions):
    fields = ("title",)


@register(DocumentVersion)
class DocumentVersionTranslation(TranslationOptions):
    fields = ("approval_reference", "body", "changes")
