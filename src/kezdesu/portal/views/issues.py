"""The public problem issues (issue 6, point 4): the list with filters, each issue's page with its questions,
measures and history, and following an issue by e-mail (point 5). Only published issues are public."""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kezdesu.core.errors import DomainError
from kezdesu.core.rate_limit import count_attempt
from kezdesu.core.templatetags.layout import message_at
from kezdesu.followup.domain.event_text import describe_event, event_note
from kezdesu.followup.domain.followers import confirm_follow, follow_issue, unfollow
from kezdesu.followup.domain.queries.public_issues import (
    public_issue_list,
    public_issue_page,
    public_issue_years,
    question_text,
)
from kezdesu.followup.domain.queries.states import is_measure_overdue
from kezdesu.followup.interfaces.issue_filters import IssueFilterForm
from kezdesu.followup.models import Follower, Measure, ProblemIssue

PAGE_SIZE = 20
FOLLOWS_PER_HOUR = 5
LIMIT_SECONDS = 3600
# Following lands here: the error summary of the form sent back, or the confirmation after the redirect.
FOLLOW_RESULT = "follow-result"


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree to the processing of my e-mail address to receive news of this problem issue, under the Law "
            "“On personal data and their protection”."
        ),
        required=True,
        error_messages={"required": gettext_lazy("Tick the consent to follow this issue.")},
    )


def issue_list(request: HttpRequest) -> HttpResponse:
    form = IssueFilterForm(request.GET, years=public_issue_years())
    today = timezone.localdate()
    page = Paginator(public_issue_list(form.filters(), today=today), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/issues/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "today": today},
    )


def evidence_links(measure: Measure) -> list[str]:
    """The web links among the evidence lines; other text is not made a link."""
    lines = (line.strip() for line in measure.evidence.splitlines())
    return [line for line in lines if line.startswith(("https://", "http://"))]


def _public_issue(pk: int) -> ProblemIssue:
    issue = public_issue_page(pk, today=timezone.localdate())
    if issue is None:
        raise Http404
    return issue


def _detail(request: HttpRequest, issue: ProblemIssue, form: FollowForm, status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    measures = [
        {"measure": m, "overdue": is_measure_overdue(m, today), "evidence": evidence_links(m)}
        for m in issue.public_measures  # type: ignore[attr-defined]
    ]
    return render(
        request,
        "portal/issues/detail.html",
        {
            "issue": issue,
            "measures": measures,
            # Citizens' and staff's own words are shown in the language they are written in (issue 14).
            "questions": [
                {"text": question_text(link.question), "language": link.question.language}
                for link in issue.public_questions  # type: ignore[attr-defined]
            ],
            "timeline": [
                {"event": e, "text": describe_event(e, with_note=False), "note": event_note(e)}
                for e in issue.timeline  # type: ignore[attr-defined]
            ],
            "follow_form": form,
            "progress": round(sum(e["measure"].percent for e in measures) / len(measures)) if measures else None,
            "today": today,
        },
        status=status,
    )


def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _public_issue(pk), FollowForm())


def _over_limit(email: str) -> bool:
    # Only a digest of the address is kept, and only for the hour.
    key = "followup:follow:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return count_attempt(key, window=LIMIT_SECONDS) > FOLLOWS_PER_HOUR


def _follow_result(issue_id: int) -> str:
    return reverse("portal:issue_detail", kwargs={"pk": issue_id}) + f"#{FOLLOW_RESULT}"


@require_http_methods(["GET", "POST"])
def issue_follow(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _public_issue(pk)
    if request.method == "GET":
        return redirect(reverse("portal:issue_detail", kwargs={"pk": pk}) + "#follow")
    form = FollowForm(request.POST)
    if form.is_valid() and _over_limit(form.cleaned_data["email"]):
        form.add_error(None, _("Too many requests for this e-mail address in the last hour. Try again later."))
    elif form.is_valid():
        try:
            follow_issue(
                issue=issue,
                email=form.cleaned_data["email"],
                language=get_language() or "kk",
                consent=form.cleaned_data["consent"],
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _(
                    "Check your inbox: we sent a link to confirm that you follow this issue. "
                    "Nothing is sent to you before you confirm."
                ),
                extra_tags=message_at(FOLLOW_RESULT),
            )
            return redirect(_follow_result(pk))
    return _detail(request, issue, form, status=400)


def _follower(token: str) -> Follower:
    follower = Follower.objects.select_related("issue").filter(token=token, issue__published_at__isnull=False).first()
    if follower is None:
        raise Http404
    return follower


@require_http_methods(["GET", "POST"])
def follow_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A link in an e-mail: the page asks to press a button, so that mail scanners opening links confirm nothing."""
    follower = _follower(token)
    if request.method == "POST":
        try:
            confirm_follow(token=token)
        except DomainError as error:
            messages.error(request, str(error.message), extra_tags=message_at(FOLLOW_RESULT))
        else:
            messages.success(
                request,
                _("Thank you: you now follow this issue. Every e-mail has a link to stop."),
                extra_tags=message_at(FOLLOW_RESULT),
            )
        return redirect(_follow_result(follower.issue_id))
    return render(request, "portal/issues/follow_link.html", {"issue": follower.issue, "action": "confirm"})


@require_http_methods(["GET", "POST"])
def follow_stop(request: HttpRequest, token: str) -> HttpResponse:
    follower = _follower(token)
    if request.method == "POST":
        try:
            issue = unfollow(token=token)
        except DomainError as error:
            messages.error(request, str(error.message), extra_tags=message_at(FOLLOW_RESULT))
            return redirect(_follow_result(follower.issue_id))
        messages.success(
            request,
            _("You no longer follow this issue. Your e-mail address has been deleted."),
            extra_tags=message_at(FOLLOW_RESULT),
        )
        return redirect(_follow_result(issue.pk))
    return render(request, "portal/issues/follow_link.html", {"issue": follower.issue, "action": "stop"})


urlpatterns: list[URLPattern] = [
    path("issues/", issue_list, name="issue_list"),
    path("issues/<int:pk>/", issue_detail, name="issue_detail"),
    path("issues/<int:pk>/follow/", issue_follow, name="issue_follow"),
    path("issues/follow/<str:token>/confirm/", follow_confirm, name="issue_follow_confirm"),
    path("issues/follow/<str:token>/stop/", follow_stop, name="issue_unfollow"),
]
