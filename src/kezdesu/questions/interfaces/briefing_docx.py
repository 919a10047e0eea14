"""The one-page briefing for the minister before a visit, as a Word document (A4), in kk, ru or en.

It holds the visit (who, where, when), the totals, the top topics and districts, the channels, the most asked
questions with how many people asked, and what was asked at earlier visits to the region and what became of it.
Lists are cut to what fits one page; the analysis page in the back office has everything.
"""

import io

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.queries.analysis import Tally, VisitAnalysis, visit_analysis

TOP = 5
MOST_ASKED = 7
EARLIER = 2
OUTCOMES = 3
QUESTION_CHARS = 160
ACCENT = RGBColor(0x1F, 0x4E, 0x79)


def briefing_file_name(visit: Visit) -> str:
    return f"briefing-visit-{visit.pk}-{visit.start_date:%Y-%m-%d}.docx"


def briefing_docx(visit: Visit, *, language: str) -> bytes:
    """The briefing of `visit` in `language`, as the bytes of a .docx file."""
    with translation.override(language):
        analysis = visit_analysis(visit)
        document = _document()
        _visit_part(document, visit)
        _totals(document, analysis)
        _tally_tables(document, analysis)
        _most_asked(document, analysis)
        _earlier(document, analysis)
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


def _document() -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(1.4)
    section.left_margin = section.right_margin = Cm(1.6)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(1)
    for name, size in (("Title", 16), ("Heading 1", 12)):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        style.paragraph_format.space_before = Pt(6 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(2)
    return document


def _heading(document: DocxDocument, text: str) -> None:
    document.add_heading(text, level=1)


def _line(document: DocxDocument, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)


def _visit_part(document: DocxDocument, visit: Visit) -> None:
    title = document.add_heading(_("Briefing before the meeting with the population"), level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.LEFT
    official = f"{visit.position}, {visit.organisation}"
    place = f"{visit.region}, {visit.district}" if visit.district else str(visit.region)
    if visit.start_date == visit.end_date:
        when = date_format(visit.start_date, "DATE_FORMAT")
    else:
        when = f"{date_format(visit.start_date, 'DATE_FORMAT')} – {date_format(visit.end_date, 'DATE_FORMAT')}"
    _line(document, pgettext("briefing", "Who"), official)
    _line(document, pgettext("briefing", "Where"), place)
    _line(document, pgettext("briefing", "When"), when)
    parts = []
    for part in visit.parts.order_by("starts_at"):
        moment = date_format(timezone.localtime(part.starts_at), "H:i") if part.starts_at else "—"
        parts.append(f"{part.get_kind_display()} {moment}")
    if parts:
        _line(document, pgettext("briefing", "Programme"), "; ".join(parts))


def _totals(document: DocxDocument, analysis: VisitAnalysis) -> None:
    _heading(document, _("Questions received"))
    document.add_paragraph(
        _(
            "%(total)s questions and proposals: %(published)s published, %(awaiting)s awaiting moderation; "
            "%(hidden)s hidden by moderators and not counted."
        )
        % {
            "total": analysis.total,
            "published": analysis.published,
            "awaiting": analysis.awaiting,
            "hidden": analysis.hidden,
        }
    )


def _tally_tables(document: DocxDocument, analysis: VisitAnalysis) -> None:
    columns = [
        (_("Top topics"), analysis.by_topic[:TOP]),
        (_("Top districts"), analysis.by_district[:TOP]),
        (_("Channels"), analysis.by_channel[:TOP]),
    ]
    table = document.add_table(rows=1, cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, (heading, tallies) in zip(table.rows[0].cells, columns, strict=True):
        first = cell.paragraphs[0]
        run = first.add_run(heading)
        run.bold = True
        run.font.color.rgb = ACCENT
        run.font.size = Pt(10)
        if not tallies:
            cell.add_paragraph(_("No questions yet."))
        for tally in tallies:
            cell.add_paragraph(_tally_text(tally))


def _tally_text(tally: Tally) -> str:
    return _("%(label)s — %(count)s (%(share)s%%)") % {
        "label": tally.label,
        "count": tally.count,
        "share": tally.share,
    }


def _most_asked(document: DocxDocument, analysis: VisitAnalysis) -> None:
    _heading(document, _("The most asked"))
    if not analysis.most_asked:
        document.add_paragraph(_("No questions yet."))
    for asked in analysis.most_asked[:MOST_ASKED]:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(Truncator(asked.text).chars(QUESTION_CHARS))
        people = ngettext("%(count)s person asked", "%(count)s people asked", asked.people) % {"count": asked.people}
        paragraph.add_run(f" — {people}").bold = True


def _earlier(document: DocxDocument, analysis: VisitAnalysis) -> None:
    _heading(document, _("Earlier visits to the region"))
    if not analysis.earlier_visits:
        document.add_paragraph(_("No earlier visit to the region is recorded."))
    for earlier in analysis.earlier_visits[:EARLIER]:
        topics = ", ".join(f"{tally.label} ({tally.count})" for tally in earlier.by_topic[:3]) or "—"
        statuses = ", ".join(f"{tally.label}: {tally.count}" for tally in earlier.by_status) or "—"
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(
            f"{date_format(earlier.visit.start_date, 'DATE_FORMAT')}, {earlier.visit.position}. "
        ).bold = True
        paragraph.add_run(
            _("%(count)s questions; topics: %(topics)s; what became of them: %(statuses)s.")
            % {"count": earlier.questions, "topics": topics, "statuses": statuses}
        )
        for asked in earlier.most_asked[:2]:
            people = ngettext("%(count)s person asked", "%(count)s people asked", asked.people) % {
                "count": asked.people
            }
            document.add_paragraph(f"“{Truncator(asked.text).chars(120)}” — {people}", style="List Bullet 2")
    if analysis.outcomes:
        _heading(document, _("The region's systemic problems and the answers"))
        for outcome in analysis.outcomes[:OUTCOMES]:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{outcome.title} ({outcome.status}). ").bold = True
            paragraph.add_run(Truncator(outcome.answer).chars(160) or _("No answer yet."))
