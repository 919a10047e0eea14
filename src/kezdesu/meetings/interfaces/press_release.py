"""A draft press release from the visit's data (R12): who, where, when, its parts, how to take part, the
meeting page and the broadcasts, in Kazakh, Russian and English.

Every sentence is one catalogue entry with named placeholders, so the Kazakh and Russian texts come from
the translators, not from glued fragments. The ministry edits the draft and sends it to the authorized
body for the national media (P3.4, P5.1).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kezdesu.core.urls_absolute import absolute_url
from kezdesu.meetings.models import AgendaItem, BroadcastLink, Visit, VisitPart

LANGUAGES = ("kk", "ru", "en")
PART_ORDER = (
    VisitPart.Kind.MEETING,
    VisitPart.Kind.RECEPTION,
    VisitPart.Kind.NGO_MEETING,
    VisitPart.Kind.MEDIA_BRIEFING,
)


@dataclass(frozen=True)
class PressRelease:
    language: str
    title: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join([self.title, *self.paragraphs])


def meeting_page_url(visit: Visit, language: str) -> str:
    """The public meeting page in `language`, absolute; the schedule if the page is not mounted."""
    with translation.override(language):
        try:
            path = reverse("portal:visit_detail", args=[visit.pk])
        except NoReverseMatch:
            path = reverse("portal:schedule")
    return absolute_url(path)


def _when(part: VisitPart) -> dict[str, str]:
    assert part.starts_at is not None
    start = timezone.localtime(part.starts_at)
    end = timezone.localtime(part.ends_at) if part.ends_at else None
    return {"date": f"{start:%d.%m.%Y}", "start": f"{start:%H:%M}", "end": f"{end:%H:%M}" if end else ""}


def _place(part: VisitPart) -> str:
    return ", ".join(value for value in (part.venue, part.address) if value)


def _part_sentence(part: VisitPart) -> str:
    name = str(part.get_kind_display())
    name = name[:1].upper() + name[1:]
    place = _place(part)
    if part.starts_at is None:
        if place:
            return _("%(part)s: %(place)s; the time will be announced.") % {"part": name, "place": place}
        return _("%(part)s: the time and place will be announced.") % {"part": name}
    when = _when(part)
    if not place:
        return _("%(part)s: %(date)s, %(start)s–%(end)s.") % {"part": name, **when}
    return _("%(part)s: %(date)s, %(start)s–%(end)s, %(place)s.") % {"part": name, "place": place, **when}


def _paragraphs(visit: Visit, parts: list[VisitPart], broadcasts: list[BroadcastLink], page_url: str) -> list[str]:
    official = visit.position.title
    ministry = visit.organisation.name
    region = visit.region.name
    place = f"{visit.district.name}, {region}" if visit.district else region
    meeting = next((part for part in parts if part.kind == VisitPart.Kind.MEETING), None)
    # Names stay in the nominative (the catalogues cannot decline them): "Where: …", not "in …".
    if meeting is not None and meeting.starts_at is not None:
        lead = _("%(official)s (%(ministry)s) meets the population on %(date)s at %(start)s.") % {
            "official": official,
            "ministry": ministry,
            **_when(meeting),
        }
        venue = _place(meeting)
    else:
        lead = _("%(official)s (%(ministry)s) meets the population on %(date)s.") % {
            "official": official,
            "ministry": ministry,
            "date": f"{visit.start_date:%d.%m.%Y}",
        }
        venue = ""
    paragraphs = [lead]
    if venue:
        paragraphs.append(_("Where: %(place)s; %(venue)s.") % {"place": place, "venue": venue})
    else:
        paragraphs.append(_("Where: %(place)s.") % {"place": place})
    if len(parts) == len(PART_ORDER):
        paragraphs.append(
            _(
                "The visit comprises the meeting with the population, personal reception of citizens, a meeting "
                "with non-governmental organisations and a briefing for the media."
            )
        )
    paragraphs.extend(_part_sentence(part) for part in parts)
    if meeting is not None and any(item.kind == AgendaItem.Kind.PRESENTATION for item in meeting.agenda.all()):
        paragraphs.append(
            _(
                "The report's presentation takes no more than a quarter of the meeting's time; the rest of the "
                "time is given to the population's questions and answers."
            )
        )
    akims = [position.title for part in parts for position in part.akim_positions.all()]
    if akims:
        paragraphs.append(_("Taking part: %(akims)s.") % {"akims": "; ".join(dict.fromkeys(akims))})
    if visit.how_to_take_part:
        paragraphs.append(visit.how_to_take_part)
    if visit.questions_close_at:
        closes = timezone.localtime(visit.questions_close_at)
        paragraphs.append(
            _(
                "Questions and proposals for the meeting are accepted until %(date)s %(time)s on the meeting "
                "page: %(url)s"
            )
            % {"date": f"{closes:%d.%m.%Y}", "time": f"{closes:%H:%M}", "url": page_url}
        )
    else:
        paragraphs.append(
            _("Questions and proposals for the meeting are accepted on the meeting page: %(url)s") % {"url": page_url}
        )
    if broadcasts:
        links = "; ".join(f"{link.account.get_platform_display()}: {link.url}" for link in broadcasts)
        paragraphs.append(
            _("The meeting is broadcast live, with comments open, on the official accounts: %(links)s")
            % {"links": links}
        )
    return paragraphs


def press_release(visit: Visit, language: str) -> PressRelease:
    """The draft in one language; translated content (titles, venues) falls back as the site does."""
    parts = sorted(
        visit.parts.prefetch_related("akim_positions", "agenda"),
        key=lambda part: PART_ORDER.index(VisitPart.Kind(part.kind)),
    )
    broadcasts = list(
        BroadcastLink.objects.filter(part__visit=visit, part__kind=VisitPart.Kind.MEETING).select_related("account")
    )
    page_url = meeting_page_url(visit, language)
    with translation.override(language):
        title = _("%(official)s meets the population: %(region)s, %(date)s") % {
            "official": visit.position.title,
            "region": visit.region.name,
            "date": f"{visit.start_date:%d.%m.%Y}",
        }
        return PressRelease(language=language, title=title, paragraphs=_paragraphs(visit, parts, broadcasts, page_url))


def press_releases(visit: Visit) -> list[PressRelease]:
    return [press_release(visit, language) for language in LANGUAGES]


def press_release_docx(visit: Visit) -> bytes:
    """The drafts as one Word document, a section per language, for the ministry to edit and send."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(12)
    for number, release in enumerate(press_releases(visit)):
        if number:
            document.add_section(WD_SECTION.NEW_PAGE)
        with translation.override(release.language):
            label = _("Draft press release")
        document.add_paragraph(label).runs[0].italic = True
        document.add_heading(release.title, level=1)
        for paragraph in release.paragraphs:
            document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
