"""The vote on a visit's date (R9): offering an option, opening the vote. Times are Astana time."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kezdesu.office.forms.obligations import DateInput


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class DateOptionForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    starts = forms.TimeField(label=_("Starts"), widget=TimeInput(), help_text=_("Astana time."))
    ends = forms.TimeField(label=_("Ends"), widget=TimeInput(), help_text=_("Astana time."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("day") and data.get("starts") and data.get("ends"):
            data["starts_at"] = _aware(data["day"], data["starts"])
            data["ends_at"] = _aware(data["day"], data["ends"])
        return data


class OpenVoteForm(forms.Form):
    closes_day = forms.DateField(label=_("The vote closes on"), widget=DateInput())
    closes_time = forms.TimeField(
        label=_("Closing time"), widget=TimeInput(), initial=datetime.time(18, 0), help_text=_("Astana time.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("closes_day") and data.get("closes_time"):
            data["closes_at"] = _aware(data["closes_day"], data["closes_time"])
        return data


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))
