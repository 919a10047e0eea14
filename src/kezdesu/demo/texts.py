"""The demo's texts in Kazakh, Russian and English, and how they go into a model's fields.

A field translated with django-modeltranslation gets all three (`<field>_kk`, `_ru`, `_en`); a field kept in one
language gets the text in its author's language, as a person writing it in Kezdesu would.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from django.db import models
from modeltranslation.translator import NotRegistered, translator

T = tuple[str, str, str]  # kk, ru, en
LANGUAGES = ("kk", "ru", "en")


def is_translated(model: type[models.Model], field: str) -> bool:
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return False
    return field in options.all_fields


def in_language(text: T, language: str) -> str:
    return text[LANGUAGES.index(language)] if language in LANGUAGES else text[1]


def _accepts(function: Callable[..., Any], name: str) -> bool:
    parameters = inspect.signature(function).parameters
    return name in parameters or any(p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters.values())


def texts_for(
    function: Callable[..., Any], model: type[models.Model], field: str, text: T, *, author: Any
) -> dict[str, Any]:
    """The keyword arguments with which `function` writes `text` into `model.field`: all three languages where the
    field is translated and the function takes them, else the author's language (see `fill_languages`)."""
    if is_translated(model, field) and _accepts(function, f"{field}_kk"):
        return {f"{field}_{code}": value for code, value in zip(LANGUAGES, text, strict=True)}
    return {field: in_language(text, getattr(author, "language", "ru"))}


def fill_languages(instance: models.Model, field: str, text: T) -> None:
    """Where a translated field was written through a function that takes one language only (into the active
    language's column), every language gets its own text: the same content, written by the same person."""
    if not is_translated(type(instance), field):
        return
    values = {f"{field}_{code}": value for code, value in zip(LANGUAGES, text, strict=True)}
    type(instance)._default_manager.filter(pk=instance.pk).update(**values)
    for name, value in values.items():
        setattr(instance, name, value)
