"""Asking a question on the public meeting page (R10).

The form posts here. A question sent goes back to the meeting page, landing on the confirmation that says
what happens next (#ask-result); a form with errors is shown again on its own page with everything typed
kept, landing on its error summary (the form's action names the same fragment).
Against casual abuse: a honeypot field (a bot filling it is told "thank you" and nothing is saved) and
a limit of questions per address and hour, counted in Django's cache.
"""

import hashlib

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.core.rate_limit import count_attempt
from kezdesu.core.templatetags.layout import message_at
from kezdesu.meetings.interfaces.voter_keys import client_address
from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.intake import submit_question
from kezdesu.questions.interfaces.forms import AskQuestionForm

PUBLIC_STATUSES = (Visit.Status.PUBLISHED, Visit.Status.HELD)
QUESTIONS_PER_HOUR = 10
LIMIT_SECONDS = 3600
ASK_RESULT = "ask-result"  # the id of the error summary and of the confirmation


def meeting_page_url(visit: Visit) -> str:
    """The public meeting page; this concern's own page until the meeting page exists."""
    for name in ("portal:visit", "portal:visit_detail"):
        try:
            return reverse(name, kwargs={"pk": visit.pk})
        except NoReverseMatch:
            continue
    return reverse("portal:visit_ask", kwargs={"pk": visit.pk})


def _over_limit(request: HttpRequest) -> bool:
    """Counts the address's submissions this hour; True once it passed the limit."""
    # Only a digest of the address is kept, and only for the hour.
    key = "questions:ask:" + hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return count_attempt(key, window=LIMIT_SECONDS) > QUESTIONS_PER_HOUR


def visit_ask(request: HttpRequest, pk: int) -> HttpResponse:
    visit: Visit = get_object_or_404(
        Visit.objects.select_related("region", "organisation", "position"), pk=pk, status__in=PUBLIC_STATUSES
    )
    form = AskQuestionForm(request.POST or None, visit=visit)
    if request.method == "POST":
        if form.is_bot:
            messages.success(request, _("Thank you: your question is received."), extra_tags=message_at(ASK_RESULT))
            return redirect(f"{meeting_page_url(visit)}#{ASK_RESULT}")
        if form.is_valid() and _over_limit(request):
            form.add_error(None, _("Too many questions were sent from your address in the last hour. Try again later."))
        elif form.is_valid():
            try:
                submit_question(visit=visit, **form.submission())
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your question is received. A moderator reads it before it is published here; "
                        "if many people ask the same, it is answered first. If you left a contact, the answer "
                        "may also come to you."
                    ),
                    extra_tags=message_at(ASK_RESULT),
                )
                return redirect(f"{meeting_page_url(visit)}#{ASK_RESULT}")
    return render(
        request,
        "portal/visit/ask.html",
        {"visit": visit, "form": form, "meeting_url": meeting_page_url(visit)},
    )


urlpatterns: list[URLPattern] = [path("<int:pk>/ask/", visit_ask, name="visit_ask")]
