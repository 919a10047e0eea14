"""Staff endpoints for a visit's problem issues (R19): the list (published or not), create, change, merge, split,
status, questions placed behind an issue, the suggested clusters of questions, and what was raised at the
reception, the NGO meeting and the media briefing.

A visit outside the user's scope answers 404; one they read but whose issues they may not edit, 403 on writes.
Changes call kezdesu.followup.domain.issues, which refuses with a translated message (400) — also when the
issue changed after the `revision` sent. Never personal data: no author names or contacts of questions.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.core.errors import DomainError
from kezdesu.followup.domain.issues import (
    COMPETENT_KINDS,
    EDIT,
    create_issue,
    delete_issue,
    merge_issues,
    move_questions,
    set_issue_status,
    split_issue,
    update_issue,
)
from kezdesu.followup.domain.queries.issues import issues_of_visit
from kezdesu.followup.domain.raised_questions import RAISED_CHANNELS, bring_reception_topics, record_raised_question
from kezdesu.followup.domain.suggestions import Suggestion, suggest_issues
from kezdesu.followup.models import ProblemIssue
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District, Organisation
from kezdesu.questions.models import Question, Topic

REFUSALS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
TEXTS = ("title_kk", "title_ru", "title_en", "description_kk", "description_ru", "description_en")


# --- serializers ---------------------------------------------------------------------------------------------


class IssueQuestionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    channel = serializers.CharField()
    status = serializers.CharField()
    text = serializers.CharField(help_text="As written; staff only (the public sees the published text).")
    published_text = serializers.CharField()
    votes = serializers.IntegerField()
    topic = serializers.CharField(source="topic.code", allow_null=True, default=None, help_text="The topic's code.")
    district = serializers.IntegerField(source="district_id", allow_null=True)
    received_at = serializers.DateTimeField()


class IssueSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    number = serializers.IntegerField(help_text="Its number in the visit's list.")
    title_kk = serializers.CharField()
    title_ru = serializers.CharField()
    title_en = serializers.CharField(allow_null=True)
    description_kk = serializers.CharField(allow_null=True)
    description_ru = serializers.CharField(allow_null=True)
    description_en = serializers.CharField(allow_null=True)
    region = serializers.IntegerField(source="region_id")
    district = serializers.IntegerField(source="district_id", allow_null=True)
    sector = serializers.CharField(source="sector.code", allow_null=True, default=None, help_text="A topic's code.")
    competent_body = serializers.IntegerField(source="competent_body_id", allow_null=True)
    competent_company = serializers.CharField()
    citizens = serializers.IntegerField(help_text="How many questions are behind it.")
    # Plain strings, not enums: an enum here would collide in the schema with other models' status.
    status = serializers.CharField(help_text=f"One of: {', '.join(ProblemIssue.Status.values)}.")
    status_note_kk = serializers.CharField(allow_null=True)
    status_note_ru = serializers.CharField(allow_null=True)
    status_note_en = serializers.CharField(allow_null=True)
    solved_on = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True, help_text="Null until the visit's results are public.")
    revision = serializers.IntegerField(help_text="Send it back with a change.")
    measures = serializers.SerializerMethodField()
    questions = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(help_text="Measures in the action plan."))
    def get_measures(self, issue: ProblemIssue) -> int:
        return len(issue.measures.all())

    @extend_schema_field(IssueQuestionSerializer(many=True))
    def get_questions(self, issue: ProblemIssue) -> Any:
        return IssueQuestionSerializer([link.question for link in issue.links.all()], many=True).data


class IssueFieldsSerializer(serializers.Serializer[Any]):
    title_kk = serializers.CharField(max_length=300, allow_blank=True)
    title_ru = serializers.CharField(max_length=300, allow_blank=True)
    title_en = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    description_kk = serializers.CharField(required=False, allow_blank=True, default="")
    description_ru = serializers.CharField(required=False, allow_blank=True, default="")
    description_en = serializers.CharField(required=False, allow_blank=True, default="")
    district: serializers.PrimaryKeyRelatedField[District] = serializers.PrimaryKeyRelatedField(
        queryset=District.objects.all(), required=False, allow_null=True
    )
    sector: serializers.SlugRelatedField[Topic] = serializers.SlugRelatedField(
        slug_field="code", queryset=Topic.objects.all(), required=False, allow_null=True, help_text="A topic's code."
    )
    competent_body: serializers.PrimaryKeyRelatedField[Organisation] = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind__in=COMPETENT_KINDS),
        required=False,
        allow_null=True,
        help_text="A ministry or an akimat; or give `competent_company`.",
    )
    competent_company = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class IssueCreateSerializer(IssueFieldsSerializer):
    questions = serializers.ListField(child=serializers.IntegerField(), help_text="Ids of questions of the visit.")


class IssuePatchSerializer(IssueFieldsSerializer):
    revision = serializers.IntegerField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "revision":
                field.required = False
                field.default = serializers.empty


class IssueSplitSerializer(IssueCreateSerializer):
    pass


class IssueMergeSerializer(serializers.Serializer[Any]):
    others = serializers.ListField(child=serializers.IntegerField(), help_text="Ids of issues to merge into this one.")


class IssueMoveSerializer(serializers.Serializer[Any]):
    questions = serializers.ListField(child=serializers.IntegerField(), help_text="Ids of questions of the visit.")


class IssueStatusSerializer(serializers.Serializer[Any]):
    status = serializers.CharField(help_text=f"One of: {', '.join(ProblemIssue.Status.values)}.")
    revision = serializers.IntegerField()
    note_kk = serializers.CharField(required=False, allow_blank=True, default="")
    note_ru = serializers.CharField(required=False, allow_blank=True, default="")
    note_en = serializers.CharField(required=False, allow_blank=True, default="")


class RaisedQuestionInputSerializer(serializers.Serializer[Any]):
    channel = serializers.CharField(help_text=f"Where it was raised: {', '.join(RAISED_CHANNELS)}.")
    text = serializers.CharField(help_text="Without the name or contacts of who raised it.")
    district: serializers.PrimaryKeyRelatedField[District] = serializers.PrimaryKeyRelatedField(
        queryset=District.objects.all(), required=False, allow_null=True
    )
    topic: serializers.SlugRelatedField[Topic] = serializers.SlugRelatedField(
        slug_field="code", queryset=Topic.objects.all(), required=False, allow_null=True
    )


class IssueSuggestionSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(help_text="Proposed: the most voted published text, shortened.")
    citizens = serializers.IntegerField()
    sector = serializers.CharField(source="sector.code", allow_null=True, default=None)
    district = serializers.IntegerField(source="district.pk", allow_null=True, default=None)
    competent_body = serializers.IntegerField(source="competent_body.pk", allow_null=True, default=None)
    questions = IssueQuestionSerializer(many=True)


class ReceptionTopicsSerializer(serializers.Serializer[Any]):
    added = serializers.IntegerField(help_text="Questions added from bookings not brought in before.")


# --- views ---------------------------------------------------------------------------------------------------


class IssueStaffView(ApiViewMixin, APIView):
    read_permission: str | None = "meetings.view_visit"
    write_permission: str | None = EDIT
    permission_per_object = True  # asked about the visit

    def visit(self, request: Request) -> Visit:
        visit = visit_for(acting_user(request), self.kwargs["visit_id"])
        self.check_object_permissions(request, visit)
        return visit

    def issue(self, request: Request) -> tuple[Visit, ProblemIssue]:
        visit = self.visit(request)
        return visit, get_object_or_404(issues_of_visit(visit), pk=self.kwargs["pk"])


def _questions(ids: list[int]) -> list[Question]:
    found = list(Question.objects.filter(pk__in=set(ids)))
    if len(found) != len(set(ids)):
        raise DomainError(_("Only questions of this visit can be behind its problem issues."), code="other_visit")
    return found


def _issue_data(visit: Visit, issue: ProblemIssue) -> Any:
    return IssueSerializer(issues_of_visit(visit).get(pk=issue.pk)).data


class IssueListView(IssueStaffView):
    @extend_schema(
        summary="List a visit's problem issues",
        description=(
            'Needs "meetings.view_visit": everyone who reads the visit. Every problem issue, published or not, '
            "in order, with the questions behind it (no author names or contacts)."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: IssueSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, visit_id: int) -> Response:
        return Response(IssueSerializer(issues_of_visit(self.visit(request)), many=True).data)

    @extend_schema(
        summary="Create a problem issue from questions",
        description=(
            'Needs "followup.edit_issues" on the visit. Titles in Kazakh and Russian are required; exactly one of '
            "`competent_body` (a ministry or akimat) and `competent_company`; the questions must be the visit's and "
            "behind no issue yet. The issue is numbered next in the visit."
        ),
        parameters=[LANG_PARAMETER],
        request=IssueCreateSerializer,
        responses={201: IssueSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int) -> Response:
        visit = self.visit(request)
        body = IssueCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        questions = _questions(data.pop("questions"))
        issue = create_issue(actor=acting_user(request), visit=visit, questions=questions, **data)
        return Response(_issue_data(visit, issue), status=status.HTTP_201_CREATED)


class IssueDetailView(IssueStaffView):
    @extend_schema(
        summary="One problem issue",
        description='Needs "meetings.view_visit".',
        parameters=[LANG_PARAMETER],
        responses={200: IssueSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, visit_id: int, pk: int) -> Response:
        _visit, issue = self.issue(request)
        return Response(IssueSerializer(issue).data)

    @extend_schema(
        summary="Change a problem issue",
        description=(
            'Needs "followup.edit_issues" on the visit. Only the fields sent change. Send the `revision` you '
            "edited: if the issue changed meanwhile, 400 with code `changed_meanwhile`."
        ),
        parameters=[LANG_PARAMETER],
        request=IssuePatchSerializer,
        responses={200: IssueSerializer, **REFUSALS},
    )
    def patch(self, request: Request, visit_id: int, pk: int) -> Response:
        visit, issue = self.issue(request)
        body = IssuePatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        revision = data.pop("revision")
        update_issue(actor=acting_user(request), issue=issue, revision=revision, **data)
        return Response(_issue_data(visit, issue))

    @extend_schema(
        summary="Delete a problem issue",
        description=(
            'Needs "followup.edit_issues" on the visit. Only an unpublished issue without measures; its questions '
            "are free again."
        ),
        parameters=[LANG_PARAMETER],
        request=None,
        responses={204: None, **REFUSALS},
    )
    def delete(self, request: Request, visit_id: int, pk: int) -> Response:
        _visit, issue = self.issue(request)
        delete_issue(actor=acting_user(request), issue=issue)
        return Response(status=status.HTTP_204_NO_CONTENT)


class IssueMergeView(IssueStaffView):
    @extend_schema(
        summary="Merge problem issues into this one",
        description=(
            'Needs "followup.edit_issues" on the visit. The others\' questions, measures and followers move to this '
            "issue and they are removed; its timeline records the merge."
        ),
        parameters=[LANG_PARAMETER],
        request=IssueMergeSerializer,
        responses={200: IssueSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        visit, issue = self.issue(request)
        body = IssueMergeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ids = set(body.validated_data["others"])
        others = list(ProblemIssue.objects.filter(pk__in=ids))
        if len(others) != len(ids):
            raise DomainError(_("Only problem issues of the same visit can be merged."), code="other_visit")
        merge_issues(actor=acting_user(request), target=issue, others=others)
        return Response(_issue_data(visit, issue))


class IssueSplitView(IssueStaffView):
    @extend_schema(
        summary="Split a new problem issue off this one",
        description=(
            'Needs "followup.edit_issues" on the visit. Some of the issue\'s questions make a new issue; what is '
            "not sent of its place, sector and competent body is the original's."
        ),
        parameters=[LANG_PARAMETER],
        request=IssueSplitSerializer,
        responses={201: IssueSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        visit, issue = self.issue(request)
        body = IssueSplitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        questions = _questions(data.pop("questions"))
        new = split_issue(actor=acting_user(request), issue=issue, questions=questions, **data)
        return Response(_issue_data(visit, new), status=status.HTTP_201_CREATED)


class IssueQuestionsView(IssueStaffView):
    @extend_schema(
        summary="Place questions behind this problem issue",
        description=(
            'Needs "followup.edit_issues" on the visit. Free questions, or ones taken from another issue of the '
            "visit (both are recounted)."
        ),
        parameters=[LANG_PARAMETER],
        request=IssueMoveSerializer,
        responses={200: IssueSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        visit, issue = self.issue(request)
        body = IssueMoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        move_questions(
            actor=acting_user(request), questions=_questions(body.validated_data["questions"]), to_issue=issue
        )
        return Response(_issue_data(visit, issue))


class IssueStatusView(IssueStaffView):
    @extend_schema(
        summary="Set a problem issue's status",
        description=(
            'Needs "followup.edit_issues" on the visit. `solved` needs every measure done (or not done, with a note '
            "in Kazakh and Russian); `not_solvable` needs the reason in Kazakh and Russian. With a stale `revision`, "
            "400 with code `changed_meanwhile`."
        ),
        parameters=[LANG_PARAMETER],
        request=IssueStatusSerializer,
        responses={200: IssueSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int, pk: int) -> Response:
        visit, issue = self.issue(request)
        body = IssueStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        set_issue_status(actor=acting_user(request), issue=issue, **body.validated_data)
        return Response(_issue_data(visit, issue))


class SuggestionsView(IssueStaffView):
    read_permission = EDIT
    write_permission = None

    @extend_schema(
        summary="Suggested problem issues",
        description=(
            'Needs "followup.edit_issues" on the visit. The questions behind no issue yet (hidden ones apart) in '
            "clusters of similar texts, the largest first, each with a proposed title, sector, district and "
            "competent body. A question alike no other is a suggestion of its own."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: IssueSuggestionSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, visit_id: int) -> Response:
        suggestions: list[Suggestion] = suggest_issues(self.visit(request))
        return Response(IssueSuggestionSerializer(suggestions, many=True).data)


class RaisedQuestionView(IssueStaffView):
    @extend_schema(
        summary="Record a question raised at the reception, the NGO meeting or the media briefing",
        description=(
            'Needs "followup.edit_issues" on the visit. Stored as a published question of that channel, without '
            "who raised it, ready to be placed behind a problem issue."
        ),
        parameters=[LANG_PARAMETER],
        request=RaisedQuestionInputSerializer,
        responses={201: IssueQuestionSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int) -> Response:
        visit = self.visit(request)
        body = RaisedQuestionInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        question = record_raised_question(actor=acting_user(request), visit=visit, **body.validated_data)
        return Response(IssueQuestionSerializer(question).data, status=status.HTTP_201_CREATED)


class ReceptionTopicsView(IssueStaffView):
    @extend_schema(
        summary="Bring in the reception's topics as questions",
        description=(
            'Needs "followup.edit_issues" on the visit. The topic of every booking of the reception (not cancelled) '
            "becomes a question of the reception — its text only, never the name, IIN or phone. Once per booking."
        ),
        parameters=[LANG_PARAMETER],
        request=None,
        responses={200: ReceptionTopicsSerializer, **REFUSALS},
    )
    def post(self, request: Request, visit_id: int) -> Response:
        added = bring_reception_topics(actor=acting_user(request), visit=self.visit(request))
        return Response({"added": added})


PREFIX = "visits/<int:visit_id>/issues/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(PREFIX, IssueListView.as_view(), name="visit-issues"),
    path(f"{PREFIX}suggestions/", SuggestionsView.as_view(), name="visit-issue-suggestions"),
    path(f"{PREFIX}raised-questions/", RaisedQuestionView.as_view(), name="visit-issue-raised-question"),
    path(f"{PREFIX}reception-topics/", ReceptionTopicsView.as_view(), name="visit-issue-reception-topics"),
    path(f"{PREFIX}<int:pk>/", IssueDetailView.as_view(), name="visit-issue"),
    path(f"{PREFIX}<int:pk>/merge/", IssueMergeView.as_view(), name="visit-issue-merge"),
    path(f"{PREFIX}<int:pk>/split/", IssueSplitView.as_view(), name="visit-issue-split"),
    path(f"{PREFIX}<int:pk>/questions/", IssueQuestionsView.as_view(), name="visit-issue-questions"),
    path(f"{PREFIX}<int:pk>/status/", IssueStatusView.as_view(), name="visit-issue-status"),
]
