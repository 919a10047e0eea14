"""A visit's agenda (R15): public for announced visits, replaced at once by the ministry; and its publicity and
coordination tasks (R12, R13, R18) for the staff of the parties.

Writes call the meetings domain (`set_agenda`, `update_task`), which checks the permission and refuses with a
translated message: 400, or 403 for a refused permission. A visit the user may not read answers 404.
"""

from typing import Any

from django.db import transaction
from django.http import Http404
from django.urls import URLPattern, URLResolver, path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.visit_agenda import (
    AgendaSerializer,
    AgendaWriteSerializer,
    TaskChangesSerializer,
    VisitTaskSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.agenda import (
    AgendaEntry,
    max_presentation_share,
    part_minutes,
    presentation_share,
    set_agenda,
)
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.agenda import meeting_part_with_agenda
from kezdesu.meetings.domain.queries.tasks import is_overdue, tasks_of_visit
from kezdesu.meetings.domain.tasks import update_task
from kezdesu.meetings.models import Visit, VisitPart

PUBLIC_STATUSES = (Visit.Status.PUBLISHED, Visit.Status.HELD)
REFUSALS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}


def _readable_visit(request: Request, pk: int) -> Visit:
    """An announced or held visit for anyone; a visit being prepared only for its staff."""
    visit = Visit.objects.select_related("organisation", "region").filter(pk=pk).first()
    if visit is None:
        raise Http404
    if visit.status in PUBLIC_STATUSES:
        return visit
    return visit_for(request.user, pk)


def _agenda_data(visit: Visit, part: VisitPart) -> dict[str, Any]:
    items = list(part.agenda.all())
    share = presentation_share(items, max_share=max_presentation_share(visit))
    return {
        "visit": visit.pk,
        "part": part.pk,
        "part_minutes": part_minutes(part),
        "share": {
            "presentation_minutes": share.presentation_minutes,
            "total_minutes": share.total_minutes,
            "percent": share.percent,
            "max_share": share.max_share,
            "allowed_minutes": share.allowed_minutes,
            "within": share.within,
        },
        "items": items,
    }


class VisitAgendaView(ApiViewMixin, APIView):
    permission_classes = [permissions.AllowAny]

    def _part(self, visit: Visit) -> VisitPart:
        part = meeting_part_with_agenda(visit)
        if part is None:
            raise Http404
        return part

    @extend_schema(
        summary="Show a visit's agenda",
        description=(
            "The agenda of the visit's meeting with the population, in order, with each item's kind, titles in "
            "three languages, speaker and planned minutes, and the presentation's share of the planned time "
            "against the share the regulation profile allows (R15: at most a quarter). Public for announced and "
            "held visits; a visit being prepared only for its staff (others: 404)."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: AgendaSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        visit = _readable_visit(request, pk)
        return Response(AgendaSerializer(_agenda_data(visit, self._part(visit))).data)

    @extend_schema(
        summary="Replace a visit's agenda",
        description=(
            'Needs "meetings.edit_agenda" on the visit: the editors and approvers of the visiting ministry. The '
            "whole agenda is replaced at once, in the order given. Refused (400, with the numbers in the request's "
            "language) when the presentation takes more than the share allowed, when there is no questions-and-"
            "answers item, or when the agenda is longer than the meeting; nothing is saved then."
        ),
        parameters=[LANG_PARAMETER],
        request=AgendaWriteSerializer,
        responses={200: AgendaSerializer, 401: ErrorSerializer, **REFUSALS},
        examples=[
            OpenApiExample(
                "A two-hour meeting",
                request_only=True,
                value={
                    "items": [
                        {"kind": "opening", "planned_minutes": 5, "title_en": "Opening"},
                        {"kind": "presentation", "planned_minutes": 30, "speaker": "Minister"},
                        {"kind": "questions", "planned_minutes": 80},
                        {"kind": "closing", "planned_minutes": 5},
                    ]
                },
            ),
            OpenApiExample(
                "Refused",
                response_only=True,
                status_codes=["400"],
                value={
                    "detail": "The presentation takes 30 of 90 minutes (33%); at most 25% — 22 minutes — is allowed.",
                    "code": "agenda",
                },
            ),
        ],
    )
    def put(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        visit = visit_for(actor, pk)
        body = AgendaWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        entries = [
            AgendaEntry(
                kind=item["kind"],
                planned_minutes=item["planned_minutes"],
                title_kk=item["title_kk"],
                title_ru=item["title_ru"],
                title_en=item["title_en"],
                speaker=item["speaker"],
            )
            for item in body.validated_data["items"]
        ]
        set_agenda(actor=actor, part=self._part(visit), items=entries)
        return Response(AgendaSerializer(_agenda_data(visit, self._part(visit))).data)


class VisitTasksView(ApiViewMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    def _tasks(self, visit: Visit) -> Response:
        tasks = list(tasks_of_visit(visit))
        today = timezone.localdate()
        context = {"overdue": {task.pk: is_overdue(task, today) for task in tasks}}
        return Response(VisitTaskSerializer(tasks, many=True, context=context).data)

    @extend_schema(
        summary="List a visit's publicity and coordination tasks",
        description=(
            "The akimat's (venue, equipment, media, official accounts, public places, akims taking part), the "
            "authorized body's (national media) and the ministry's tasks, with the clause, the due date, the status "
            "and whether it is overdue. Staff who read the visit; others 404."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: VisitTaskSerializer(many=True), 401: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        return self._tasks(visit_for(acting_user(request), pk))

    @extend_schema(
        summary="Change tasks of a visit",
        description=(
            "Sets the status (and the note, when given) of the tasks named by code. Each party changes only its "
            "own: the akimat's editors and approvers the akimat's tasks, the authorized body's coordinators its "
            "tasks, the ministry's editors and approvers the ministry's (403 otherwise). All or nothing: one "
            "refusal leaves every task as it was. Answers the visit's tasks."
        ),
        parameters=[LANG_PARAMETER],
        request=TaskChangesSerializer,
        responses={200: VisitTaskSerializer(many=True), 401: ErrorSerializer, **REFUSALS},
        examples=[
            OpenApiExample(
                "The akimat's venue is ready",
                request_only=True,
                value={
                    "tasks": [{"code": "venue", "status": "done", "note": "Palace of Culture, ramp at the side door"}]
                },
            )
        ],
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        visit = visit_for(actor, pk)
        body = TaskChangesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        tasks = {task.code: task for task in tasks_of_visit(visit)}
        with transaction.atomic():
            for change in body.validated_data["tasks"]:
                task = tasks.get(change["code"])
                if task is None:
                    raise DomainError(
                        _("The visit has no task “%(code)s”.") % {"code": change["code"]}, code="unknown_task"
                    )
                update_task(actor=actor, task=task, status=change["status"], note=change.get("note"))
        return self._tasks(visit)


urlpatterns: list[URLPattern | URLResolver] = [
    path("visits/<int:pk>/agenda/", VisitAgendaView.as_view(), name="visit-agenda"),
    path("visits/<int:pk>/tasks/", VisitTasksView.as_view(), name="visit-tasks"),
]
