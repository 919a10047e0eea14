"""The record of the meeting with the population, filled in as it closes (R17, issue 5): attendance, who
took part, where the recording is, a note. What happened to each question and the times come from the
questions and the timekeeper; `queries/record.py` puts it all together."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.domain.live_state import live_changed, live_meeting_for
from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart

RECORD_FIELDS = ("attendance_hall", "online_viewers", "participants", "recording_links", "record_note")
MAX_COUNT = 1_000_000_000  # more viewers than people on Earth is a typing error
MAX_LINKS = 20
_url = URLValidator(schemes=["http", "https"])


def default_participants(part: VisitPart) -> str:
    """Who the preparation named (R17): the akims of the meeting part, then its other participants."""
    lines = [position.title for position in part.akim_positions.all()]
    lines += [line.strip() for line in part.other_participants.splitlines() if line.strip()]
    return "\n".join(lines)


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def record_problems(*, attendance_hall: int | None, online_viewers: int | None, recording_links: str) -> list[str]:
    """Why the record cannot be saved as given, in the active language; empty when it can."""
    problems = []
    for value, label in ((attendance_hall, _("people in the hall")), (online_viewers, _("online viewers"))):
        if value is not None and not 0 <= value <= MAX_COUNT:
            problems.append(_("The number of %(what)s must be from 0 to %(max)s.") % {"what": label, "max": MAX_COUNT})
    links = lines_of(recording_links)
    if len(links) > MAX_LINKS:
        problems.append(_("Give at most %(count)s recording links.") % {"count": MAX_LINKS})
    for number, link in enumerate(links, start=1):
        try:
            _url(link)
        except ValidationError:
            problems.append(
                _("Recording link %(number)s is not a web address (http:// or https://): %(link)s")
                % {"number": number, "link": link[:200]}
            )
    return problems


@transaction.atomic
def update_record(
    *,
    actor: Any,
    visit: Visit,
    attendance_hall: int | None,
    online_viewers: int | None,
    participants: str,
    recording_links: str,
    record_note: str,
) -> LiveMeeting:
    """Fill in or correct the record of a closed meeting. Nothing changes if any value is refused."""
    if not actor.has_perm("meetings.run_meeting", visit):
        raise NotPermitted(_("You may not keep the record of this meeting."))
    meeting = LiveMeeting.objects.select_for_update().get(pk=live_meeting_for(visit).pk)
    if meeting.stage != LiveMeeting.Stage.CLOSED:
        raise DomainError(_("The record is kept once the meeting is closed."), code="not_closed")
    problems = record_problems(
        attendance_hall=attendance_hall, online_viewers=online_viewers, recording_links=recording_links
    )
    if problems:
        raise DomainError(" ".join(problems), code="record")
    old = snapshot(meeting, RECORD_FIELDS)
    meeting.attendance_hall = attendance_hall
    meeting.online_viewers = online_viewers
    meeting.participants = "\n".join(lines_of(participants))
    meeting.recording_links = "\n".join(lines_of(recording_links))
    meeting.record_note = record_note.strip()
    before, after = changed(old, snapshot(meeting, RECORD_FIELDS))
    if after:
        meeting.save(update_fields=list(after))
        record_audit(
            actor=actor,
            action="meetings.live.record",
            target=meeting,
            organisation=visit.organisation,
            old=before,
            new=after,
        )
        live_changed(visit_id=visit.pk)
    return meeting
