"""Entering a transfer of a day off or a working Saturday."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kezdesu.office.forms.obligations import DateInput
from kezdesu.regulations.models import CalendarException


class CalendarExceptionForm(forms.Form):
    """Field names match `add_calendar_exception`'s arguments."""

    day = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarException.Kind.choices, widget=forms.RadioSelect)
    reason_kk = forms.CharField(label=_("Reason in Kazakh"), max_length=300)
    reason_ru = forms.CharField(label=_("Reason in Russian"), max_length=300, required=False)
    reason_en = forms.CharField(label=_("Reason in English"), max_length=300, required=False)
    act = forms.CharField(label=_("Act"), max_length=300, required=False, help_text=_("The decree that moved the day."))
