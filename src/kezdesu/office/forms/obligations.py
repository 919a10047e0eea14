"""The obligations page's filters and the form that records what met an obligation."""

from __future__ import annotations

import datetime
import re
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kezdesu.core.collation import collate_choices
from kezdesu.office.queries import MET_BY_HAND, MET_LATE, MET_ON_TIME
from kezdesu.organisations.domain.queries.scope import organisations_in_scope
from kezdesu.organisations.models import Organisation, Position, Region
from kezdesu.regulations.domain.obligations import ObligationState
from kezdesu.regulations.models import ObligationRule, RegulationProfile

DEFAULT_PAST_DAYS = 30
# Asked for what is overdue, the list reaches back a year: overdue means due in the past.
OVERDUE_PAST_DAYS = 366
DEFAULT_FUTURE_DAYS = 180
# Computing obligations is cheap, but a page of ten years helps nobody.
MAX_RANGE_DAYS = 3 * 366


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def model_field(form: forms.Form, name: str) -> forms.ModelChoiceField[Any]:
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


def choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def _requirement_order(code: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", code)
    return (int(digits) if digits else 0, code)


class ObligationFilterForm(forms.Form):
    start = forms.DateField(label=_("Due from"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Due until"), required=False, widget=DateInput())
    profile: forms.ModelChoiceField[RegulationProfile] = forms.ModelChoiceField(
        label=_("Regulation profile"),
        queryset=RegulationProfile.objects.none(),
        required=False,
        empty_label=_("The one in force on each date"),
    )
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        empty_label=_("All I may see"),
    )
    requirement = forms.ChoiceField(label=_("Requirement"), required=False)
    state = forms.ChoiceField(
        label=pgettext_lazy("obligation", "State"),
        required=False,
        choices=[
            ("", pgettext_lazy("obligation state", "Any")),
            *ObligationState.choices,
            (MET_ON_TIME, _("met on time")),
            (MET_LATE, _("met late")),
            (MET_BY_HAND, _("met, recorded by hand")),
        ],
    )

    def __init__(self, *args: Any, user: object, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        # Show the default range in the inputs, so that the page says what it lists.
        self.fields["start"].initial = self.default_start()
        self.fields["end"].initial = self.default_end()
        model_field(self, "profile").queryset = RegulationProfile.objects.order_by("effective_from")
        model_field(self, "organisation").queryset = organisations_in_scope(user).order_by("kind", "name")
        collate_choices(model_field(self, "organisation"), collation_group=lambda body: body.kind)
        codes = ObligationRule.objects.values_list("requirement", flat=True).distinct()
        choice_field(self, "requirement").choices = [
            ("", pgettext_lazy("requirement", "Any")),
            *((code, code) for code in sorted(set(codes), key=_requirement_order)),
        ]

    def default_start(self) -> datetime.date:
        asks_overdue = self.is_bound and self.data.get("state") == ObligationState.OVERDUE
        return self.today - datetime.timedelta(days=OVERDUE_PAST_DAYS if asks_overdue else DEFAULT_PAST_DAYS)

    def default_end(self) -> datetime.date:
        return self.today + datetime.timedelta(days=DEFAULT_FUTURE_DAYS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start = data.get("start") or self.default_start()
        end = data.get("end") or self.default_end()
        if end < start:
            self.add_error("end", _("The end of the range comes before its start."))
        elif (end - start).days > MAX_RANGE_DAYS:
            self.add_error("end", _("Choose a range of at most three years."))
        data["start"], data["end"] = start, end
        return data

    def filters(self) -> dict[str, Any]:
        """The filters to apply: the valid ones asked for, else the defaults."""
        if not self.is_bound or not self.is_valid():
            return {"start": self.default_start(), "end": self.default_end()}
        data = self.cleaned_data
        return {
            "start": data["start"],
            "end": data["end"],
            "profile": data.get("profile"),
            "organisation": data.get("organisation"),
            "requirement": data.get("requirement") or "",
            "state": data.get("state") or "",
        }


class FulfilmentForm(forms.Form):
    """What met an obligation outside Kezdesu, typed by hand. A meeting names its region and official too."""

    met_on = forms.DateField(label=_("Done on"), widget=DateInput())
    reference = forms.CharField(
        label=_("Reference"),
        max_length=300,
        help_text=_("What met it outside Kezdesu, e.g. an outgoing letter's number and date, or the meeting's report."),
    )
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(
        label=_("Region where the meeting was held"), queryset=Region.objects.none(), required=False
    )
    position: forms.ModelChoiceField[Position] = forms.ModelChoiceField(
        label=_("Official who met the population"), queryset=Position.objects.none(), required=False
    )

    def __init__(self, *args: Any, meeting: bool = False, debtor: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not meeting:
            del self.fields["region"]
            del self.fields["position"]
            return
        model_field(self, "region").queryset = Region.objects.order_by("kato")
        model_field(self, "region").required = True
        model_field(self, "position").queryset = Position.objects.filter(
            organisation=debtor, level=Position.Level.FIRST_HEAD
        ).order_by("order", "pk")
        model_field(self, "position").required = True
