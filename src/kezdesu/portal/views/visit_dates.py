"""A resident votes on the date of a meeting (R9).

A vote counted goes back to the meeting page, landing on its confirmation (#date-vote-result); a vote refused
(no date chosen, too many attempts, the network's limit) is shown again on a page of its own with the choice
kept, landing on the error summary with the same id (the form's action names it). The guards against casual
repeat voting are in `meetings.interfaces.voter_keys`; the rules in `meetings.domain.date_vote.cast_vote`.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kezdesu.core.errors import DomainError
from kezdesu.core.templatetags.layout import message_at
from kezdesu.meetings.domain.date_vote import cast_vote
from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.interfaces.voter_keys import remember_voter, too_many_attempts, voter_keys
from kezdesu.meetings.models import DateOption, Visit
from kezdesu.organisations.models import District

VOTE_RESULT = "date-vote-result"  # the id of the error summary and of the confirmation


class VoteForm(forms.Form):
    """The panel renders the options by hand; its ids follow Django's (`date-vote-option_0`...), so that the
    error summary's link finds the first one."""

    option: forms.ModelChoiceField[DateOption] = forms.ModelChoiceField(
        queryset=DateOption.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose a date and time."),
            "invalid_choice": gettext_lazy("Choose one of the dates offered."),
        },
    )
    district: forms.ModelChoiceField[District] = forms.ModelChoiceField(
        queryset=District.objects.none(),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a district or town of the region.")},
    )

    def __init__(self, visit: Visit, *args: Any, **kwargs: Any) -> None:
        # The meeting page holds other concerns' forms too: ids of our own keep every label on its field.
        kwargs.setdefault("auto_id", "date-vote-%s")
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[DateOption]", self.fields["option"]).queryset = visit.date_options.all()
        districts = District.objects.filter(region=visit.region_id)
        cast("forms.ModelChoiceField[District]", self.fields["district"]).queryset = districts


def _back(visit: Visit, anchor: str) -> str:
    return reverse("portal:visit_detail", args=[visit.pk]) + f"#{anchor}"


@require_http_methods(["GET", "POST"])
def visit_vote(request: HttpRequest, pk: int) -> HttpResponse:
    visit: Visit = get_object_or_404(Visit.objects.filter(status__in=PUBLIC_STATUSES), pk=pk)
    if request.method == "GET":  # e.g. the language switched on the page of a refused vote
        return HttpResponseRedirect(_back(visit, "date-vote"))
    keys = voter_keys(request, visit)
    form = VoteForm(visit, request.POST)
    status = 400
    if too_many_attempts(request):
        form.is_valid()  # the choice made stays in the form
        form.add_error(None, _("Too many attempts from your connection. Please wait a minute and try again."))
        status = 429
    elif form.is_valid():
        try:
            cast_vote(
                visit=visit,
                option=form.cleaned_data["option"],
                district=form.cleaned_data["district"],
                voter_key=keys.voter_key,
                network_key=keys.network_key,
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("Thank you: your vote is counted. You can change it until voting closes."),
                extra_tags=message_at(VOTE_RESULT),
            )
            response: HttpResponse = HttpResponseRedirect(_back(visit, VOTE_RESULT))
            remember_voter(response, request, visit, keys)
            return response
    response = render(request, "portal/visit/vote.html", {"visit": visit, "vote_form": form}, status=status)
    remember_voter(response, request, visit, keys)
    return response


urlpatterns = [path("<int:pk>/vote/", visit_vote, name="visit_vote")]
