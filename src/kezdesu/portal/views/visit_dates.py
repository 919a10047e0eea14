"""A resident votes on the date of a meeting (R9); the answer comes back on the meeting page.

The guards against casual repeat voting are in `meetings.interfaces.voter_keys`; the rules in
`meetings.domain.date_vote.cast_vote`.
"""

from __future__ import annotations

from typing import cast
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.date_vote import cast_vote
from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.interfaces.voter_keys import remember_voter, too_many_attempts, voter_keys
from kezdesu.meetings.models import DateOption, Visit
from kezdesu.organisations.models import District


class VoteForm(forms.Form):
    option: forms.ModelChoiceField[DateOption] = forms.ModelChoiceField(
        queryset=DateOption.objects.none(),
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

    def __init__(self, visit: Visit, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast("forms.ModelChoiceField[DateOption]", self.fields["option"]).queryset = visit.date_options.all()
        districts = District.objects.filter(region=visit.region_id)
        cast("forms.ModelChoiceField[District]", self.fields["district"]).queryset = districts


def _back(visit: Visit, kept: dict[str, str] | None = None) -> str:
    query = f"?{urlencode(kept)}" if kept else ""
    return reverse("portal:visit_detail", args=[visit.pk]) + query + "#date-vote"


@require_POST
def visit_vote(request: HttpRequest, pk: int) -> HttpResponse:
    visit: Visit = get_object_or_404(Visit.objects.filter(status__in=PUBLIC_STATUSES), pk=pk)
    keys = voter_keys(request, visit)
    kept = {name: str(request.POST.get(name, ""))[:20] for name in ("option", "district") if request.POST.get(name)}
    form = VoteForm(visit, request.POST)
    back = _back(visit, kept)
    if too_many_attempts(request):
        messages.error(request, _("Too many attempts from your connection. Please wait a minute and try again."))
    elif not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        try:
            cast_vote(
                visit=visit,
                option=form.cleaned_data["option"],
                district=form.cleaned_data["district"],
                voter_key=keys.voter_key,
                network_key=keys.network_key,
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Thank you: your vote is counted. You can change it until voting closes."))
            back = _back(visit)
    response = HttpResponseRedirect(back)
    remember_voter(response, request, visit, keys)
    return response


urlpatterns = [path("<int:pk>/vote/", visit_vote, name="visit_vote")]
