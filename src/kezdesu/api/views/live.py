"""The meeting's question stream for staff, the moderators' actions on it, hall questions, imports of
broadcast comment files, and the signed webhook by which platform integrations deliver broadcast comments.

Staff endpoints need "questions.moderate" on the visit (the hall question "questions.enter_question", the
import "questions.import_questions"); a visit outside the user's scope answers 404. Every action carries the
question's `revision`: if another moderator changed it meanwhile, 409 with code `changed_meanwhile` and a
message naming who.
"""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, URLResolver, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.live import (
    BroadcastCommentSerializer,
    CommentImportResultSerializer,
    CommentImportSerializer,
    CurrentQuestionResultSerializer,
    CurrentQuestionSerializer,
    DeliveredCommentSerializer,
    HallQuestionSerializer,
    HideLiveSerializer,
    LiveOutcomeSerializer,
    PublishLiveSerializer,
    ShortlistSerializer,
    StreamQuestionSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.live_state import live_meeting_for
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart
from kezdesu.organisations.models import District, Organisation
from kezdesu.portal.live_fast_path import ask_answer, network_key_of
from kezdesu.questions.domain.live_intake import enter_hall_question
from kezdesu.questions.domain.live_moderation import (
    hide_live_question,
    publish_live_question,
    record_outcome,
    set_current_question,
    shortlist_question,
)
from kezdesu.questions.domain.queries.live_stream import NO_OUTCOME, StreamFilters, live_stream
from kezdesu.questions.interfaces.broadcast_webhook import (
    ACCOUNT_HEADER,
    MAX_BODY_BYTES,
    SIGNATURE_HEADER,
    WebhookRefused,
    deliver_comment,
    too_large,
)
from kezdesu.questions.interfaces.comment_importers import import_comment_file
from kezdesu.questions.models import Channel, Question, Topic

REFUSALS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}
STREAM_FILTERS = [
    OpenApiParameter("channel", OpenApiTypes.STR, description=f"Only this channel: {', '.join(Channel.values)}."),
    OpenApiParameter("status", OpenApiTypes.STR, description=f"Only this status: {', '.join(Question.Status.values)}."),
    OpenApiParameter("shortlisted", OpenApiTypes.STR, enum=["yes", "no"], description="On the shortlist or not."),
    OpenApiParameter(
        "outcome",
        OpenApiTypes.STR,
        description=f"Only this outcome ({', '.join(Question.Outcome.values)}), or `{NO_OUTCOME}`: none recorded.",
    ),
    OpenApiParameter("q", OpenApiTypes.STR, description="Only questions whose text contains this."),
    OpenApiParameter(
        "order", OpenApiTypes.STR, enum=["newest", "votes"], description="Newest (default) or most voted first."
    ),
]


class LiveAskSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(help_text="The question, 10 to 3,000 characters, plain text.")
    district = serializers.IntegerField(required=False, allow_null=True, help_text="A district of the region.")
    topic = serializers.IntegerField(required=False, allow_null=True)


class LiveAskedSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(help_text="The question's id in the queue (its external_id once stored).")
    status = serializers.CharField(help_text="queued; or published / received when stored at once.")


class LiveStaffView(ApiViewMixin, APIView):
    read_permission: str | None = "questions.moderate"
    write_permission: str | None = "questions.moderate"
    permission_per_object = True  # asked about the visit

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, DomainError) and exc.code == "changed_meanwhile":
            return Response({"detail": str(exc.message), "code": exc.code}, status=status.HTTP_409_CONFLICT)
        return super().handle_exception(exc)

    def visit(self, request: Request) -> Visit:
        visit = visit_for(acting_user(request), self.kwargs["visit_id"])
        self.check_object_permissions(request, visit)
        return visit

    def question(self, request: Request) -> Question:
        visit = self.visit(request)
        return get_object_or_404(Question.objects.select_related("visit"), pk=self.kwargs["pk"], visit=visit)

    def answer(self, question: Question) -> Response:
        question = Question.objects.select_related("group", "forwarded_to").get(pk=question.pk)
        meeting = LiveMeeting.objects.filter(part__visit_id=question.visit_id).first()
        context = {"current_question": meeting.current_question_id if meeting else None}
        return Response(StreamQuestionSerializer(question, context=context).data)


