"""A ministry's quarterly information (R22) as a Word document in one language, from its snapshot (as approved)
or from the compiled figures of a draft (`QuarterFigures.to_json()` with the narrative)."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from docx.shared import Cm

from kezdesu.followup.domain.progress_reports import pick
from kezdesu.followup.interfaces.publication_docx import table
from kezdesu.meetings.interfaces.record_docx import _document, _facts
from kezdesu.meetings.models import Visit
from kezdesu.questions.models import Channel
from kezdesu.reports.domain.figures import SECTIONS

LANGUAGES = ("kk", "ru")  # the documents' languages; English falls back to the reader's (followup's rule)


def document_language(value: str | None) -> str:
    """kk or ru: what was asked for if it is one of them, else the active language if it is, else kk."""
    if value in LANGUAGES:
        return str(value)
    active = (translation.get_language() or "kk")[:2]
    return active if active in LANGUAGES else "ru" if active == "en" else "kk"


def date_text(value: str | None) -> str:
    return datetime.date.fromisoformat(value[:10]).strftime("%d.%m.%Y") if value else "—"


def quarterly_file_name(organisation: str, year: int, quarter: int, language: str, extension: str) -> str:
    return f"kezdesu-quarterly-{organisation}-{year}-q{quarter}-{language}.{extension}"


def publication_text(value: bool | None) -> str:
    if value is None:
        return "—"
    return _("on time") if value else _("late or missing")


def meeting_rows(snapshot: dict[str, Any]) -> list[tuple[str, ...]]:
    statuses = dict(Visit.Status.choices)
    rows: list[tuple[str, ...]] = []
    for row in snapshot.get("meetings", []):
        dates = date_text(row["start_date"])
        if row["end_date"] != row["start_date"]:
            dates += " – " + date_text(row["end_date"])
        district = pick(row["district"])
        rows.append(
            (
                dates,
                pick(row["held_by"]),
                pick(row["region"]) + (f", {district}" if district else ""),
                str(statuses.get(row["status"], row["status"]))
                + ("" if row["scheduled"] else " · " + _("unscheduled")),
                f"{row['participants_hall']} / {row['participants_online']}",
                str(row["questions"]),
                str(row["issues_raised"]),
                publication_text(row["published_on_time"]),
            )
        )
    return rows


def meeting_header() -> tuple[str, ...]:
    return (
        _("Dates"),
        _("Held by"),
        _("Region, district"),
        _("Status"),
        _("Hall / online"),
        _("Questions"),
        _("Problem issues"),
        _("Results published"),
    )


def channel_rows(snapshot: dict[str, Any]) -> list[tuple[str, int]]:
    labels = dict(Channel.choices)
    by_channel = snapshot.get("questions_by_channel", {})
    return [(str(labels[code]), int(by_channel.get(code, 0))) for code in Channel.values]


def quarterly_docx(snapshot: dict[str, Any], *, language: str) -> bytes:
    language = document_language(language)
    with translation.override(language):
        document = _document()
        document.add_paragraph(_("Quarterly information on the meetings with the population"), style="Title")
        document.add_paragraph(
            _("%(ministry)s · quarter %(quarter)s of %(year)s")
            % {
                "ministry": pick(snapshot["organisation_name"]),
                "quarter": snapshot["quarter"],
                "year": snapshot["year"],
            }
        )
        facts = [
            (_("Period"), f"{date_text(snapshot['start'])} – {date_text(snapshot['end'])}"),
            (_("As of"), date_text(snapshot["as_of"])),
        ]
        if snapshot.get("approved_at"):
            facts.append((_("Approved in the ministry"), date_text(snapshot["approved_at"])))
        else:
            facts.append((_("Status"), _("draft: figures as the records stand today")))
        _facts(document, facts)
        counts = snapshot["counts"]
        for title, rows in SECTIONS:
            document.add_paragraph(str(title), style="Heading 1")
            _facts(document, [(str(label), str(counts.get(name, 0))) for name, label, _help in rows])
        document.add_paragraph(_("Questions by channel"), style="Heading 1")
        _facts(document, [(label, str(count)) for label, count in channel_rows(snapshot)])
        narrative = pick(snapshot.get("narrative") or "", language)
        if narrative:
            document.add_paragraph(_("Summary"), style="Heading 1")
            for paragraph in narrative.split("\n"):
                if paragraph.strip():
                    document.add_paragraph(paragraph.strip())
        document.add_paragraph(_("Meetings of the quarter"), style="Heading 1")
        meetings = meeting_rows(snapshot)
        if meetings:
            widths = (Cm(2.2), Cm(2.6), Cm(2.8), Cm(2.2), Cm(1.9), Cm(1.6), Cm(1.8), Cm(2.3))
            table(document, meeting_header(), meetings, widths)
        else:
            document.add_paragraph(_("No visits in the quarter."))
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
