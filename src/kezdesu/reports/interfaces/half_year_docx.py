"""The half-year results (R23) as a Word document in one language, from the submitted snapshot or the compiled
figures of a draft (`HalfYearFigures.to_json()` with the narrative): the figures per ministry and in total, the
ministries' quarterly information, the akims' systemic problems (R11), and the Government's instructions."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from kezdesu.followup.domain.progress_reports import pick
from kezdesu.followup.interfaces.publication_docx import table
from kezdesu.meetings.interfaces.record_docx import _document, _facts
from kezdesu.reports.interfaces.half_year_labels import (
    INSTRUCTION_STATES,
    OBLIGATION_STATES,
    PROBLEM_STATES,
    QUARTER_SOURCES,
    QUARTER_STATES,
    label,
)
from kezdesu.reports.models import GovernmentReview


def _date(value: str | None) -> str:
    return datetime.date.fromisoformat(value[:10]).strftime("%d.%m.%Y") if value else "—"


def half_year_file_name(year: int, half: int, language: str) -> str:
    return f"kezdesu-half-year-{year}-h{half}-{language}.docx"


def period_title(year: int, half: int) -> str:
    if half == 1:
        return _("January–June %(year)s") % {"year": year}
    return _("July–December %(year)s") % {"year": year}


def _paragraphs(document: Any, text: str) -> None:
    for paragraph in text.split("\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())


def _quarter(quarter: dict[str, Any]) -> str:
    state = label(QUARTER_STATES, quarter["state"])
    if quarter["submitted_on"]:
        state += f" {_date(quarter['submitted_on'])}"
    return f"{state}; {label(QUARTER_SOURCES, quarter['source'])}"


def _answer(problem: dict[str, Any]) -> str:
    state = label(PROBLEM_STATES, problem["status"])
    if problem["answered_on"]:
        state += f" {_date(problem['answered_on'])}"
    return f"{state}\n{problem['answer']}".strip()


def _execution(instruction: dict[str, Any]) -> str:
    state = label(INSTRUCTION_STATES, instruction["state"])
    return f"{state} {_date(instruction['done_on'])}" if instruction["done_on"] else state


def meetings_met_text(counts: dict[str, int]) -> str:
    """'3 / 4', and how many of those met were held outside Kezdesu (recorded by hand), where any were."""
    text = f"{counts.get('meetings_required_met', 0)} / {counts['meetings_required']}"
    outside = counts.get("meetings_outside_kezdesu", 0)
    if outside:
        text += " (" + _("%(count)s held outside Kezdesu") % {"count": outside} + ")"
    return text


def meetings_held_text(counts: dict[str, int]) -> str:
    return f"{counts.get('meetings_first_head', 0)} · {counts.get('meetings_deputies', 0)}"


def _figures_rows(snapshot: dict[str, Any]) -> list[tuple[str, ...]]:
    def row(name: str, counts: dict[str, int]) -> tuple[str, ...]:
        return (
            name,
            meetings_met_text(counts),
            str(counts["participants_hall"] + counts["participants_online"]),
            str(counts["questions"]),
            str(counts["reception_received"]),
            f"{counts['issues_solved']} / {counts['issues_raised']}",
            f"{counts['measures_done']} / {counts['measures_due']}",
            f"{counts['publications_on_time']} / {counts['publications_due']}",
        )

    rows = [row(pick(ministry["organisation_name"]), ministry["counts"]) for ministry in snapshot["ministries"]]
    rows.append(row(_("Total"), snapshot["totals"]))
    return rows


def half_year_docx(snapshot: dict[str, Any], *, review: GovernmentReview | None = None, language: str) -> bytes:
    with translation.override(language):
        document = _document()
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        year, half = snapshot["year"], snapshot["half"]
        document.add_paragraph(_("Results of the meetings with the population for the half-year"), style="Title")
        document.add_paragraph(
            _("Information of the authorized body to the Government Apparatus · %(period)s")
            % {"period": period_title(year, half)}
        )
        submitted = _date(snapshot.get("submitted_at")) if snapshot.get("submitted_at") else _("not submitted")
        if snapshot.get("revised_at"):
            submitted += " · " + _("revised %(when)s") % {"when": _date(snapshot["revised_at"])}
        totals, submissions = snapshot["totals"], snapshot["submissions"]
        _facts(
            document,
            [
                (_("Period"), f"{_date(snapshot['start'])} – {_date(snapshot['end'])}"),
                (_("Due"), _date(snapshot.get("due"))),
                (_("As of"), _date(snapshot["as_of"])),
                (_("Submitted"), submitted),
                (_("First heads' meetings: required met / required"), meetings_met_text(totals)),
                (_("Meetings held: first heads · deputies and committee chairs"), meetings_held_text(totals)),
                (_("Questions received"), str(totals["questions"])),
                (
                    _("Quarterly information submitted on time / late / not submitted"),
                    f"{submissions['on_time']} / {submissions['late']} / {submissions['missing']}",
                ),
            ],
        )
        narrative = pick(snapshot.get("narrative") or "")
        if narrative:
            document.add_paragraph(_("Summary"), style="Heading 1")
            _paragraphs(document, narrative)

        document.add_paragraph(_("Figures by ministry"), style="Heading 1")
        header: tuple[str, ...] = (
            _("Ministry"),
            _("First heads' meetings: required met / required"),
            _("Participants"),
            _("Questions"),
            _("Received in person"),
            _("Problem issues solved / raised"),
            _("Measures done / due"),
            _("Publications on time / due"),
        )
        widths = (Cm(6.5), Cm(2.6), Cm(2.4), Cm(2.2), Cm(2.4), Cm(2.8), Cm(2.6), Cm(2.6))
        table(document, header, _figures_rows(snapshot), widths)

        document.add_paragraph(_("The ministries' quarterly information"), style="Heading 1")
        rows = [
            (
                pick(ministry["organisation_name"]),
                *(_quarter(quarter) for quarter in ministry["quarters"]),
            )
            for ministry in snapshot["ministries"]
        ]
        quarters = [quarter["quarter"] for quarter in snapshot["ministries"][0]["quarters"]] if rows else []
        header = (_("Ministry"), *(_("Quarter %(quarter)s") % {"quarter": quarter} for quarter in quarters))
        table(document, header, rows, (Cm(8), *(Cm(8.6) for _quarter in quarters)))

        problems = snapshot["systemic_problems"]
        counts = problems["counts"]
        document.add_paragraph(_("The akims' systemic problems"), style="Heading 1")
        document.add_paragraph(
            _(
                "%(met)s of %(akimats)s akimats sent their systemic problems for the half-year: %(sent)s problems, "
                "%(answered)s answered, %(taken_up)s taken up at meetings, %(with_issue)s with a problem issue."
            )
            % {**counts, "met": counts["akimats_met"]}
        )
        rows = []
        for akimat in problems["akimats"]:
            for problem in akimat["problems"]:
                done = "; ".join(
                    f"{pick(issue['title'])}: "
                    + _("%(done)s of %(total)s measures done")
                    % {"done": issue["measures_done"], "total": issue["measures_total"]}
                    for issue in problem["issues"]
                )
                rows.append(
                    (
                        pick(akimat["name"]),
                        problem["title"],
                        pick(problem["competent"]),
                        _date(problem["sent_on"]),
                        _answer(problem),
                        ", ".join(_date(meeting["start_date"]) for meeting in problem["meetings"]) or "—",
                        done or "—",
                    )
                )
        if rows:
            header = (
                _("Akimat"),
                _("Problem"),
                _("Sent to"),
                _("Sent on"),
                _("Answer"),
                _("Taken up at meetings"),
                _("What was done"),
            )
            table(document, header, rows, (Cm(3.6), Cm(4.6), Cm(3.6), Cm(2.2), Cm(5.2), Cm(2.6), Cm(4.3)))
        silent = [
            f"{pick(akimat['name'])} ({label(OBLIGATION_STATES, akimat['obligation_state'])})"
            for akimat in problems["akimats"]
            if not akimat["problems"]
        ]
        if silent:
            document.add_paragraph(
                _("No problems of the half-year recorded in Kezdesu: %(akimats)s.") % {"akimats": ", ".join(silent)}
            )

        document.add_paragraph(_("Execution of the Government's earlier instructions"), style="Heading 1")
        instructions = snapshot["instructions"]
        if not instructions:
            document.add_paragraph(_("No instructions of earlier reviews."))
        else:
            rows = [
                (
                    f"{instruction['review_year']}/{instruction['review_half']}-{instruction['number']}",
                    pick(instruction["text"]),
                    pick(instruction["assignee"]),
                    _date(instruction["deadline"]),
                    _execution(instruction),
                    instruction["report"] or "—",
                )
                for instruction in instructions
            ]
            header = (_("No."), _("Instruction"), _("Executor"), _("Deadline"), _("State"), _("Report"))
            table(document, header, rows, (Cm(2), Cm(7.4), Cm(4.2), Cm(2.2), Cm(3.2), Cm(7)))

        if review is not None:
            document.add_paragraph(_("The Government's review"), style="Heading 1")
            _facts(
                document,
                [(_("Reviewed on"), review.reviewed_on.strftime("%d.%m.%Y")), (_("Reference"), review.reference)],
            )
            conclusions = getattr(review, f"conclusions_{language}", "") or review.conclusions
            if conclusions:
                _paragraphs(document, conclusions)
            given = list(review.instructions.select_related("assignee").order_by("number"))
            if given:
                rows = [
                    (
                        str(instruction.number),
                        getattr(instruction, f"text_{language}", "") or instruction.text,
                        str(instruction.assignee.name),
                        instruction.deadline.strftime("%d.%m.%Y"),
                    )
                    for instruction in given
                ]
                header = (_("No."), _("Instruction"), _("Executor"), _("Deadline"))
                table(document, header, rows, (Cm(1.5), Cm(14), Cm(6), Cm(3)))
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
