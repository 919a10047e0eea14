"""A version of a library document (R25) as a Word document in Kazakh or Russian (English when translated)."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from kezdesu.meetings.interfaces.record_docx import _document, _facts
from kezdesu.reports.domain.queries.library import reference_in, text_in
from kezdesu.reports.domain.text_diff import paragraphs
from kezdesu.reports.models import DocumentVersion


def _clause(paragraph: Paragraph) -> None:
    """Set out like the acts themselves: justified, the first line indented, air between clauses."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.line_spacing = 1.15


def library_file_name(code: str, number: int, language: str) -> str:
    return f"kezdesu-{code}-v{number}-{language}.docx"


def library_version_docx(version: DocumentVersion, *, language: str) -> bytes:
    """The version's text, its approval and what changed, in `language` (English falls back to Russian)."""
    body = text_in(version, "body", language)
    with translation.override(body.language):
        document = _document()
        title = getattr(version.document, f"title_{body.language}", "") or version.document.title
        document.add_paragraph(title, style="Title")
        approved = version.approved_on.strftime("%d.%m.%Y") if version.approved_on else "—"
        # The act as written in the document's language; modeltranslation's fallback if it was not given in it.
        reference = reference_in(version, body.language) or version.approval_reference or "—"
        _facts(
            document,
            [
                (_("Version"), str(version.number)),
                (_("Approved by"), reference),
                (_("Approved on"), approved),
                (
                    _("Status"),
                    str(DocumentVersion.Status(version.status).label)
                    if version.status == DocumentVersion.Status.PUBLISHED
                    else _("draft, not in force"),
                ),
            ],
        )
        document.add_paragraph("")
        for paragraph in paragraphs(body.text):
            _clause(document.add_paragraph(paragraph))
        changes = text_in(version, "changes", body.language).text
        if changes.strip():
            document.add_paragraph(_("What changed in this version"), style="Heading 1")
            for paragraph in paragraphs(changes):
                _clause(document.add_paragraph(paragraph))
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
