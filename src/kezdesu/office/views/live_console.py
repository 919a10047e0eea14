"""The moderators' console of a meeting (issue 5): the question stream with filters, duplicates merged, and
per question publish/hide, shortlist, the outcome and the question on screen; staff type hall questions and
upload broadcast comment files here.

Several moderators work at once: every form carries the question's revision, and a stale one is refused with
the name of who changed it. The list refreshes itself (htmx polling with the stream's ETag: unchanged costs
a 304) and works without JavaScript (plain forms, a "Refresh" link).
"""

from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseNotModified, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.collation import collated
from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.live_state import live_meeting_for
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.models import District, Organisation
from kezdesu.questions.domain.live_intake import enter_hall_question
from kezdesu.questions.domain.live_moderation import (
    forwarding_choices,
    hide_live_question,
    merge_live_questions,
    publish_live_question,
    record_outcome,
    set_current_question,
    shortlist_question,
)
from kezdesu.questions.domain.moderation_checks import check_question
from kezdesu.questions.domain.queries.live_stream import NO_OUTCOME, StreamFilters, live_stream, stream_etag
from kezdesu.questions.interfaces.comment_importers import COMMENT_PLATFORMS, import_comment_file
from kezdesu.questions.models import Channel, Question, Topic

MODERATE = "questions.moderate"
STREAM_LIMIT = 200
POLL_SECONDS = 5


def _console_url(visit: Visit, query: str = "") -> str:
    url = reverse("office:live_console", args=[visit.pk])
    return f"{url}?{query}" if query else url


def _back(request: StaffRequest, visit: Visit) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return _console_url(visit)


def _meeting(visit: Visit) -> LiveMeeting | None:
    if not VisitPart.objects.filter(visit=visit, kind=VisitPart.Kind.MEETING).exists():
        return None
    return live_meeting_for(visit)


def _stream(visit: Visit, filters: StreamFilters) -> tuple[list[Question], int]:
    questions: QuerySet[Question] = live_stream(visit, filters)
    rows = list(questions[: STREAM_LIMIT + 1])
    for question in rows:
        # What the automatic checks found, for the questions still to be decided (a regex pass, no query).
        question.checked = check_question(question) if question.status != Question.Status.PUBLISHED else None  # type: ignore[attr-defined]
    return rows[:STREAM_LIMIT], len(rows)


def _context(
    request: StaffRequest,
    visit: Visit,
    meeting: LiveMeeting | None,
    filters: StreamFilters,
    etag: str,
    **extra: Any,
) -> dict[str, Any]:
    query = urlencode(filters.query())
    questions, found = _stream(visit, filters)
    return {
        "visit": visit,
        "meeting": meeting,
        "filters": filters,
        "query": query,
        "questions": questions,
        "more": found > STREAM_LIMIT,
        "limit": STREAM_LIMIT,
        "etag": etag,
        "poll_seconds": POLL_SECONDS,
        "console_address": _console_url(visit, query),
        "stream_address": _console_url(visit, f"{query}&part=stream" if query else "part=stream"),
        "channels": Channel.choices,
        "statuses": Question.Status.choices,
        "outcomes": Question.Outcome.choices,
        "no_outcome": NO_OUTCOME,
        "reasons": Question.HiddenReason.choices,
        "bodies": forwarding_choices(visit),
        "may_enter": request.user.has_perm("questions.enter_question", visit),
        "may_import": request.user.has_perm("questions.import_questions", visit),
        "districts": collated(District.objects.filter(region=visit.region)),
        "topics": Topic.objects.order_by("order", "code"),
        "platforms": [(platform.value, platform.label) for platform in COMMENT_PLATFORMS],
        "refused_pk": None,
        "error": "",
        "typed": {},
        "hall_error": "",
        "hall_typed": {},
        **extra,
    }


def _etag(request: StaffRequest, visit: Visit, meeting: LiveMeeting | None, filters: StreamFilters) -> str:
    # The filters, the language and the user are part of what the page shows.
    extra = f"{urlencode(filters.query())}|{get_language()}|{request.user.pk}"
    return stream_etag(visit, meeting, extra=extra)


def _render(request: StaffRequest, visit: Visit, *, status: int = 200, **extra: Any) -> HttpResponse:
    params = request.GET if request.method == "GET" else QueryDict(urlsplit(_back(request, visit)).query)
    filters = StreamFilters.from_params(params)
    meeting = _meeting(visit)
    etag = _etag(request, visit, meeting, filters)
    partial = request.method == "GET" and params.get("part") == "stream"
    if request.method == "GET" and request.headers.get("If-None-Match", "").strip('"W/ ') == etag:
        response: HttpResponse = HttpResponseNotModified()
        response["ETag"] = f'"{etag}"'
        return response
    template = "office/visit/_live_stream.html" if partial else "office/visit/live_console.html"
    response = render(request, template, _context(request, visit, meeting, filters, etag, **extra), status=status)
    if request.method == "GET":
        response["ETag"] = f'"{etag}"'
        response["Cache-Control"] = "private, no-cache"
    return response


@office_view
def console_page(request: StaffRequest, pk: int) -> HttpResponse:
    return _render(request, visit_for(request.user, pk, MODERATE))


def _forward_target(request: StaffRequest) -> Organisation | None:
    value = request.POST.get("forwarded_to", "")
    return Organisation.objects.filter(pk=int(value)).first() if value.isdigit() else None


