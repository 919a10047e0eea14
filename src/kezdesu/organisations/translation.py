"""Translated content, stored per language (name_kk, name_ru, name_en)."""

from modeltranslation.translator import TranslationOptions, register

from kezdesu.organisations.models import District, Organisation, OrganisationName, Position, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "short_name", "competence")


@register(Position)
class PositionTranslation(TranslationOptions):
    fields = ("title",)


@register(OrganisationName)
class OrganisationNameTranslation(TranslationOptions):
    fields = ("name",)
