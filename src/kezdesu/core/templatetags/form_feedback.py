"""What a form sent answers where the page lands (issue 14): the error summary and the confirmation panel.

A form sent back with errors shows `includes/error_summary.html` (GOV.UK's pattern: "There is a problem" and a
link to each field with a problem); a form done shows `includes/confirmation.html`. Both carry the id that the
form's `action` (or the redirect after it) names as fragment, so the browser lands on them without JavaScript;
`static/kezdesu/form_errors.js` then focuses them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django import forms, template
from django.contrib.messages import get_messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest
from django.utils.translation import pgettext

from kezdesu.core.templatetags.layout import message_at

register = template.Library()

# Widgets that render one input per choice: the summary links to the first (Django's `<id>_0`).
ONE_INPUT_PER_CHOICE = ("radioselect", "checkboxselectmultiple")


@dataclass(frozen=True)
class SummaryItem:
    text: str
    anchor: str  # the id of the field to link to; empty for an error about the whole form


def field_anchor(field: forms.BoundField) -> str:
    if field.is_hidden:
        return ""
    if field.widget_type in ONE_INPUT_PER_CHOICE:
        return f"{field.auto_id}_0" if field.auto_id else ""
    return str(field.id_for_label or "")


def _is_generic(field: forms.Field, error: ValidationError) -> bool:
    """Whether the error is one of Django's messages that do not say which field they are about
    ("This field is required."), rather than a message of our own ("Choose a date and time.")."""
    defaults: dict[str, object] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    return error.code in defaults and str(error.message) == str(defaults[error.code])


def _summary_text(field: forms.BoundField, error: ValidationError) -> str:
    text = " ".join(error.messages)
    if not _is_generic(field.field, error):
        return text
    # In the summary, away from its field, a message such as "This field is required." names the field.
    return pgettext("error summary: a field's label, then its error", "%(label)s: %(error)s") % {
        "label": field.label,
        "error": text,
    }


@register.simple_tag
def error_summary_items(form: forms.BaseForm, anchors: Mapping[str, str] | None = None) -> list[SummaryItem]:
    """The form's errors in the order of the page: the form's own first, then each field's.

    `anchors` names the element to link to for a field the template renders by hand with ids of its own
    (e.g. radios named after the records they offer).
    """
    anchors = anchors or {}
    items = [SummaryItem(text=str(error), anchor="") for error in form.non_field_errors()]
    by_field = form.errors.as_data()
    for field in form:
        for error in by_field.get(field.name, []):
            anchor = anchors.get(field.name) or field_anchor(field)
            items.append(SummaryItem(text=_summary_text(field, error), anchor=anchor))
    # Errors about a field the form does not render (none today) still reach the person.
    shown = {field.name for field in form}
    for name, texts in form.errors.items():
        if name != NON_FIELD_ERRORS and name not in shown:
            items.extend(SummaryItem(text=str(text), anchor="") for text in texts)
    return items


@dataclass(frozen=True)
class Note:
    text: str
    level_tag: str  # "success", "info", "warning" or "error", as Django's messages


@register.simple_tag
def answer_notes(request: HttpRequest | None, anchor: str, text: str = "") -> list[Note]:
    """What the confirmation panel `anchor` says: `text` when the page itself is the confirmation, else the
    messages a view left for that part of the page (`messages.success(..., extra_tags=message_at(anchor))`),
    which the page shows there rather than at its top, out of sight."""
    if text:
        return [Note(text=str(text), level_tag="success")]
    if request is None:
        return []
    wanted = message_at(anchor)
    return [
        Note(text=str(message), level_tag=message.level_tag or "info")
        for message in get_messages(request)
        if wanted in str(message.extra_tags or "").split()
    ]


@register.filter
def has_error_level(notes: list[Note]) -> bool:
    return any(note.level_tag == "error" for note in notes)
