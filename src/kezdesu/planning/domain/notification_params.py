"""Params of planning's notifications: translated names are passed in every language."""

from django.db import models

LANGUAGES = ("kk", "ru", "en")


def translated(instance: models.Model, field: str = "name") -> dict[str, str]:
    """{"kk": ..., "ru": ..., "en": ...} of a modeltranslation field, for `notify` params."""
    return {language: getattr(instance, f"{field}_{language}") or "" for language in LANGUAGES}
