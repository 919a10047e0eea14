"""Raising a risk flag, and the authorized body's decision on one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kezdesu.core.collation import collate_choices
from kezdesu.office.forms.obligations import DateInput, model_field
from kezdesu.office.forms.visits import TranslatedGroups, _translated
from kezdesu.organisations.models import Organisation, Region
from kezdesu.planning.models import RiskFlag


class RiskFlagForm(TranslatedGroups, forms.Form):
    """Field names match `raise_risk_flag`'s arguments; the texts in kk, ru and en (a description in at least one)."""

    translated = (("description", _("Description")), ("evidence", _("Evidence")))

    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    competent_ministry: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Competent ministry (sector)"), queryset=Organisation.objects.none()
    )
    level = forms.ChoiceField(label=_("Level"), choices=RiskFlag.Level.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated(self, "description", _("Description"), textarea=True)
        _translated(self, "evidence", _("Evidence"), textarea=True)
        model_field(self, "region").queryset = Region.objects.order_by("kato")
        collate_choices(model_field(self, "region"))
        model_field(self, "competent_ministry").queryset = Organisation.objects.filter(
            kind=Organisation.Kind.MINISTRY, is_active=True
        ).order_by("name")
        collate_choices(model_field(self, "competent_ministry"))


class AssignForm(forms.Form):
    deadline = forms.DateField(label=_("Meet by"), widget=DateInput())
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DismissForm(forms.Form):
    note = forms.CharField(label=_("Why it is dismissed"), widget=forms.Textarea(attrs={"rows": 2}))