class StreamView(LiveStaffView, generics.GenericAPIView[Any]):
    serializer_class = StreamQuestionSerializer
    filter_backends: list[Any] = []

    @extend_schema(
        summary="List the meeting's question stream",
        description=(
            'Needs "questions.moderate" on the visit. Every question of the meeting from every channel (before the '
            "meeting, the hall, the live page, the broadcast), duplicates merged: a group shows as its "
            "representative with `group_size`. Holds what people wrote and their names: staff only."
        ),
        parameters=[LANG_PARAMETER, *STREAM_FILTERS],
        responses={200: StreamQuestionSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, visit_id: int) -> Response:
        visit = self.visit(request)
        meeting = LiveMeeting.objects.filter(part__visit=visit).first()
        page = self.paginate_queryset(live_stream(visit, StreamFilters.from_params(request.query_params)))
        context = {"current_question": meeting.current_question_id if meeting else None}
        return self.get_paginated_response(StreamQuestionSerializer(page, many=True, context=context).data)


class PublishView(LiveStaffView):
    @extend_schema(
        summary="Publish a question of the stream",
        description='Needs "questions.moderate". Publishes as written or with `published_text`. Stale revision: 409.',
        parameters=[LANG_PARAMETER],
        request=PublishLiveSerializer,
        responses={200: StreamQuestionSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        question = self.question(request)
        body = PublishLiveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        question = publish_live_question(
            actor=acting_user(request),
            question=question,
            revision=data["revision"],
            published_text=data.get("published_text"),
            note=data["note"],
        )
        return self.answer(question)


class HideView(LiveStaffView):
    @extend_schema(
        summary="Hide a question of the stream",
        description='Needs "questions.moderate". Hidden with a reason, it leaves the shortlist and the screen. '
        "Stale revision: 409.",
        parameters=[LANG_PARAMETER],
        request=HideLiveSerializer,
        responses={200: StreamQuestionSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        question = self.question(request)
        body = HideLiveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        question = hide_live_question(
            actor=acting_user(request),
            question=question,
            revision=data["revision"],
            reason=data["reason"],
            note=data["note"],
        )
        return self.answer(question)


class ShortlistView(LiveStaffView):
    @extend_schema(
        summary="Shortlist a question, or take it off",
        description=(
            'Needs "questions.moderate". The shortlist is what the official sees at the podium; only published '
            "questions. Stale revision: 409 naming who changed the question."
        ),
        parameters=[LANG_PARAMETER],
        request=ShortlistSerializer,
        responses={200: StreamQuestionSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        question = self.question(request)
        body = ShortlistSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        question = shortlist_question(
            actor=acting_user(request),
            question=question,
            revision=body.validated_data["revision"],
            shortlisted=body.validated_data["shortlisted"],
        )
        return self.answer(question)


class OutcomeView(LiveStaffView):
    @extend_schema(
        summary="Record what became of a question",
        description=(
            'Needs "questions.moderate". `answered` (at the meeting), `in_writing`, or `forwarded` with '
            "`forwarded_to`: another ministry or the region's akimat; an empty outcome clears it. A note is kept "
            "with it. Stale revision: 409."
        ),
        parameters=[LANG_PARAMETER],
        request=LiveOutcomeSerializer,
        responses={200: StreamQuestionSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        question = self.question(request)
        body = LiveOutcomeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        body_id = data.get("forwarded_to")
        forwarded_to = Organisation.objects.filter(pk=body_id).first() if body_id else None
        question = record_outcome(
            actor=acting_user(request),
            question=question,
            revision=data["revision"],
            outcome=data["outcome"],
            forwarded_to=forwarded_to,
            note=data["note"],
        )
        return self.answer(question)


class CurrentQuestionView(LiveStaffView):
    @extend_schema(
        summary="Put a question on the hall's screen, or clear it",
        description=(
            'Needs "questions.moderate" (or "meetings.run_meeting") on the visit. Only a published question of '
            "the meeting; with `revision`, one changed meanwhile answers 409."
        ),
        parameters=[LANG_PARAMETER],
        request=CurrentQuestionSerializer,
        responses={200: CurrentQuestionResultSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int) -> Response:
        user = acting_user(request)
        visit = visit_for(user, visit_id)
        if not (user.has_perm("questions.moderate", visit) or user.has_perm("meetings.run_meeting", visit)):
            self.permission_denied(request)
        if not VisitPart.objects.filter(visit=visit, kind=VisitPart.Kind.MEETING).exists():
            raise Http404
        body = CurrentQuestionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        question_id = body.validated_data["question"]
        question = get_object_or_404(Question, pk=question_id, visit=visit) if question_id else None
        meeting = set_current_question(
            actor=user,
            meeting=live_meeting_for(visit),
            question=question,
            revision=body.validated_data.get("revision"),
        )
        return Response(CurrentQuestionResultSerializer(meeting).data)


class HallQuestionView(LiveStaffView):
    write_permission = "questions.enter_question"

    @extend_schema(
        summary="Add a question asked in the hall",
        description=(
            'Needs "questions.enter_question" on the visit. Typed by staff; published at once unless the automatic '
            "checks flag it (personal data, abuse, spam), then it waits for a moderator."
        ),
        parameters=[LANG_PARAMETER],
        request=HallQuestionSerializer,
        responses={201: StreamQuestionSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def post(self, request: Request, visit_id: int) -> Response:
        visit = self.visit(request)
        body = HallQuestionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        district = District.objects.filter(pk=data["district"]).first() if data.get("district") else None
        topic = Topic.objects.filter(code=data["topic"]).first() if data["topic"] else None
        question = enter_hall_question(
            actor=acting_user(request),
            visit=visit,
            text=data["text"],
            author_name=data["author_name"],
            district=district,
            topic=topic,
        )
        response = self.answer(question)
        response.status_code = status.HTTP_201_CREATED
        return response


class CommentImportView(LiveStaffView):
    write_permission = "questions.import_questions"
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Import a platform's exported file of broadcast comments",
        description=(
            'Needs "questions.import_questions" on the visit. Multipart: `platform` (youtube, facebook, telegram, '
            "vk) and `file` — the platform's JSON export as it came (YouTube commentThreads, Facebook Graph "
            "comments, Telegram Desktop result.json, VK wall.getComments) or CSV with id, date, name, text. "
            "Comments already in the stream are counted, not added again."
        ),
        parameters=[LANG_PARAMETER],
        request={"multipart/form-data": CommentImportSerializer},
        responses={
            201: CommentImportResultSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def post(self, request: Request, visit_id: int) -> Response:
        visit = self.visit(request)
        body = CommentImportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        batch = import_comment_file(
            actor=acting_user(request),
            visit=visit,
            platform=body.validated_data["platform"],
            file_name=upload.name or "comments.json",
            content=upload.read(),
        )
        return Response(CommentImportResultSerializer(batch).data, status=status.HTTP_201_CREATED)


class BroadcastWebhookView(APIView):
    """No session, no CSRF: the signature with the account's secret is the authentication."""

    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []

    @extend_schema(
        summary="Deliver a broadcast comment (signed webhook)",
        description=(
            "For the integrations of the ministry's official accounts. Headers: `X-Kezdesu-Account` — the official "
            "account's id (one of the visit's ministry, with a webhook secret); `X-Kezdesu-Signature` — "
            "`sha256=` and the hex HMAC-SHA256 of the raw body keyed with the account's secret. Body (at most "
            f"{MAX_BODY_BYTES // 1024} KB): `id`, `text`, optional `author` and `published_at`. 201: added; 200: "
            "delivered before, nothing added. Refusals save nothing: 400 malformed JSON or missing fields, 401 "
            "unsigned or wrongly signed, 403 unknown account, 413 too large, 404 no such visit."
        ),
        auth=[],
        parameters=[
            OpenApiParameter(ACCOUNT_HEADER, OpenApiTypes.INT, OpenApiParameter.HEADER, required=True),
            OpenApiParameter(SIGNATURE_HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER, required=True),
        ],
        request=BroadcastCommentSerializer,
        responses={
            201: DeliveredCommentSerializer,
            200: DeliveredCommentSerializer,
            400: ErrorSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            413: OpenApiResponse(ErrorSerializer, description="The body is larger than allowed."),
        },
    )
    def post(self, request: Request, visit_id: int) -> Response:
        visit = Visit.objects.filter(pk=visit_id).first()
        if visit is None:
            raise Http404
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:  # refused before the body is read
            return self._refused(too_large())
        try:
            delivery = deliver_comment(
                visit=visit,
                body=request._request.body,
                account_header=request.headers.get(ACCOUNT_HEADER, ""),
                signature_header=request.headers.get(SIGNATURE_HEADER, ""),
            )
        except WebhookRefused as refusal:
            return self._refused(refusal)
        except DomainError as error:
            return Response({"detail": str(error.message), "code": error.code}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            DeliveredCommentSerializer(delivery).data,
            status=status.HTTP_201_CREATED if delivery.created else status.HTTP_200_OK,
        )

    def _refused(self, refusal: WebhookRefused) -> Response:
        return Response({"detail": refusal.message, "code": refusal.code}, status=refusal.status)


class LiveAskView(APIView):
    """A citizen's question for the live meeting, queued for scale (questions/domain/live_queue.py).

    In production the WSGI fast path (portal/live_fast_path.py) answers this address before Django with the
    same function; this view answers when the fast path does not run (tests, another server)."""

    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []

    @extend_schema(
        summary="Ask a question at the live meeting (public)",
        description=(
            "Anonymous, for the live page and apps. JSON body: `text` (10 to 3,000 characters, plain text), "
            "optional `district` and `topic` (ids). Checked as the live page's form checks it (the meeting "
            "takes questions, the text, the district in the visit's region, at most "
            "KEZDESU_LIVE_QUESTIONS_PER_MINUTE questions a minute from one network). 202 `{id, status: "
            "queued}`: accepted and queued; a worker stores it within seconds — published unless the automatic "
            "checks flag it for a moderator. 201 `{id, status}` when the server has no queue (stored at once). "
            "400 refused, nothing queued (`code`: text — too short, too long or markup, the message says which; "
            "district_region, topic, invalid_id, too_many, questions_closed, parse_error), 404 no such visit, "
            "413 body over 16 KB."
        ),
        auth=[],
        parameters=[LANG_PARAMETER],
        request=LiveAskSerializer,
        responses={
            202: LiveAskedSerializer,
            201: LiveAskedSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
            413: ErrorSerializer,
        },
    )
    def post(self, request: Request, visit_id: int) -> Response:
        code, payload = ask_answer(
            visit_id=visit_id,
            body=request._request.body,
            network_key=network_key_of(request.META, visit_id),
        )
        return Response(payload, status=code)


urlpatterns: list[URLPattern | URLResolver] = [
    path("visits/<int:visit_id>/live/questions/", StreamView.as_view(), name="live-stream"),
    path("visits/<int:visit_id>/live/questions/<int:pk>/publish/", PublishView.as_view(), name="live-publish"),
    path("visits/<int:visit_id>/live/questions/<int:pk>/hide/", HideView.as_view(), name="live-hide"),
    path("visits/<int:visit_id>/live/questions/<int:pk>/shortlist/", ShortlistView.as_view(), name="live-shortlist"),
    path("visits/<int:visit_id>/live/questions/<int:pk>/outcome/", OutcomeView.as_view(), name="live-outcome"),
    path("visits/<int:visit_id>/live/current-question/", CurrentQuestionView.as_view(), name="live-current-question"),
    path("visits/<int:visit_id>/live/hall-questions/", HallQuestionView.as_view(), name="live-hall-questions"),
    path("visits/<int:visit_id>/live/comment-imports/", CommentImportView.as_view(), name="live-comment-imports"),
    path("visits/<int:visit_id>/live/ask/", LiveAskView.as_view(), name="live-ask"),
    path("visits/<int:visit_id>/broadcast-comments/", BroadcastWebhookView.as_view(), name="live-broadcast-comments"),
]
