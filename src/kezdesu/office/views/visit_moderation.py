"""Moderating a visit's questions, grouping the duplicates, the analysis for the minister and its briefing.

Every change calls the questions domain; a refusal (another moderator was quicker, a missing reason) shows
its message on the queue again with what the moderator typed.
"""

from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import Visit
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.questions.domain.grouping import group_questions, merge_questions, split_question
from kezdesu.questions.domain.moderation import (
    BulkResult,
    bulk_hide_questions,
    bulk_publish_questions,
    bulk_restore_questions,
    hide_question,
    publish_question,
    restore_question,
)
from kezdesu.questions.domain.queries.analysis import visit_analysis
from kezdesu.questions.domain.queries.moderation import NO_SUGGESTION, QueueFilters, groups_of, moderation_queue
from kezdesu.questions.interfaces.briefing_docx import briefing_docx, briefing_file_name
from kezdesu.questions.models import Channel, Question, Topic

PER_PAGE = 50
MODERATE = "questions.moderate"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filters(data: Any) -> QueueFilters:
    def choice(name: str, allowed: list[str]) -> str:
        value = data.get(name, "")
        return value if value in allowed else ""

    return QueueFilters(
        status=choice("status", Question.Status.values),
        channel=choice("channel", Channel.values),
        topic=data.get("topic", "")[:50],
        suggested=choice("suggested", [*Question.HiddenReason.values, NO_SUGGESTION]),
    )


def _queue_url(visit: Visit, query: str = "") -> str:
    url = reverse("office:visit_moderation", args=[visit.pk])
    return f"{url}?{query}" if query else url


def _back(request: StaffRequest, visit: Visit) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return _queue_url(visit)


def _queue(request: StaffRequest, visit: Visit, *, refused: Question | None = None, error: str = "") -> HttpResponse:
    # After a refused decision the filters come back in the address the moderator posted from.
    params = request.GET if request.method == "GET" else QueryDict(urlsplit(_back(request, visit)).query)
    filters = _filters(params)
    query = urlencode({key: value for key, value in filters.__dict__.items() if value})
    page = Paginator(moderation_queue(visit, filters), PER_PAGE).get_page(params.get("page"))
    return render(
        request,
        "office/visit/moderation.html",
        {
            "visit": visit,
            "filters": filters,
            "page": page,
            "query": query,
            # Not "here": base.html sets that name for the navigation and would overwrite it.
            "queue_address": _queue_url(visit, f"{query}&page={page.number}" if query else f"page={page.number}"),
            "statuses": Question.Status.choices,
            "channels": Channel.choices,
            "topics": Topic.objects.order_by("order", "code"),
            "reasons": Question.HiddenReason.choices,
            "no_suggestion": NO_SUGGESTION,
            # The refused decision: its message and what the moderator typed, shown on that question.
            "refused_pk": refused.pk if refused else None,
            "error": error,
            "typed": request.POST if refused else {},
        },
        status=400 if refused else 200,
    )


@office_view
def moderation_queue_page(request: StaffRequest, pk: int) -> HttpResponse:
    return _queue(request, visit_for(request.user, pk, MODERATE))


@require_POST
@office_view
def moderation_decide(request: StaffRequest, pk: int, question_pk: int) -> HttpResponse:
    """One decision on one question: publish (with an edited text), hide with a reason, or restore."""
    visit = visit_for(request.user, pk, MODERATE)
    question = get_object_or_404(Question.objects.select_related("visit"), pk=question_pk, visit=visit)
    action = request.POST.get("action")
    version = request.POST.get("version") or None
    note = request.POST.get("note", "")
    try:
        if action == "publish":
            publish_question(
                actor=request.user,
                question=question,
                published_text=request.POST.get("published_text", question.text),
                note=note,
                version=version,
            )
            messages.success(request, _("The question is published."))
        elif action == "hide":
            reason = request.POST.get("reason", "")
            hide_question(actor=request.user, question=question, reason=reason, note=note, version=version)
            messages.success(request, _("The question is hidden."))
        elif action == "restore":
            restore_question(actor=request.user, question=question, version=version)
            messages.success(request, _("The question is back in the moderation queue."))
        else:
            raise DomainError(_("Choose what to do with the question."), code="no_action")
    except DomainError as error:
        return _queue(request, visit, refused=question, error=str(error.message))
    return HttpResponseRedirect(_back(request, visit))


