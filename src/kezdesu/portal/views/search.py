"""Search the public side (issue 14): visits and problem issues by words, ministry and region. A plain GET form,
so it works without JavaScript; the schedule's own filters take the same ministry and region."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kezdesu.followup.domain.queries.public_issues import IssueFilters, public_issue_list
from kezdesu.followup.interfaces.issue_filters import ministry_field, region_field
from kezdesu.meetings.domain.queries.search import search_public_visits

SHOWN = 20


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("A ministry, an official, a region, a town or words of a problem."),
    )
    ministry = ministry_field(_("Ministry"))
    region = region_field()

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"words": data.get("q", ""), "ministry": data.get("ministry"), "region": data.get("region")}


def _schedule_query(filters: dict[str, Any]) -> str:
    """The same ministry and region as the schedule's filters."""
    query = QueryDict(mutable=True)
    if filters["ministry"] is not None:
        query["ministry"] = filters["ministry"].code
    if filters["region"] is not None:
        query["region"] = filters["region"].kato
    return query.urlencode()


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    filters = form.filters()
    asked = bool(filters["words"].strip() or filters["ministry"] or filters["region"])
    visits, issues = [], []
    if asked:
        visits = list(search_public_visits(**filters)[: SHOWN + 1])
        issue_filters = IssueFilters(ministry=filters["ministry"], region=filters["region"], search=filters["words"])
        issues = list(public_issue_list(issue_filters, today=timezone.localdate())[: SHOWN + 1])
    return render(
        request,
        "portal/search.html",
        {
            "form": form,
            "asked": asked,
            "visits": visits[:SHOWN],
            "more_visits": len(visits) > SHOWN,
            "issues": issues[:SHOWN],
            "more_issues": len(issues) > SHOWN,
            "schedule_query": _schedule_query(filters),
            "query": request.GET.urlencode(),
        },
    )


urlpatterns: list[URLPattern] = [path("search/", search, name="search")]
