"""The public problem issues' filters: the list page, the open data files, the accountability page's links, the
oversight dashboard's links and the public API read the same names (ministry, region, sector, status, q, year,
raised_from, raised_to, solved_from, solved_to)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from kezdesu.core.collation import CollatedModelChoiceField
from kezdesu.followup.domain.queries.public_issues import OPEN, OVERDUE, IssueFilters
from kezdesu.followup.models import ProblemIssue
from kezdesu.organisations.models import Organisation, Region
from kezdesu.questions.models import Topic

# (from, to) pairs of inclusive date bounds; a range that ends before it starts is an error, and is left out.
DATE_RANGES = (("raised_from", "raised_to"), ("solved_from", "solved_to"))


def date_field(label: Any) -> forms.DateField:
    """An optional day, picked with the browser's date control (which sends YYYY-MM-DD)."""
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def check_date_ranges(form: forms.Form, ranges: tuple[tuple[str, str], ...]) -> None:
    """Mark a range that ends before it starts; neither of its bounds is then applied."""
    data = form.cleaned_data
    for start_name, end_name in ranges:
        start: datetime.date | None = data.get(start_name)
        end: datetime.date | None = data.get(end_name)
        if start is not None and end is not None and end < start:
            message = _("This date is before the start of the range (“%(start)s”).")
            params = {"start": form[start_name].label}
            form.add_error(end_name, forms.ValidationError(message, code="range_ends_before_start", params=params))
            data.pop(start_name, None)


def ministry_field(label: Any) -> forms.ModelChoiceField[Organisation]:
    """The visiting ministry, by its code (the lists' shared name `ministry`)."""
    return CollatedModelChoiceField(
        label=label,
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MINISTRY, is_active=True).order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=pgettext_lazy("ministry filter", "All"),
    )


def region_field() -> forms.ModelChoiceField[Region]:
    """The region, by its KATO code (the lists' shared name `region`)."""
    return CollatedModelChoiceField(
        label=gettext_lazy("Region"),
        queryset=Region.objects.order_by("name"),
        to_field_name="kato",
        required=False,
        empty_label=pgettext_lazy("region filter", "All"),
    )


def status_choices() -> list[tuple[str, Any]]:
    return [
        ("", pgettext_lazy("status filter", "All")),
        *ProblemIssue.Status.choices,
        (OPEN, gettext_lazy("open (not solved yet)")),
        (OVERDUE, gettext_lazy("overdue (a measure is late)")),
    ]


class IssueFilterForm(forms.Form):
    """The filters of the list page, the accountability page's links and the public API share these names."""

    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    ministry = ministry_field(gettext_lazy("Ministry"))
    region = region_field()
    sector: forms.ModelChoiceField[Topic] = forms.ModelChoiceField(
        label=gettext_lazy("Sector"),
        queryset=Topic.objects.order_by("order", "code"),
        to_field_name="code",
        required=False,
        empty_label=pgettext_lazy("sector filter", "All"),
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False, choices=status_choices)
    year = forms.TypedChoiceField(label=gettext_lazy("Year of the visit"), required=False, coerce=int, empty_value=None)
    raised_from = date_field(gettext_lazy("Raised on or after"))
    raised_to = date_field(gettext_lazy("Raised on or before"))
    solved_from = date_field(gettext_lazy("Solved on or after"))
    solved_to = date_field(gettext_lazy("Solved on or before"))

    def __init__(self, *args: Any, years: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", pgettext_lazy("year filter", "All")), *((y, str(y)) for y in years or [])]
        self.fields["year"].choices = choices  # type: ignore[attr-defined]
        if years is None:
            del self.fields["year"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_date_ranges(self, DATE_RANGES)
        return cleaned

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
            raised_from=data.get("raised_from"),
            raised_to=data.get("raised_to"),
            solved_from=data.get("solved_from"),
            solved_to=data.get("solved_to"),
        )
