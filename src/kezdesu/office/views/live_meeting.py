"""The meeting as it happens, for staff: the timekeeper's console, the official's view for a tablet at the
podium (refreshing itself: htmx polling answered 304 while the live revision stands) and the meeting's
record with its DOCX."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain import timekeeper
from kezdesu.meetings.domain.live_state import (
    current_revision,
    etag_matches,
    live_etag,
    live_meeting_for,
    live_snapshot,
)
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.record import meeting_record
from kezdesu.meetings.domain.queries.timekeeping import live_meeting_with_timing, timing_of
from kezdesu.meetings.domain.record import MAX_COUNT, default_participants, update_record
from kezdesu.meetings.interfaces.record_docx import record_docx
from kezdesu.meetings.models import LiveMeeting, Visit
from kezdesu.office.views.access import StaffRequest, office_view

ACTIONS = {
    "open": timekeeper.open_meeting,
    "presentation": timekeeper.start_presentation,
    "questions": timekeeper.start_questions,
    "pause": timekeeper.pause_meeting,
    "resume": timekeeper.resume_meeting,
    "close": timekeeper.close_meeting,
}
POLL_SECONDS = 5


def _actions(meeting: LiveMeeting) -> list[str]:
    """The buttons the console offers at the meeting's stage."""
    stage = meeting.stage
    if stage == LiveMeeting.Stage.CLOSED:
        return []
    if stage == LiveMeeting.Stage.NOT_STARTED:
        return ["presentation", "questions"] if meeting.opened_at else ["open", "presentation", "questions"]
    if stage == LiveMeeting.Stage.PAUSED:
        return ["resume", "presentation", "questions", "close"]
    other = "questions" if stage == LiveMeeting.Stage.PRESENTATION else "presentation"
    return [other, "pause", "close"]


def _timed_meeting(visit: Visit) -> LiveMeeting:
    live_meeting_for(visit)  # made on first sight: the console always has a meeting to show
    meeting = live_meeting_with_timing(visit)
    assert meeting is not None
    return meeting


@office_view
def live_timekeeper(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    may_run = request.user.has_perm("meetings.run_meeting", visit)
    if request.method == "POST":
        if not may_run:
            raise Http404
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            messages.error(request, _("Choose what to do."))
        elif request.POST["action"] == "close" and request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm that the meeting is over."))
        else:
            try:
                action(actor=request.user, visit=visit)
            except DomainError as error:
                messages.error(request, str(error.message))
            else:
                if request.POST["action"] == "close":
                    messages.success(request, _("The meeting is closed. Fill in its record."))
                    return redirect("office:live_record", pk=visit.pk)
        return redirect("office:live_timekeeper", pk=visit.pk)
    meeting = _timed_meeting(visit)
    now = timezone.now()
    return render(
        request,
        "office/live/timekeeper.html",
        {
            "visit": visit,
            "meeting": meeting,
            "timing": timing_of(meeting, now=now),
            "actions": _actions(meeting) if may_run else [],
            "may_run": may_run,
            "now": now,
        },
    )


def _official_context(visit: Visit) -> dict[str, Any]:
    meeting = live_meeting_with_timing(visit)
    now = timezone.now()
    return {
        "visit": visit,
        "meeting": meeting,
        "snapshot": live_snapshot(visit) if meeting is not None else None,
        "timing": timing_of(meeting, now=now) if meeting is not None else None,
        "now": now,
        "poll_seconds": POLL_SECONDS,
    }


@office_view
def live_official(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    return render(request, "office/live/official.html", _official_context(visit))


@office_view
def live_official_panel(request: StaffRequest, pk: int) -> HttpResponse:
    """The official's panel alone, polled: 304 while the meeting's revision is the one the browser holds."""
    visit = visit_for(request.user, pk)
    revision = current_revision(visit.pk)
    etag = live_etag(visit.pk, revision or 0, get_language() or "")
    if revision is not None and etag_matches(request.headers.get("If-None-Match", ""), etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = render(request, "office/live/_official_panel.html", _official_context(visit))
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


class RecordForm(forms.Form):
    attendance_hall = forms.IntegerField(
        label=gettext_lazy("People in the hall"), min_value=0, max_value=MAX_COUNT, required=False
    )
    online_viewers = forms.IntegerField(
        label=gettext_lazy("Online viewers"),
        help_text=gettext_lazy("As the platforms report them, all broadcasts together."),
        min_value=0,
        max_value=MAX_COUNT,
        required=False,
    )
    participants = forms.CharField(
        label=gettext_lazy("Participants"),
        help_text=gettext_lazy("Officials and akims who took part, one per line."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    recording_links = forms.CharField(
        label=gettext_lazy("Links to the recordings"),
        help_text=gettext_lazy("One web address per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    record_note = forms.CharField(
        label=gettext_lazy("Note to the record"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


@office_view
def live_record(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    meeting = live_meeting_with_timing(visit)
    may_edit = (
        meeting is not None
        and meeting.stage == LiveMeeting.Stage.CLOSED
        and request.user.has_perm("meetings.run_meeting", visit)
    )
    if request.method == "POST":
        if not may_edit:
            raise Http404
        form = RecordForm(request.POST)
        if form.is_valid():
            try:
                update_record(actor=request.user, visit=visit, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The record is saved."))
                return redirect("office:live_record", pk=visit.pk)
    else:
        initial: dict[str, Any] = {}
        if meeting is not None:
            initial = {
                "attendance_hall": meeting.attendance_hall,
                "online_viewers": meeting.online_viewers,
                "participants": meeting.participants or default_participants(meeting.part),
                "recording_links": meeting.recording_links,
                "record_note": meeting.record_note,
            }
        form = RecordForm(initial=initial)
    return render(
        request,
        "office/live/record.html",
        {"visit": visit, "record": meeting_record(visit), "form": form, "may_edit": may_edit},
    )


@office_view
def live_record_docx(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    record = meeting_record(visit)
    if record is None:
        raise Http404
    response = HttpResponse(
        record_docx(record),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="kezdesu-record-{visit.pk}-{get_language()}.docx"'
    return response


urlpatterns = [
    path("<int:pk>/live/timekeeper/", live_timekeeper, name="live_timekeeper"),
    path("<int:pk>/live/official/", live_official, name="live_official"),
    path("<int:pk>/live/official/panel/", live_official_panel, name="live_official_panel"),
    path("<int:pk>/live/record/", live_record, name="live_record"),
    path("<int:pk>/live/record.docx", live_record_docx, name="live_record_docx"),
]
