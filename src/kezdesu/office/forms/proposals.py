"""A ministry's proposal, and the advisor's weights."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kezdesu.office.forms.obligations import DateInput, model_field
from kezdesu.office.forms.visits import TranslatedGroups, _translated
from kezdesu.organisations.models import District, Organisation, Position, Region
from kezdesu.planning.domain.proposals import eligible_positions
from kezdesu.planning.models import AdvisorWeights


class ProposalForm(TranslatedGroups, forms.Form):
    """Field names match `create_proposal`'s arguments; the topics in kk, ru and en (at least one)."""

    translated = (("topics", _("Topics")),)

    position: forms.ModelChoiceField[Position] = forms.ModelChoiceField(
        label=_("Official"), queryset=Position.objects.none()
    )
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    district: forms.ModelChoiceField[District] = forms.ModelChoiceField(
        label=_("District or town"), queryset=District.objects.none(), required=False
    )
    preferred_from = forms.DateField(label=_("Preferred from"), widget=DateInput())
    preferred_to = forms.DateField(
        label=_("Preferred until"), widget=DateInput(), help_text=_("A single date, or a week or longer.")
    )
    sector_problems = forms.CharField(
        label=_("The sector's problems in the region"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    local_issues = forms.CharField(
        label=_("Issues raised locally"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    akimat_request = forms.CharField(
        label=_("The akimat's request"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    risk = forms.CharField(label=_("Risk"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated(self, "topics", _("Topics"), textarea=True)
        names = list(self.fields)
        self.order_fields([*names[: names.index("sector_problems")], "topics_kk", "topics_ru", "topics_en"])
        model_field(self, "position").queryset = Position.objects.filter(
            pk__in=[position.pk for position in eligible_positions(organisation)]
        ).select_related("organisation")
        model_field(self, "region").queryset = Region.objects.order_by("kato")
        model_field(self, "district").queryset = District.objects.select_related("region").order_by("kato")


class AdvisorWeightsForm(forms.ModelForm):
    class Meta:
        model = AdvisorWeights
        fields = ["problems", "questions", "recency", "risks"]
