"""The public measures' filters: the portal's list, the oversight dashboard's links and the public API read the
same names (executor, due_from, due_to, state, ministry, region)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from kezdesu.core.collation import CollatedModelChoiceField
from kezdesu.followup.domain.queries.measure_list import DONE_LATE, DONE_ON_TIME, OPEN, OVERDUE, MeasureFilters
from kezdesu.followup.domain.queries.public_issues import IssueFilters
from kezdesu.followup.interfaces.issue_filters import check_date_ranges, date_field, ministry_field, region_field
from kezdesu.organisations.models import Organisation

DATE_RANGES = (("due_from", "due_to"),)


def state_choices() -> list[tuple[str, Any]]:
    return [
        ("", pgettext_lazy("measure state filter", "All")),
        (OVERDUE, pgettext_lazy("measure state", "overdue")),
        (OPEN, pgettext_lazy("measure state", "under way, not yet due")),
        (DONE_ON_TIME, pgettext_lazy("measure state", "done on time")),
        (DONE_LATE, pgettext_lazy("measure state", "done late")),
    ]


class MeasureFilterForm(forms.Form):
    # Any body, active or not: a body renamed or merged away keeps its past measures.
    executor: forms.ModelChoiceField[Organisation] = CollatedModelChoiceField(
        label=gettext_lazy("Executor"),
        help_text=gettext_lazy("A ministry's measures include its committees'."),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=pgettext_lazy("executor filter", "All"),
    )
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False, choices=state_choices)
    due_from = date_field(gettext_lazy("Deadline on or after"))
    due_to = date_field(gettext_lazy("Deadline on or before"))
    ministry = ministry_field(gettext_lazy("Ministry that held the meeting"))
    region = region_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_date_ranges(self, DATE_RANGES)
        return cleaned

    def filters(self, issue: IssueFilters | None = None) -> MeasureFilters:
        """The valid filters (one that is not is left out, not the others). `issue`: filters of the measures'
        issues read elsewhere (the API reads all the issue list's), instead of this form's ministry and region."""
        self.is_valid()
        data = self.cleaned_data
        if issue is None:
            issue = IssueFilters(ministry=data.get("ministry"), region=data.get("region"))
        return MeasureFilters(
            issue=issue,
            executor=data.get("executor"),
            due_from=data.get("due_from"),
            due_to=data.get("due_to"),
            state=data.get("state") or "",
        )
