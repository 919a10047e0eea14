"""How one event of a problem issue's history reads, in the active language: the same words on the public
timeline, in the API and in the followers' e-mails.

`params` hold values for display (see `timeline.record_event`); translated content is a {"kk", "ru", "en"}
dict. Unknown keys are ignored and missing ones leave their part of the sentence out, so an event written
by an older version still reads.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kezdesu.followup.models import IssueEvent, MeasureStatus, ProblemIssue

FALLBACK = ("kk", "ru", "en")


def translated(value: Any) -> str:
    """A {"kk","ru","en"} dict in the active language (fallback kk → ru → en), or a plain value as text."""
    return translated_in(value)[0]


def translated_in(value: Any) -> tuple[str, str]:
    """(text, its language) of a {"kk","ru","en"} dict, as `translated`; a plain value's language is unknown ("")."""
    if isinstance(value, dict):
        language = translation.get_language() or settings.LANGUAGE_CODE
        for code in (language, *FALLBACK):
            if value.get(code):
                return str(value[code]), code
        return "", ""
    return ("" if value is None else str(value)), ""


def event_note(event: IssueEvent) -> tuple[str, str]:
    """The staff's own words on an event — a status note (per language) or a progress comment (written once, in
    one language) — and the language they are in ("" where unknown: the page tells it from the letters)."""
    params = event.params or {}
    if event.kind == IssueEvent.Kind.STATUS and event.measure_id is None:
        return translated_in(params.get("note"))
    if event.kind == IssueEvent.Kind.PROGRESS:
        return translated_in(params.get("comment"))
    return "", ""


def _date(value: Any) -> str:
    if not value:
        return ""
    try:
        day = datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return formats.date_format(day, "d.m.Y")  # as the pages show dates, in every language


def _issue_status(value: Any) -> str:
    try:
        return str(ProblemIssue.Status(value).label)
    except ValueError:
        return str(value or "")


def _measure_status(value: Any) -> str:
    try:
        return str(MeasureStatus(value).label)
    except ValueError:
        return str(value or "")


def _measure_text(event: IssueEvent) -> str:
    text = translated(event.params.get("text"))
    if not text and event.measure is not None:
        text = event.measure.text
    return text


def describe_event(event: IssueEvent, *, with_note: bool = True) -> str:
    """One sentence saying what happened, in the active language, followed by the staff's note on it (unless
    `with_note` is false: a page shows the note apart, marked with its language). No personal data ever enters
    `params`."""
    sentence = _sentence(event)
    note = event_note(event)[0] if with_note else ""
    return f"{sentence} {note}" if note else sentence


def _sentence(event: IssueEvent) -> str:
    params = event.params or {}
    kind = event.kind
    if kind == IssueEvent.Kind.RAISED:
        if params.get("citizens"):
            count = params["citizens"]
            return ngettext(
                "Raised by %(count)s citizen at the visit.", "Raised by %(count)s citizens at the visit.", count
            ) % {"count": count}
        return _("Raised by citizens at the visit.")
    if kind == IssueEvent.Kind.PUBLISHED:
        return _("Published in the visit's results.")
    if kind == IssueEvent.Kind.STATUS and event.measure_id is not None:
        return _("The measure “%(text)s” is now “%(status)s”.") % {
            "text": _measure_text(event),
            "status": _measure_status(params.get("status")),
        }
    if kind == IssueEvent.Kind.STATUS:
        return _("Status changed to “%(status)s”.") % {"status": _issue_status(params.get("status"))}
    if kind in (IssueEvent.Kind.MEASURE_ADDED, IssueEvent.Kind.MEASURE_CHANGED):
        values = {"text": _measure_text(event), "deadline": _date(params.get("deadline"))}
        if kind == IssueEvent.Kind.MEASURE_ADDED:
            if values["deadline"]:
                return _("Measure planned: %(text)s (deadline %(deadline)s).") % values
            return _("Measure planned: %(text)s.") % values
        if values["deadline"]:
            return _("Measure changed: %(text)s (deadline %(deadline)s).") % values
        return _("Measure changed: %(text)s.") % values
    if kind == IssueEvent.Kind.PROGRESS:
        values = {
            "text": _measure_text(event),
            "status": _measure_status(params.get("status")),
            "percent": params.get("percent", 0),
        }
        return _("Progress on the measure “%(text)s”: %(status)s, %(percent)s%% done.") % values
    if kind == IssueEvent.Kind.REPORT:
        if params.get("year") and params.get("quarter"):
            return _("Reported in the quarterly report for quarter %(quarter)s of %(year)s.") % {
                "quarter": params["quarter"],
                "year": params["year"],
            }
        return _("Reported in a quarterly report.")
    if kind == IssueEvent.Kind.MERGED:
        title = translated(params.get("title"))
        numbers = ", ".join(str(number) for number in params.get("numbers") or [])
        if numbers:
            return _("Problem issues No. %(numbers)s were merged into this one.") % {"numbers": numbers}
        if title:
            return _("Merged with the problem issue “%(title)s”.") % {"title": title}
        return _("Merged with another problem issue.")
    return str(IssueEvent.Kind(kind).label) if kind in IssueEvent.Kind.values else ""