def _report_bulk(request: StaffRequest, result: BulkResult) -> None:
    if result.changed:
        messages.success(
            request,
            ngettext("%(count)s question changed.", "%(count)s questions changed.", len(result.changed))
            % {"count": len(result.changed)},
        )
    for question, reason in result.skipped:
        messages.warning(
            request,
            _("Left as it was: “%(text)s” (%(reason)s).") % {"text": question.text[:60], "reason": reason},
        )


@require_POST
@office_view
def moderation_bulk(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, MODERATE)
    chosen = list(
        Question.objects.select_related("visit").filter(visit=visit, pk__in=_ids(request.POST.getlist("question")))
    )
    action = request.POST.get("action")
    try:
        if action == "publish":
            result = bulk_publish_questions(actor=request.user, questions=chosen)
        elif action == "hide":
            result = bulk_hide_questions(
                actor=request.user,
                questions=chosen,
                reason=request.POST.get("reason", ""),
                note=request.POST.get("note", ""),
            )
        elif action == "restore":
            result = bulk_restore_questions(actor=request.user, questions=chosen)
        else:
            raise DomainError(_("Choose what to do with the chosen questions."), code="no_action")
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        _report_bulk(request, result)
    return HttpResponseRedirect(_back(request, visit))


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


@office_view
def question_groups(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, MODERATE)
    groups = Paginator(groups_of(visit), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "office/visit/groups.html", {"visit": visit, "page": groups})


@require_POST
@office_view
def groups_run(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, MODERATE)
    result = group_questions(visit=visit, actor=request.user)
    messages.success(
        request,
        _("Grouping done: %(new)s new groups, %(joined)s questions added to existing groups.")
        % {"new": result.new_groups, "joined": result.joined},
    )
    return redirect("office:visit_groups", pk=visit.pk)


@require_POST
@office_view
def groups_merge(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, MODERATE)
    chosen = list(Question.objects.filter(visit=visit, pk__in=_ids(request.POST.getlist("question"))))
    try:
        group = merge_questions(actor=request.user, visit=visit, questions=chosen)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Merged: %(count)s people asked this.") % {"count": group.size})
    return redirect("office:visit_groups", pk=visit.pk)


@require_POST
@office_view
def question_split(request: StaffRequest, pk: int, question_pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, MODERATE)
    question = get_object_or_404(Question.objects.select_related("visit"), pk=question_pk, visit=visit)
    try:
        split_question(actor=request.user, question=question)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The question is taken out of its group."))
    return redirect("office:visit_groups", pk=visit.pk)


@office_view
def analysis_page(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "questions.view_analysis")
    return render(request, "office/visit/analysis.html", {"visit": visit, "analysis": visit_analysis(visit)})


@office_view
def briefing_download(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "questions.view_analysis")
    language = request.GET.get("lang", "")
    if language not in ("kk", "ru", "en"):
        language = get_language() or "kk"
    response = HttpResponse(briefing_docx(visit, language=language), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{briefing_file_name(visit)}"'
    return response


urlpatterns = [
    path("<int:pk>/moderation/", moderation_queue_page, name="visit_moderation"),
    path("<int:pk>/moderation/bulk/", moderation_bulk, name="visit_moderation_bulk"),
    path("<int:pk>/moderation/<int:question_pk>/", moderation_decide, name="visit_moderation_decide"),
    path("<int:pk>/groups/", question_groups, name="visit_groups"),
    path("<int:pk>/groups/run/", groups_run, name="visit_groups_run"),
    path("<int:pk>/groups/merge/", groups_merge, name="visit_groups_merge"),
    path("<int:pk>/groups/split/<int:question_pk>/", question_split, name="visit_question_split"),
    path("<int:pk>/analysis/", analysis_page, name="visit_analysis"),
    path("<int:pk>/briefing.docx", briefing_download, name="visit_briefing"),
]
