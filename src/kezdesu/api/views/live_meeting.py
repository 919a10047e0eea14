"""The live meeting's state and clock (public), the timekeeper's stage actions (staff), and the meeting's
record (public once the meeting is closed; staff correct it with PATCH).

Writes call the meetings domain (`meetings/domain/timekeeper.py`, `record.py`): "meetings.run_meeting" on the
visit — the ministry's and the region's akimat's editors and approvers, and the coordinator; refused with 403,
a rule's refusal with 400; a visit the user may not read answers 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.live_meeting import (
    LiveMeetingSerializer,
    MeetingRecordSerializer,
    RecordWriteSerializer,
    StageActionSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.meetings.domain import timekeeper
from kezdesu.meetings.domain.live_state import current_revision, etag_matches, live_etag, live_snapshot
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.record import MeetingRecord, meeting_record
from kezdesu.meetings.domain.queries.timekeeping import Timing, live_meeting_with_timing, timing_of
from kezdesu.meetings.domain.queries.visits import public_visit_page
from kezdesu.meetings.domain.record import update_record
from kezdesu.meetings.models import Visit

ACTIONS = {
    "open": timekeeper.open_meeting,
    "presentation": timekeeper.start_presentation,
    "questions": timekeeper.start_questions,
    "pause": timekeeper.pause_meeting,
    "resume": timekeeper.resume_meeting,
    "close": timekeeper.close_meeting,
}
REFUSALS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}


def _public_visit(pk: int) -> Visit:
    visit = public_visit_page(pk)
    if visit is None:
        raise Http404
    return visit


def timing_data(timing: Timing) -> dict[str, Any]:
    return {
        "presentation_seconds": timing.presentation_seconds,
        "questions_seconds": timing.questions_seconds,
        "running": timing.running_kind,
        "running_since": timing.running_since,
        "planned_minutes": timing.planned_minutes,
        "planned_from_agenda": timing.planned_from_agenda,
        "max_share": timing.max_share,
        "allowed_presentation_seconds": timing.allowed_presentation_seconds,
        "share_of_used": round(timing.share_of_used, 4),
        "share_of_planned": None if timing.share_of_planned is None else round(timing.share_of_planned, 4),
        "over": timing.over,
        "state": timing.state,
        "summary": timing.summary(),
    }


def _live_data(visit: Visit) -> dict[str, Any]:
    meeting = live_meeting_with_timing(visit)
    if meeting is None:
        raise Http404
    snapshot = live_snapshot(visit)
    current = snapshot.current_question if snapshot is not None else None
    return {
        "visit": visit.pk,
        "stage": meeting.stage,
        "revision": snapshot.revision if snapshot is not None else meeting.revision,
        "opened_at": meeting.opened_at,
        "closed_at": meeting.closed_at,
        "current_question": None
        if current is None
        else {
            "id": current.pk,
            "text": current.text,
            "channel": current.channel,
            "asked": current.asked,
            "votes": current.votes,
        },
        "timing": timing_data(timing_of(meeting)),
    }


class LiveMeetingView(ApiViewMixin, APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Show the live meeting's stage and clock",
        description=(
            "Public for announced and held visits: the stage (not started, presentation, questions and answers, "
            "paused, closed), the question on screen as published, and the clock — seconds of presentation and of "
            "questions so far, the planned time (the agenda's total, else the meeting's scheduled length) and the "
            "presentation's share of it against the share the regulation profile allows (R15). `revision` is also "
            "the ETag: send it back in If-None-Match to get 304 while nothing watchers see has changed (the clock "
            "then moves on from `running_since`). 404 before the meeting's live state exists."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: LiveMeetingSerializer, 304: None, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        visit = _public_visit(pk)
        revision = current_revision(visit.pk)
        if revision is None:
            raise Http404
        etag = live_etag(visit.pk, revision, get_language() or "")
        if etag_matches(request.headers.get("If-None-Match", ""), etag):
            response = Response(status=304)
        else:
            response = Response(LiveMeetingSerializer(_live_data(visit)).data)
        response["ETag"] = etag
        response["Cache-Control"] = "public, no-cache"
        return response


class StageActionView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Move the live meeting on (timekeeper)",
        description=(
            'Needs "meetings.run_meeting" on the visit. `open` marks the meeting ready; `presentation` and '
            "`questions` end the running stretch and start one of that kind; `pause` stops the clock and `resume` "
            "goes on with what ran before; `close` ends the meeting and records the visit as held. One stretch "
            "runs at a time. A step that makes no sense at the stage is refused with 400."
        ),
        parameters=[LANG_PARAMETER],
        request=StageActionSerializer,
        responses={200: LiveMeetingSerializer, **REFUSALS},
        examples=[OpenApiExample("Start questions and answers", request_only=True, value={"action": "questions"})],
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        visit = visit_for(actor, pk)
        body = StageActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ACTIONS[body.validated_data["action"]](actor=actor, visit=visit)
        visit.refresh_from_db(fields=["status"])
        return Response(LiveMeetingSerializer(_live_data(visit)).data)


def record_data(record: MeetingRecord) -> dict[str, Any]:
    """The record for the public: published questions only, hidden ones as numbers, no names or contacts."""
    return {
        "visit": record.visit.pk,
        "planned_start": record.planned_start,
        "planned_end": record.planned_end,
        "actual_start": record.actual_start,
        "actual_end": record.actual_end,
        "timing": timing_data(record.timing) if record.timing is not None else None,
        "attendance_hall": record.attendance_hall,
        "online_viewers": record.online_viewers,
        "participants": record.participants,
        "recording_links": record.recording_links,
        "note": record.note,
        "outcomes": record.outcome_counts,
        "hidden": [{"reason": label, "count": count} for label, count in record.hidden_counts],
        "questions": [
            {
                "id": fate.question.pk,
                "text": fate.public_text,
                "channel": fate.question.channel,
                "votes": fate.question.votes,
                "outcome": fate.question.outcome,
                "forwarded_to": fate.question.forwarded_to.name if fate.question.forwarded_to else None,
            }
            for fate in record.public_questions
        ],
    }


class MeetingRecordView(ApiViewMixin, APIView):
    permission_classes = [permissions.AllowAny]

    def _closed_record(self, visit: Visit) -> MeetingRecord:
        record = meeting_record(visit)
        if record is None or not record.is_closed:
            raise Http404
        return record

    @extend_schema(
        summary="Show the meeting's record",
        description=(
            "Public once the meeting is closed (404 before): planned and actual times, the durations and the "
            "presentation's share (R15), attendance in the hall and online viewers as the platforms reported, "
            "participants (R17), links to the recordings, and the published questions with what became of them; "
            "hidden questions only as numbers per reason. No personal data."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: MeetingRecordSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        visit = _public_visit(pk)
        return Response(MeetingRecordSerializer(record_data(self._closed_record(visit))).data)

    @extend_schema(
        summary="Fill in or correct the meeting's record",
        description=(
            'Needs "meetings.run_meeting" on the visit, and a closed meeting. Fields left out keep their value. '
            "Recording links must be web addresses (http or https), one per line; refused with 400 otherwise."
        ),
        parameters=[LANG_PARAMETER],
        request=RecordWriteSerializer,
        responses={200: MeetingRecordSerializer, **REFUSALS},
        examples=[
            OpenApiExample(
                "Attendance and the recording",
                request_only=True,
                value={
                    "attendance_hall": 340,
                    "online_viewers": 5120,
                    "recording_links": "https://www.youtube.com/watch?v=abcdefghijk",
                },
            )
        ],
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        visit = visit_for(actor, pk)
        body = RecordWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        meeting = live_meeting_with_timing(visit)
        if meeting is None:
            raise Http404
        values = {
            "attendance_hall": meeting.attendance_hall,
            "online_viewers": meeting.online_viewers,
            "participants": meeting.participants,
            "recording_links": meeting.recording_links,
            "record_note": meeting.record_note,
            **body.validated_data,
        }
        update_record(actor=actor, visit=visit, **values)
        return Response(MeetingRecordSerializer(record_data(self._closed_record(visit))).data)


urlpatterns: list[URLPattern | URLResolver] = [
    path("visits/<int:pk>/live/", LiveMeetingView.as_view(), name="live-meeting"),
    path("visits/<int:pk>/live/stage/", StageActionView.as_view(), name="live-meeting-stage"),
    path("visits/<int:pk>/record/", MeetingRecordView.as_view(), name="meeting-record"),
]
