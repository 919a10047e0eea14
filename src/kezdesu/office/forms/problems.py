"""An akimat's systemic problem, and an answer to one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kezdesu.core.collation import collate_choices
from kezdesu.office.forms.obligations import model_field
from kezdesu.organisations.models import Organisation


class SystemicProblemForm(forms.Form):
    """Field names match `create_systemic_problem`'s arguments."""

    title = forms.CharField(label=_("Problem"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    competent_body: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Competent ministry"), queryset=Organisation.objects.none(), required=False
    )
    competent_company = forms.CharField(
        label=_("Or a national holding or company"),
        max_length=300,
        required=False,
        help_text=_("When the problem is not for a state body: the akimat records the company's reply itself."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "competent_body").queryset = Organisation.objects.filter(
            kind__in=(Organisation.Kind.MINISTRY, Organisation.Kind.COMMITTEE), is_active=True
        ).order_by("kind", "name")
        collate_choices(model_field(self, "competent_body"), collation_group=lambda body: body.kind)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))
