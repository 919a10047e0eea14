"""Filters of the list of questions across visits. The oversight dashboard links here with the same names:
start, end, channel, ministry (code), region (pk), status."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kezdesu.core.collation import CollatedModelChoiceField
from kezdesu.office.forms.date_range import DateRangeMixin
from kezdesu.office.forms.obligations import DateInput
from kezdesu.organisations.models import Organisation, Region
from kezdesu.questions.domain.queries.office_list import QuestionFilters
from kezdesu.questions.models import Channel, Question


class QuestionFilterForm(DateRangeMixin):
    start = forms.DateField(label=_("Received from"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Received until"), required=False, widget=DateInput())
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", pgettext_lazy("channel filter", "All")), *Channel.choices]
    )
    # Every ministry, reorganised ones too: their questions stay on record.
    ministry: forms.ModelChoiceField[Organisation] = CollatedModelChoiceField(
        label=_("Ministry"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=pgettext_lazy("ministry filter", "All"),
    )
    region: forms.ModelChoiceField[Region] = CollatedModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label=pgettext_lazy("region filter", "All"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("status filter", "All")), *Question.Status.choices],
    )

    def filters(self) -> QuestionFilters | None:
        """The filters asked for; none asked, every question; None when one is wrong (the page says which)."""
        if not self.is_bound:
            return QuestionFilters()
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return QuestionFilters(
            start=data.get("start"),
            end=data.get("end"),
            channel=data.get("channel") or "",
            ministry=data.get("ministry"),
            region=data.get("region"),
            status=data.get("status") or "",
        )
