"""Filters of the audit trail."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kezdesu.core.collation import collate_choices
from kezdesu.core.domain.queries.audit import audit_actions, audit_actors
from kezdesu.office.forms.obligations import DateInput, choice_field, model_field
from kezdesu.organisations.models import Organisation, User


class AuditFilterForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=pgettext_lazy("organisation", "Any"),
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Who"), queryset=None, required=False, empty_label=pgettext_lazy("person", "Anyone")
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "organisation").queryset = Organisation.objects.order_by("kind", "name")
        collate_choices(model_field(self, "organisation"), collation_group=lambda body: body.kind)
        model_field(self, "actor").queryset = audit_actors()
        choice_field(self, "action").choices = [
            ("", pgettext_lazy("action", "Any")),
            *((code, code) for code in audit_actions()),
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
