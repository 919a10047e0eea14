"""The ten-day package (R20) as a PDF (WeasyPrint, A4) in one language: the same content as the DOCX."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from kezdesu.followup.domain.publication import package_issues
from kezdesu.followup.models import Publication
from kezdesu.meetings.interfaces.public_page import visit_dates, visit_title
from kezdesu.meetings.models import Visit


def publication_html(visit: Visit, publication: Publication | None, *, language: str) -> str:
    with translation.override(language):
        results = getattr(publication, f"results_{language}", "") if publication is not None else ""
        return render_to_string(
            "portal/followup/publication_print.html",
            {
                "visit": visit,
                "publication": publication,
                "results": results or (publication.results if publication is not None else ""),
                "title": visit_title(visit),
                "dates": visit_dates(visit),
                "issues": package_issues(visit),
            },
        )


def publication_pdf(visit: Visit, publication: Publication | None, *, language: str) -> bytes:
    pdf = HTML(string=publication_html(visit, publication, language=language)).write_pdf()
    assert pdf is not None  # write_pdf without a target returns the bytes
    return pdf
