"""The printable A4 announcement of a visit (R12): who, where, when, how to take part, and a QR code
to the meeting page, for the akimat to post in public places. Rendered in the active language."""

from __future__ import annotations

import segno
from django.template.loader import render_to_string
from weasyprint import HTML

from kezdesu.meetings.interfaces.public_page import visit_dates, visit_title
from kezdesu.meetings.models import Visit, VisitPart


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG (no XML declaration), black on white, scalable."""
    return segno.make(url, error="m").svg_inline(scale=6, border=2, dark="#000000", light="#ffffff")


def announcement_html(visit: Visit, *, page_url: str) -> str:
    parts = [part for part in visit.parts.all() if part.starts_at is not None]
    meeting = next((part for part in parts if part.kind == VisitPart.Kind.MEETING), None)
    return render_to_string(
        "portal/visit/announcement.html",
        {
            "visit": visit,
            "title": visit_title(visit),
            "dates": visit_dates(visit),
            "meeting": meeting,
            "parts": parts,
            "page_url": page_url,
            "qr": qr_svg(page_url),
        },
    )


def announcement_pdf(visit: Visit, *, page_url: str) -> bytes:
    """The PDF bytes. `visit` should come with its parts prefetched (see `public_visit_page`)."""
    pdf = HTML(string=announcement_html(visit, page_url=page_url)).write_pdf()
    assert pdf is not None  # write_pdf without a target returns the bytes
    return pdf
