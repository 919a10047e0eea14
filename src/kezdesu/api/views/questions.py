"""A visit's questions: the published ones for anyone, and the delivery of questions by integrations (R10).

The public list never shows personal data: no author names, no contacts. Integrations (eOtinish, the
heads' blog platform, social networks) deliver one question at a time as staff with
"questions.import_questions" on the visit; the channel and the source's id make a delivery idempotent.
"""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, URLResolver, path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.questions import (
    IntegrationQuestionSerializer,
    PublicQuestionSerializer,
    ReceivedQuestionSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.intake import receive_from_integration
from kezdesu.questions.domain.queries.intake import published_questions
from kezdesu.questions.models import Question

PUBLIC_STATUSES = (Visit.Status.PUBLISHED, Visit.Status.HELD)


class VisitQuestionsView(ApiViewMixin, generics.ListAPIView[Question]):
    serializer_class = PublicQuestionSerializer
    read_permission = None
    write_permission = "questions.import_questions"
    permission_per_object = True  # asked about the visit, in `post`
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Question]:
        if getattr(self, "swagger_fake_view", False):
            return Question.objects.none()
        visit = get_object_or_404(Visit, pk=self.kwargs["visit_id"], status__in=PUBLIC_STATUSES)
        return published_questions(visit)

    @extend_schema(
        summary="List a visit's published questions",
        description=(
            "The questions to an announced or held visit that moderation published, a group of questions asked "
            "by several people once, with `asked` saying how many; the most asked first. Public, without personal "
            "data: no author names and no contacts. A visit not announced answers 404."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: PublicQuestionSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Deliver a question from an integration",
        description=(
            'For integrations signed in as staff with "questions.import_questions" on the visit (its ministry\'s and '
            "the region's akimat's editors and approvers, the authorized body). `channel` and `external_id` make the "
            "delivery idempotent: a new question answers 201, one delivered before answers 200 with the question "
            "already there. The question waits for moderation. Refused with 400 and a translated reason: text with "
            "HTML, too short or too long, a district outside the region, a name or contact without consent, "
            "questions closed (at the visit's closing time or when the meeting starts). A visit outside the "
            "user's scope answers 404."
        ),
        parameters=[LANG_PARAMETER],
        request=IntegrationQuestionSerializer,
        responses={
            201: ReceivedQuestionSerializer,
            200: ReceivedQuestionSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = acting_user(request)
        visit = visit_for(user, self.kwargs["visit_id"])
        self.check_object_permissions(request, visit)
        body = IntegrationQuestionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        question, created = receive_from_integration(actor=user, visit=visit, **body.validated_data)
        return Response(
            ReceivedQuestionSerializer(question).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


urlpatterns: list[URLPattern | URLResolver] = [
    path("visits/<int:visit_id>/questions/", VisitQuestionsView.as_view(), name="visit-questions"),
]
