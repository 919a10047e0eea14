"""The quarterly progress report (R21) as a Word document in one language, from its snapshot (as published)
or from the compiled figures of a draft (`CompiledReport.to_json()`)."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from docx.shared import Cm

from kezdesu.followup.domain.progress_reports import pick
from kezdesu.followup.interfaces.publication_docx import table
from kezdesu.followup.models import MeasureStatus, ProblemIssue
from kezdesu.meetings.interfaces.record_docx import _document, _facts


def _date(value: str | None) -> str:
    return datetime.date.fromisoformat(value[:10]).strftime("%d.%m.%Y") if value else "—"


def _status(value: str) -> str:
    labels = {**dict(MeasureStatus.choices), **dict(ProblemIssue.Status.choices)}
    return str(labels.get(value, value))


def progress_report_file_name(organisation: str, year: int, quarter: int, language: str) -> str:
    return f"kezdesu-progress-{organisation}-{year}-q{quarter}-{language}.docx"


def progress_report_docx(snapshot: dict[str, Any], *, language: str) -> bytes:
    with translation.override(language):
        document = _document()
        document.add_paragraph(_("Progress in solving the problem issues"), style="Title")
        document.add_paragraph(
            _("%(ministry)s · quarter %(quarter)s of %(year)s")
            % {
                "ministry": pick(snapshot["organisation_name"]),
                "quarter": snapshot["quarter"],
                "year": snapshot["year"],
            }
        )
        counts = snapshot["counts"]
        published = _date(snapshot.get("published_at"))
        if snapshot.get("revised_at"):
            published += " · " + _("revised %(when)s") % {"when": _date(snapshot["revised_at"])}
        _facts(
            document,
            [
                (_("Period"), f"{_date(snapshot['start'])} – {_date(snapshot['end'])}"),
                (_("As of"), _date(snapshot["as_of"])),
                (_("Published"), published),
                (_("Problem issues raised"), str(counts["raised"])),
                (_("Solved"), str(counts["solved"])),
                (_("Being solved"), str(counts["in_progress"])),
                (_("Cannot be solved"), str(counts["not_solvable"])),
                (_("With overdue measures"), str(counts["overdue"])),
            ],
        )
        narrative = pick(snapshot.get("narrative") or "")
        if narrative:
            document.add_paragraph(_("Summary"), style="Heading 1")
            for paragraph in narrative.split("\n"):
                if paragraph.strip():
                    document.add_paragraph(paragraph.strip())
        document.add_paragraph(_("Problem issues and measures"), style="Heading 1")
        if not snapshot["issues"]:
            document.add_paragraph(_("No problem issues have been published yet."))
        for issue in snapshot["issues"]:
            heading = f"{issue['number']}. {pick(issue['title'])} — {_status(issue['status'])}"
            if issue["overdue"]:
                heading += " · " + _("overdue")
            document.add_paragraph(heading, style="Heading 2")
            district = pick(issue["district"])
            document.add_paragraph(
                f"{pick(issue['visit'])} · {pick(issue['region'])}" + (f", {district}" if district else "")
            )
            rows = [
                (
                    f"{issue['number']}.{position}",
                    pick(measure["text"]),
                    _date(measure["deadline"]),
                    f"{pick(measure['executor'])}, {pick(measure['executor_position'])}",
                    f"{_status(measure['status'])}, {measure['percent']}%"
                    + (" · " + _("overdue") if measure["overdue"] else ""),
                )
                for position, measure in enumerate(issue["measures"], start=1)
            ]
            if rows:
                header = (_("No."), _("Measure"), _("Deadline"), _("Executor"), _("Status at the quarter's end"))
                table(document, header, rows, (Cm(1.2), Cm(6.2), Cm(2.2), Cm(4.2), Cm(3.6)))
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