def _revision(request: StaffRequest) -> int:
    value = request.POST.get("revision", "")
    if not value.isdigit():
        raise DomainError(_("The form is out of date: reload the console and try again."), code="no_revision")
    return int(value)


@require_POST
@office_view
def console_act(request: StaffRequest, pk: int, question_pk: int) -> HttpResponse:
    """One moderator's action on one question; a refusal shows its message on that question."""
    visit = visit_for(request.user, pk, MODERATE)
    question = get_object_or_404(Question.objects.select_related("visit"), pk=question_pk, visit=visit)
    action = request.POST.get("action", "")
    note = request.POST.get("note", "").strip()
    try:
        revision = _revision(request)
        if action == "publish":
            publish_live_question(
                actor=request.user,
                question=question,
                revision=revision,
                published_text=request.POST.get("published_text") or None,
                note=note,
            )
            messages.success(request, _("The question is published."))
        elif action == "hide":
            reason = request.POST.get("reason", "")
            hide_live_question(actor=request.user, question=question, revision=revision, reason=reason, note=note)
            messages.success(request, _("The question is hidden."))
        elif action in ("shortlist", "unshortlist"):
            shortlisted = action == "shortlist"
            shortlist_question(actor=request.user, question=question, revision=revision, shortlisted=shortlisted)
            messages.success(
                request,
                _("The question is on the shortlist.") if shortlisted else _("The question is off the shortlist."),
            )
        elif action == "outcome":
            record_outcome(
                actor=request.user,
                question=question,
                revision=revision,
                outcome=request.POST.get("outcome", ""),
                forwarded_to=_forward_target(request),
                note=note,
            )
            messages.success(request, _("What became of the question is recorded."))
        elif action in ("screen", "unscreen"):
            meeting = live_meeting_for(visit)
            on_screen = question if action == "screen" else None
            set_current_question(actor=request.user, meeting=meeting, question=on_screen, revision=revision)
            messages.success(
                request, _("The question is on the screen.") if on_screen else _("The screen shows no question.")
            )
        else:
            raise DomainError(_("Choose what to do with the question."), code="no_action")
    except DomainError as error:
        status = 409 if error.code == "changed_meanwhile" else 400
        return _render(
            request, visit, status=status, refused_pk=question.pk, error=str(error.message), typed=request.POST
        )
    return HttpResponseRedirect(_back(request, visit))


@require_POST
@office_view
def console_merge(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, MODERATE)
    ids = [int(value) for value in request.POST.getlist("question") if value.isdigit()]
    chosen = list(Question.objects.filter(visit=visit, pk__in=ids))
    try:
        group = merge_live_questions(actor=request.user, visit=visit, questions=chosen)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The questions are merged: %(count)s people asked it.") % {"count": group.size})
    return HttpResponseRedirect(_back(request, visit))


@require_POST
@office_view
def console_hall(request: StaffRequest, pk: int) -> HttpResponse:
    """A question asked in the hall, typed by staff."""
    visit = visit_for(request.user, pk, "questions.enter_question")
    district_id = request.POST.get("district", "")
    topic_code = request.POST.get("topic", "")
    district = District.objects.filter(pk=int(district_id)).first() if district_id.isdigit() else None
    topic = Topic.objects.filter(code=topic_code).first() if topic_code else None
    try:
        question = enter_hall_question(
            actor=request.user,
            visit=visit,
            text=request.POST.get("text", ""),
            author_name=request.POST.get("author_name", ""),
            district=district,
            topic=topic,
        )
    except DomainError as error:
        if not request.user.has_perm(MODERATE, visit):
            messages.error(request, str(error.message))
            return HttpResponseRedirect(reverse("office:visit_detail", args=[visit.pk]))
        return _render(request, visit, status=400, hall_error=str(error.message), hall_typed=request.POST)
    if question.status == Question.Status.PUBLISHED:
        messages.success(request, _("The hall question is in the stream and published."))
    else:
        messages.warning(request, _("The hall question is in the stream; the checks flagged it for a moderator."))
    return HttpResponseRedirect(_back(request, visit))


@require_POST
@office_view
def console_import(request: StaffRequest, pk: int) -> HttpResponse:
    """A platform's exported file of broadcast comments."""
    visit = visit_for(request.user, pk, "questions.import_questions")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the file the platform exported."))
        return HttpResponseRedirect(_back(request, visit))
    try:
        batch = import_comment_file(
            actor=request.user,
            visit=visit,
            platform=request.POST.get("platform", ""),
            file_name=upload.name or "comments",
            content=upload.read(),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return HttpResponseRedirect(_back(request, visit))
    messages.success(
        request,
        _("Comments added: %(created)s; already in the stream: %(already)s; refused: %(refused)s.")
        % {"created": batch.created, "already": batch.already_there, "refused": len(batch.refused)},
    )
    return HttpResponseRedirect(_back(request, visit))


urlpatterns = [
    path("<int:pk>/live/console/", console_page, name="live_console"),
    path("<int:pk>/live/console/merge/", console_merge, name="live_console_merge"),
    path("<int:pk>/live/console/hall/", console_hall, name="live_console_hall"),
    path("<int:pk>/live/console/import/", console_import, name="live_console_import"),
    path("<int:pk>/live/console/<int:question_pk>/", console_act, name="live_console_act"),
]
