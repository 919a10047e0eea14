"""Forms of the half-year results: the Government's review, its instructions, and the report on execution."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kezdesu.core.collation import CollatedModelChoiceField
from kezdesu.organisations.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DATE)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=300,
        help_text=_("The meeting and its minutes, e.g. “Minutes No. 12 of 20 June”."),
    )
    conclusions_kk = forms.CharField(label=_("Conclusions in Kazakh"), widget=forms.Textarea(attrs={"rows": 4}))
    conclusions_ru = forms.CharField(label=_("Conclusions in Russian"), widget=forms.Textarea(attrs={"rows": 4}))
    conclusions_en = forms.CharField(
        label=_("Conclusions in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def executor_bodies() -> forms.ModelChoiceField:
    bodies = Organisation.objects.filter(
        Q(kind__in=(Organisation.Kind.MINISTRY, Organisation.Kind.AKIMAT)) | Q(is_authorized_body=True),
        is_active=True,
    ).order_by("kind", "name")
    return CollatedModelChoiceField(label=_("Executor"), queryset=bodies, collation_group=lambda body: body.kind)


class InstructionForm(forms.Form):
    text_kk = forms.CharField(label=_("Instruction in Kazakh"), widget=forms.Textarea(attrs={"rows": 3}))
    text_ru = forms.CharField(label=_("Instruction in Russian"), widget=forms.Textarea(attrs={"rows": 3}))
    text_en = forms.CharField(
        label=_("Instruction in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["assignee"] = executor_bodies()
        self.order_fields(["text_kk", "text_ru", "text_en", "assignee", "deadline"])


class InstructionReportForm(forms.Form):
    report = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000)
    done_on = forms.DateField(label=_("Executed on"), widget=DATE)
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
