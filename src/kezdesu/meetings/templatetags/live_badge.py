"""The "Live" badge and the live page's link, as every public page shows them: from
`meetings.domain.queries.live_status`, the one place that decides whether a meeting is on."""

from __future__ import annotations

from typing import Any

from django import template

from kezdesu.meetings.domain.queries.live_status import LiveStatus, meeting_live_status
from kezdesu.meetings.models import Visit

register = template.Library()


@register.filter
def meeting_live(visit: Visit) -> LiveStatus | None:
    """The live status of the visit's meeting (its parts prefetched with their live record)."""
    return meeting_live_status(visit)


@register.inclusion_tag("portal/live/_badge.html")
def live_badge(status: LiveStatus | None, full_date: bool = False) -> dict[str, Any]:
    """ "Live" while the meeting is on; otherwise when it starts, or that it ended."""
    return {"status": status, "full_date": full_date or (status is not None and not status.starts_today)}
