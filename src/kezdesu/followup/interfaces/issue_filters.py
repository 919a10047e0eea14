"""The public problem issues' filters: the list page, the accountability page's links and the public API read
the same names (ministry, region, sector, status, q, year)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy

from kezdesu.followup.domain.queries.public_issues import OVERDUE, IssueFilters
from kezdesu.followup.models import ProblemIssue
from kezdesu.organisations.models import Organisation, Region
from kezdesu.questions.models import Topic


def status_choices() -> list[tuple[str, Any]]:
    return [
        ("", pgettext_lazy("status filter", "All")),
        *ProblemIssue.Status.choices,
        (OVERDUE, _lazy("overdue (a measure is late)")),
    ]


class IssueFilterForm(forms.Form):
    """The filters of the list page, the accountability page's links and the public API share these names."""

    q = forms.CharField(label=_lazy("Search"), required=False, max_length=200)
    ministry: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_lazy("Ministry"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MINISTRY, is_active=True).order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=pgettext_lazy("ministry filter", "All"),
    )
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(
        label=_lazy("Region"),
        queryset=Region.objects.order_by("name"),
        to_field_name="kato",
        required=False,
        empty_label=pgettext_lazy("region filter", "All"),
    )
    sector: forms.ModelChoiceField[Topic] = forms.ModelChoiceField(
        label=_lazy("Sector"),
        queryset=Topic.objects.order_by("order", "code"),
        to_field_name="code",
        required=False,
        empty_label=pgettext_lazy("sector filter", "All"),
    )
    status = forms.ChoiceField(label=_lazy("Status"), required=False, choices=status_choices)
    year = forms.TypedChoiceField(label=_lazy("Year of the visit"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", pgettext_lazy("year filter", "All")), *((y, str(y)) for y in years or [])]
        self.fields["year"].choices = choices  # type: ignore[attr-defined]
        if years is None:
            del self.fields["year"]

    def filters(self) -> IssueFilters:
        """The valid filters; one that is not (an unknown region in an old link) is left out, not the others."""
        self.is_valid()
        data = self.cleaned_data
        return IssueFilters(
            ministry=data.get("ministry"),
            region=data.get("region"),
            sector=data.get("sector"),
            status=data.get("status") or "",
            search=data.get("q") or "",
            year=data.get("year"),
        )
