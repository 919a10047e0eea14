"""How a visit reads in public: its title, a one-line description, the broadcast player, share links.

Shared by the public meeting page, its social preview and the printable announcement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kezdesu.meetings.models import BroadcastLink, Platform, Visit, VisitPart

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def visit_title(visit: Visit) -> str:
    """The visit's own title in the active language, or the usual one."""
    return visit.title or _("Meeting of %(official)s with the population of %(region)s") % {
        "official": visit.position.title,
        "region": visit.region.name,
    }


def visit_dates(visit: Visit) -> str:
    if visit.start_date == visit.end_date:
        return date_format(visit.start_date, "d.m.Y")
    return f"{date_format(visit.start_date, 'd.m.Y')} – {date_format(visit.end_date, 'd.m.Y')}"


def visit_description(visit: Visit) -> str:
    """One sentence for the social preview and the share text."""
    return _("%(ministry)s: %(official)s meets the population of %(region)s on %(dates)s. Ask your question.") % {
        "ministry": visit.organisation.name,
        "official": visit.position.title,
        "region": visit.region.name,
        "dates": visit_dates(visit),
    }


def youtube_embed_url(url: str) -> str | None:
    """The privacy-enhanced player for a YouTube video or live stream address, if it names one."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video = None
    if host == "youtu.be":
        video = parts.path.strip("/").split("/")[0]
    elif host == "youtube.com":
        if parts.path == "/watch":
            video = parse_qs(parts.query).get("v", [""])[0]
        else:
            segments = parts.path.strip("/").split("/")
            if len(segments) >= 2 and segments[0] in ("live", "embed", "shorts"):
                video = segments[1]
    if video and _YOUTUBE_ID.match(video):
        return f"https://www.youtube-nocookie.com/embed/{video}"
    return None


@dataclass(frozen=True)
class Player:
    link: BroadcastLink
    embed_url: str


def players(part: VisitPart) -> list[Player]:
    """The part's YouTube broadcasts that can be shown embedded (other platforms are links)."""
    found = []
    for link in part.broadcasts.all():
        embed = youtube_embed_url(link.url) if link.account.platform == Platform.YOUTUBE else None
        if embed:
            found.append(Player(link=link, embed_url=embed))
    return found


def openstreetmap_url(part: VisitPart) -> str | None:
    if part.latitude is None or part.longitude is None:
        return None
    lat, lon = part.latitude, part.longitude
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


@dataclass(frozen=True)
class ShareLink:
    name: str
    url: str


def share_links(url: str, text: str) -> list[ShareLink]:
    """Plain links to share the page: no third-party script is loaded."""
    return [
        ShareLink("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": text})),
        ShareLink("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{text} {url}"})),
        ShareLink("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ShareLink("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": text})),
        ShareLink("VK", "https://vk.com/share.php?" + urlencode({"url": url, "title": text})),
        ShareLink(_("E-mail"), f"mailto:?subject={quote(text)}&body={quote(url)}"),
    ]
