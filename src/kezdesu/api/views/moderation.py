"""Staff endpoints for a visit's questions: the moderation queue with what the automatic checks suggest,
decisions (publish, hide, restore, in bulk too), the groups of duplicates, the analysis and the briefing.

A visit outside the user's scope answers 404; one they read but may not moderate, 403. Decisions call the
questions domain, which refuses with a translated message (400) — also when another moderator changed the
question after the `version` sent with the decision.
"""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.moderation import (
    AnalysisSerializer,
    BulkResultSerializer,
    BulkSerializer,
    GroupingResultSerializer,
    HideSerializer,
    MergeSerializer,
    ModerationQuestionSerializer,
    PublishSerializer,
    QuestionGroupSerializer,
    RestoreSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.grouping import group_questions, merge_questions, split_question
from kezdesu.questions.domain.moderation import (
    BulkResult,
    bulk_hide_questions,
    bulk_publish_questions,
    bulk_restore_questions,
    hide_question,
    moderation_version,
    publish_question,
    restore_question,
)
from kezdesu.questions.domain.moderation_checks import check_question
from kezdesu.questions.domain.queries.analysis import visit_analysis
from kezdesu.questions.domain.queries.moderation import (
    NO_SUGGESTION,
    QueueFilters,
    QueueRow,
    groups_of,
    moderation_queue,
)
from kezdesu.questions.interfaces.briefing_docx import briefing_docx, briefing_file_name
from kezdesu.questions.models import Channel, Question

REFUSALS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILTERS = [
    # Plain strings, not enums: an enum here would collide in the schema with the models' own status and channel.
    OpenApiParameter("status", OpenApiTypes.STR, description=f"Only this status: {', '.join(Question.Status.values)}."),
    OpenApiParameter("channel", OpenApiTypes.STR, description=f"Only this channel: {', '.join(Channel.values)}."),
    OpenApiParameter("topic", OpenApiTypes.STR, description="Only this topic (its code)."),
    OpenApiParameter(
        "suggested",
        OpenApiTypes.STR,
        enum=[*Question.HiddenReason.values, NO_SUGGESTION],
        description="Only the questions the checks suggest this reason for; `none`: those they found nothing in.",
    ),
]


class VisitStaffView(ApiViewMixin, APIView):
    read_permission: str | None = "questions.moderate"
    write_permission: str | None = "questions.moderate"
    permission_per_object = True  # asked about the visit

    def visit(self, request: Request) -> Visit:
        visit = visit_for(acting_user(request), self.kwargs["visit_id"])
        self.check_object_permissions(request, visit)
        return visit

    def question(self, request: Request) -> tuple[Visit, Question]:
        visit = self.visit(request)
        question = get_object_or_404(Question.objects.select_related("visit"), pk=self.kwargs["pk"], visit=visit)
        return visit, question


def _row(question: Question) -> dict[str, Any]:
    row = QueueRow(question, check_question(question), moderation_version(question))
    return dict(ModerationQuestionSerializer(row).data)


class ModerationQueueView(VisitStaffView, generics.GenericAPIView[Any]):
    serializer_class = ModerationQuestionSerializer
    filter_backends: list[Any] = []

    @extend_schema(
        summary="List a visit's questions with moderation data",
        description=(
            "Needs \"questions.moderate\" on the visit: its ministry's and the region's akimat's editors and "
            "approvers, and the authorized body. Every question, oldest first, with its status, the moderator's "
            "decision and what the automatic checks suggest (personal data with a proposed text, spam, abuse) — "
            "they only suggest. Holds what people wrote, personal data included: staff only."
        ),
        parameters=[LANG_PARAMETER, *FILTERS],
        responses={200: ModerationQuestionSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, visit_id: int) -> Response:
        visit = self.visit(request)
        params = request.query_params
        filters = QueueFilters(
            status=params.get("status", ""),
            channel=params.get("channel", ""),
            topic=params.get("topic", ""),
            suggested=params.get("suggested", ""),
        )
        page = self.paginate_queryset(moderation_queue(visit, filters))
        return self.get_paginated_response(ModerationQuestionSerializer(page, many=True).data)


class PublishView(VisitStaffView):
    @extend_schema(
        summary="Publish a question",
        description=(
            'Needs "questions.moderate" on the visit. Publishes the question with `published_text` (the moderator\'s '
            "text with personal data removed) or as written. Send the `version` you decided on: if another "
            "moderator changed the question meanwhile, 400 with code `changed_meanwhile`."
        ),
        parameters=[LANG_PARAMETER],
        request=PublishSerializer,
        responses={200: ModerationQuestionSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        _visit, question = self.question(request)
        body = PublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        question = publish_question(
            actor=acting_user(request),
            question=question,
            published_text=data.get("published_text"),
            note=data["note"],
            version=data.get("version"),
        )
        return Response(_row(question))


class HideView(VisitStaffView):
    @extend_schema(
        summary="Hide a question",
        description=(
            'Needs "questions.moderate" on the visit. Hides the question from the public with a reason (`other` '
            "needs a note). With a stale `version`, 400 with code `changed_meanwhile`."
        ),
        parameters=[LANG_PARAMETER],
        request=HideSerializer,
        responses={200: ModerationQuestionSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        _visit, question = self.question(request)
        body = HideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        question = hide_question(
            actor=acting_user(request),
            question=question,
            reason=data["reason"],
            note=data["note"],
            version=data.get("version"),
        )
        return Response(_row(question))


class RestoreView(VisitStaffView):
    @extend_schema(
        summary="Return a question to the moderation queue",
        description='Needs "questions.moderate" on the visit. A published or hidden question awaits moderation again.',
        parameters=[LANG_PARAMETER],
        request=RestoreSerializer,
        responses={200: ModerationQuestionSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        _visit, question = self.question(request)
        body = RestoreSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        question = restore_question(
            actor=acting_user(request), question=question, version=body.validated_data.get("version")
        )
        return Response(_row(question))


class BulkView(VisitStaffView):
    @extend_schema(
        summary="Decide on several questions at once",
        description=(
            'Needs "questions.moderate" on the visit. `publish` publishes as written and skips the questions the '
            "checks find personal data in; `hide` needs a `reason`; `restore` returns them to the queue. Ids of "
            "other visits' questions are ignored. Answers which changed and which were left, with why."
        ),
        parameters=[LANG_PARAMETER],
        request=BulkSerializer,
        responses={200: BulkResultSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int) -> Response:
        visit = self.visit(request)
        body = BulkSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        actor = acting_user(request)
        chosen = list(Question.objects.select_related("visit").filter(visit=visit, pk__in=data["questions"]))
        result: BulkResult
        if data["action"] == "publish":
            result = bulk_publish_questions(actor=actor, questions=chosen)
        elif data["action"] == "hide":
            result = bulk_hide_questions(
                actor=actor, questions=chosen, reason=data.get("reason", ""), note=data["note"]
            )
        else:
            result = bulk_restore_questions(actor=actor, questions=chosen)
        return Response(
            {
                "changed": [question.pk for question in result.changed],
                "skipped": [{"id": question.pk, "reason": str(reason)} for question, reason in result.skipped],
            }
        )


class GroupsView(VisitStaffView):
    @extend_schema(
        summary="List a visit's groups of duplicate questions",
        description=(
            'Needs "questions.moderate" on the visit. The groups, the largest first: `size` is how many people '
            "asked (hidden members do not count), `representative` the earliest published member."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: QuestionGroupSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, visit_id: int) -> Response:
        return Response(QuestionGroupSerializer(groups_of(self.visit(request)), many=True).data)


class GroupingView(VisitStaffView):
    @extend_schema(
        summary="Group the new questions",
        description=(
            'Needs "questions.moderate" on the visit. Places the questions in no group yet into groups of exact '
            "and near duplicates. Idempotent: existing groups, moderators' merges and splits are kept."
        ),
        parameters=[LANG_PARAMETER],
        request=None,
        responses={200: GroupingResultSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def post(self, request: Request, visit_id: int) -> Response:
        result = group_questions(visit=self.visit(request), actor=acting_user(request))
        return Response(GroupingResultSerializer(result).data)


class MergeView(VisitStaffView):
    @extend_schema(
        summary="Merge questions into one group",
        description=(
            'Needs "questions.moderate" on the visit. The questions, with everyone in their groups, join one '
            "group. Fewer than two questions, or another visit's, answer 400."
        ),
        parameters=[LANG_PARAMETER],
        request=MergeSerializer,
        responses={200: QuestionGroupSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int) -> Response:
        visit = self.visit(request)
        body = MergeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ids = set(body.validated_data["questions"])
        chosen = list(Question.objects.filter(visit=visit, pk__in=ids))
        if len(chosen) != len(ids):
            raise DomainError(_("Only questions of this visit can be merged."), code="other_visit")
        group = merge_questions(actor=acting_user(request), visit=visit, questions=chosen)
        return Response(QuestionGroupSerializer(groups_of(visit).get(pk=group.pk)).data)


class SplitView(VisitStaffView):
    @extend_schema(
        summary="Take a question out of its group",
        description=(
            'Needs "questions.moderate" on the visit. The question gets a group of its own, which later '
            "groupings leave alone. A question in no group, or alone in it, answers 400."
        ),
        parameters=[LANG_PARAMETER],
        request=None,
        responses={200: QuestionGroupSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        visit, question = self.question(request)
        group = split_question(actor=acting_user(request), question=question)
        return Response(QuestionGroupSerializer(groups_of(visit).get(pk=group.pk)).data)


class AnalysisView(VisitStaffView):
    read_permission = "questions.view_analysis"
    write_permission = None

    @extend_schema(
        summary="The analysis of a visit's questions",
        description=(
            'Needs "questions.view_analysis" on the visit: everyone who reads it. Counts by topic, district, '
            "channel and day (hidden questions apart), the most asked, and what was asked at earlier visits to the "
            "region and what became of it (the region's systemic problems and their answers)."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: AnalysisSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, visit_id: int) -> Response:
        return Response(AnalysisSerializer(visit_analysis(self.visit(request))).data)


class BriefingView(VisitStaffView):
    read_permission = "questions.view_analysis"
    write_permission = None

    @extend_schema(
        summary="The one-page briefing (DOCX)",
        description=(
            'Needs "questions.view_analysis" on the visit. The minister\'s one-page briefing as a Word document, '
            "in the language of `lang` (kk, ru or en; otherwise of the request)."
        ),
        parameters=[LANG_PARAMETER],
        responses={
            (200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description="The briefing."),
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request, visit_id: int) -> HttpResponse:
        visit = self.visit(request)
        language = getattr(request, "LANGUAGE_CODE", "") or "kk"
        response = HttpResponse(briefing_docx(visit, language=language), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="{briefing_file_name(visit)}"'
        return response


PREFIX = "visits/<int:visit_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{PREFIX}moderation/questions/", ModerationQueueView.as_view(), name="moderation-questions"),
    path(f"{PREFIX}moderation/questions/<int:pk>/publish/", PublishView.as_view(), name="moderation-publish"),
    path(f"{PREFIX}moderation/questions/<int:pk>/hide/", HideView.as_view(), name="moderation-hide"),
    path(f"{PREFIX}moderation/questions/<int:pk>/restore/", RestoreView.as_view(), name="moderation-restore"),
    path(f"{PREFIX}moderation/questions/<int:pk>/split/", SplitView.as_view(), name="moderation-split"),
    path(f"{PREFIX}moderation/bulk/", BulkView.as_view(), name="moderation-bulk"),
    path(f"{PREFIX}moderation/groups/", GroupsView.as_view(), name="moderation-groups"),
    path(f"{PREFIX}moderation/groups/run/", GroupingView.as_view(), name="moderation-grouping"),
    path(f"{PREFIX}moderation/groups/merge/", MergeView.as_view(), name="moderation-merge"),
    path(f"{PREFIX}analysis/", AnalysisView.as_view(), name="moderation-analysis"),
    path(f"{PREFIX}briefing/", BriefingView.as_view(), name="moderation-briefing"),
]
