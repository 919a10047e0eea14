"""The public live page of a meeting (issue 5): the broadcast, the question on screen, the questions and
what became of them, updating by themselves; people add a question and vote for the ones they want asked.

Ten thousand people may watch. The page polls its update endpoint every five seconds (htmx) with the
revision it shows as an ETag: while nothing changed the answer is 304 from one cache read
(`meetings.domain.live_state`; `kezdesu.portal.live_fast_path` answers it before Django's routing).
The questions' HTML is rendered once per revision and language and cached, the same for every viewer: the
vote buttons in it submit the page's form around it, which holds the viewer's CSRF token. A vote or a question
sent with htmx swaps only its answer (the broadcast keeps playing); without JavaScript, plain forms redirecting
back to where their answer shows, and a "Refresh" link.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kezdesu.core.errors import DomainError
from kezdesu.core.templatetags.layout import message_at
from kezdesu.meetings.domain.live_state import (
    LiveQuestion,
    LiveSnapshot,
    current_revision,
    etag_matches,
    fragment_key,
    live_etag,
    live_meeting_for,
    live_snapshot,
)
from kezdesu.meetings.domain.queries.live_status import live_status
from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES, public_visit_page
from kezdesu.meetings.interfaces.public_page import players, visit_title
from kezdesu.meetings.interfaces.voter_keys import remember_voter, too_many_attempts, voter_keys
from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart
from kezdesu.questions.domain.live_intake import live_questions_open, submit_live_question
from kezdesu.questions.domain.live_votes import vote_for_question
from kezdesu.questions.models import Question

FRAGMENT_SECONDS = 60 * 60
BUILD_SECONDS = 5  # a build that failed leaves its lock this long
POLL_SECONDS = 5
CACHE_CONTROL = "no-cache"
# Where a vote's and a question's answers land: the ids of the status line and of the asking panel's answer.
VOTE_RESULT = "live-vote-result"
ASK_RESULT = "live-ask-result"
LIVE_CHANGED_EVENT = "kezdesu-live-changed"  # htmx event: the questions' list fetches its update at once


class LiveQuestionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        error_messages={"required": gettext_lazy("Write your question.")},
    )
    author_name = forms.CharField(
        label=gettext_lazy("Your name (optional)"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Leave it empty to ask anonymously. The name is never published."),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("I agree that my name is kept to answer me."),
        required=False,
    )


def _public_visit(pk: int) -> Visit:
    """The visit a vote or a question is for: one query (the domain functions check the meeting)."""
    visit = Visit.objects.select_related("organisation", "region").filter(pk=pk, status__in=PUBLIC_STATUSES).first()
    if visit is None:
        raise Http404
    return visit


def _public_meeting(pk: int) -> tuple[Visit, VisitPart]:
    visit = public_visit_page(pk)
    if visit is None:
        raise Http404
    meeting = next((part for part in visit.parts.all() if part.kind == VisitPart.Kind.MEETING), None)
    if meeting is None:
        raise Http404
    return visit, meeting


def questions_fragment(snapshot: LiveSnapshot, language: str) -> str:
    """The questions' HTML at the snapshot's revision in the language: the same for every viewer, cached."""
    key = fragment_key(snapshot.visit_id, snapshot.revision, language)
    html: str | None = cache.get(key)
    if html is None:
        html = render_to_string(
            "portal/live/_questions.html",
            {
                "snapshot": snapshot,
                "language": language,
                # The poll names the revision it shows: the answer is 304 until it changes.
                "hx_headers": json.dumps({"If-None-Match": live_etag(snapshot.visit_id, snapshot.revision, language)}),
                "updates_url": reverse("portal:live_updates", kwargs={"pk": snapshot.visit_id}),
                "poll_seconds": POLL_SECONDS,
                "changed_event": LIVE_CHANGED_EVENT,
                "closed": snapshot.stage == LiveMeeting.Stage.CLOSED,
            },
        )
        cache.set(key, html, FRAGMENT_SECONDS)
        cache.set(_latest_key(snapshot.visit_id, language), (snapshot.revision, html), FRAGMENT_SECONDS)
    return html


def _latest_key(visit_id: int, language: str) -> str:
    return f"live:fragment-latest:{visit_id}:{language}"


def _build_key(visit_id: int, revision: int, language: str) -> str:
    return f"live:fragment-building:{visit_id}:{revision}:{language}"


def _while_another_builds(visit_id: int, revision: int, language: str) -> tuple[int, str] | None:
    """The latest questions' HTML already rendered, when another request is building this revision's.

    After a change thousands of polls arrive for the new revision at once; one builds it, the others
    answer with the one before (and its ETag), so they fetch again at their next poll.
    """
    if cache.get(fragment_key(visit_id, revision, language)) is not None:
        return None
    if cache.add(_build_key(visit_id, revision, language), 1, BUILD_SECONDS):
        return None  # this request builds it
    latest: tuple[int, str] | None = cache.get(_latest_key(visit_id, language))
    return latest if latest is not None and latest[0] < revision else None


def _conditional_headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response


def live_page(request: HttpRequest, pk: int, form: LiveQuestionForm | None = None) -> HttpResponse:
    visit, meeting_part = _public_meeting(pk)
    live_meeting_for(visit)  # the page may be opened before staff open the console
    snapshot = live_snapshot(visit.pk)
    if snapshot is None:
        raise Http404
    language = get_language() or settings.LANGUAGE_CODE
    return render(
        request,
        "portal/live/page.html",
        {
            "visit": visit,
            "title": visit_title(visit),
            "meeting": meeting_part,
            "live": live_status(meeting_part),
            "players": players(meeting_part) if visit.status == Visit.Status.PUBLISHED else [],
            "questions_html": mark_safe(questions_fragment(snapshot, language)),
            "form": form or LiveQuestionForm(),
            "questions_open": live_questions_open(visit),
            "page_url": reverse("portal:live", kwargs={"pk": visit.pk}),
        },
        status=400 if form is not None else 200,
    )


@require_GET
def live_updates(request: HttpRequest, pk: int) -> HttpResponse:
    """The questions' fragment, or 304 while the viewer's ETag is current (no rendering, no query)."""
    language = get_language() or settings.LANGUAGE_CODE
    revision = current_revision(pk)
    if revision is None:
        raise Http404
    etag = live_etag(pk, revision, language)
    if etag_matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
        return _conditional_headers(HttpResponseNotModified(), etag)
    previous = _while_another_builds(pk, revision, language)
    if previous is not None:
        previous_etag = live_etag(pk, previous[0], language)
        if etag_matches(request.META.get("HTTP_IF_NONE_MATCH", ""), previous_etag):
            return _conditional_headers(HttpResponseNotModified(), previous_etag)
        return _conditional_headers(HttpResponse(previous[1]), previous_etag)
    snapshot = live_snapshot(pk)
    if snapshot is None:
        raise Http404
    response = HttpResponse(questions_fragment(snapshot, language))
    return _conditional_headers(response, live_etag(pk, snapshot.revision, language))


def _back(visit: Visit, anchor: str = "questions") -> str:
    return reverse("portal:live", kwargs={"pk": visit.pk}) + f"#{anchor}"


def _by_htmx(request: HttpRequest) -> bool:
    """Sent by htmx from the page (django-htmx's middleware tells), not by a plain form."""
    return bool(getattr(request, "htmx", False))


def _live_question(visit: Visit, question: Question) -> tuple[LiveQuestion | None, bool]:
    """The question as watchers see it, with the votes counted now, and whether the meeting is closed."""
    snapshot = live_snapshot(visit.pk)
    if snapshot is None:
        return None, True
    shown = next((entry for entry in snapshot.questions if entry.pk == question.pk), None)
    # The snapshot follows the revision moved on after the commit; the vote just counted is in the row already.
    return (replace(shown, votes=question.votes) if shown else None), snapshot.stage == LiveMeeting.Stage.CLOSED


def _vote_answer(request: HttpRequest, visit: Visit, question: Question | None) -> HttpResponse:
    """For htmx: the voted question's entry, swapped in place of the old one, and the answer in the page's
    status line; nothing else moves, so the broadcast playing above goes on."""
    shown, closed = _live_question(visit, question) if question is not None else (None, True)
    response = render(request, "portal/live/_vote_answer.html", {"question": shown, "closed": closed})
    if shown is None:
        response["HX-Reswap"] = "none"  # the status line alone (out of band) says what happened
    else:
        response["HX-Retarget"] = f"#q-{shown.pk}"
        response["HX-Reswap"] = "outerHTML"
    return response


@require_POST
def live_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """A vote for a question. With htmx the answer swaps only that question; without JavaScript the page comes
    back at the question, with the answer in the status line kept in view at the bottom of the list."""
    visit = _public_visit(pk)
    keys = voter_keys(request, visit)
    question_id = str(request.POST.get("question", ""))
    question = (
        Question.objects.select_related("visit").filter(visit=visit, pk=int(question_id)).first()
        if question_id.isdigit()
        else None
    )
    here = message_at(VOTE_RESULT)
    if question is None:
        messages.error(request, _("Choose one of the published questions."), extra_tags=here)
    elif too_many_attempts(request, purpose="live-vote", limit=settings.KEZDESU_LIVE_VOTE_ATTEMPTS_PER_MINUTE):
        messages.error(
            request, _("Too many attempts from your connection. Please wait a minute and try again."), extra_tags=here
        )
    else:
        try:
            result = vote_for_question(question=question, voter_key=keys.voter_key, network_key=keys.network_key)
        except DomainError as error:
            messages.error(request, str(error.message), extra_tags=here)
        else:
            if result.counted:
                messages.success(request, _("Thank you: your vote is counted."), extra_tags=here)
            else:
                messages.info(
                    request, _("You have already voted for this question: a vote counts once."), extra_tags=here
                )
    if _by_htmx(request):
        response = _vote_answer(request, visit, question)
    else:
        response = HttpResponseRedirect(_back(visit, f"q-{question.pk}" if question is not None else "questions"))
    remember_voter(response, request, visit, keys)
    return response


def _ask_answer(request: HttpRequest, visit: Visit, form: LiveQuestionForm) -> HttpResponse:
    """For htmx: the asking panel again, with its error summary or its confirmation and a new form."""
    # 200 even for a form with errors: the page's htmx swaps no 4xx answer (see its htmx-config).
    response = render(
        request,
        "portal/live/_ask.html",
        {"visit": visit, "form": form, "questions_open": live_questions_open(visit)},
    )
    if not form.errors:
        response["HX-Trigger"] = LIVE_CHANGED_EVENT  # the list fetches the new question now, not at the next poll
    return response


@require_POST
def live_ask(request: HttpRequest, pk: int) -> HttpResponse:
    """A question from the live page. Without JavaScript a form with errors comes back on the page (its action
    lands on the error summary) and a question sent redirects to the confirmation; with htmx the asking panel
    alone is swapped."""
    visit = _public_visit(pk)
    form = LiveQuestionForm(request.POST)
    if not form.is_valid():
        return _ask_answer(request, visit, form) if _by_htmx(request) else live_page(request, pk, form=form)
    keys = voter_keys(request, visit)
    try:
        question = submit_live_question(
            visit=visit,
            text=form.cleaned_data["text"],
            author_name=form.cleaned_data["author_name"],
            consent=form.cleaned_data["consent"],
            network_key=keys.network_key,
        )
    except DomainError as error:
        form.add_error(None, str(error.message))
        return _ask_answer(request, visit, form) if _by_htmx(request) else live_page(request, pk, form=form)
    if question.status == Question.Status.PUBLISHED:
        thanks = _("Thank you: your question is in the list of questions. Others can vote for it.")
    else:
        thanks = _("Thank you: your question is received. A moderator reads it before it appears here.")
    messages.success(request, thanks, extra_tags=message_at(ASK_RESULT))
    if _by_htmx(request):
        response = _ask_answer(request, visit, LiveQuestionForm())
    else:
        response = HttpResponseRedirect(_back(visit, ASK_RESULT))
    remember_voter(response, request, visit, keys)
    return response


urlpatterns: list[Any] = [
    path("<int:pk>/live/", live_page, name="live"),
    path("<int:pk>/live/updates/", live_updates, name="live_updates"),
    path("<int:pk>/live/vote/", live_vote, name="live_vote"),
    path("<int:pk>/live/ask/", live_ask, name="live_ask"),
]
