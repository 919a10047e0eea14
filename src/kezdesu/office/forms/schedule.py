"""Forms of the draft schedule's pages. Field names match the planning domain functions' arguments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kezdesu.core.collation import collate_choices, sort_key
from kezdesu.office.forms.obligations import DateInput
from kezdesu.office.forms.visits import TranslatedGroups, _translated
from kezdesu.organisations.models import District, Organisation, Position, Region
from kezdesu.planning.models import ItemAgreement, RiskFlag

PARTY_KINDS = (Organisation.Kind.MINISTRY, Organisation.Kind.COMMITTEE)


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Position) -> str:
        return f"{obj.organisation} — {obj.title}"


class OfficialsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Position) -> str:
        return f"{obj.organisation} — {obj.title}"


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: District) -> str:
        return f"{obj.region} — {obj.name}"


class RiskFlagChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: RiskFlag) -> str:
        return f"{obj.region} — {obj.competent_ministry} ({obj.get_level_display()})"


class ScheduleItemForm(TranslatedGroups, forms.Form):
    translated = (("topics", _("Topics")),)

    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Ministry"), queryset=Organisation.objects.none()
    )
    position = OfficialChoiceField(
        label=_("Official"), queryset=Position.objects.none(), help_text=_("A post of the chosen ministry.")
    )
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    district = DistrictChoiceField(label=_("District or town"), queryset=District.objects.none(), required=False)
    start_date = forms.DateField(label=_("First day"), widget=DateInput())
    end_date = forms.DateField(label=_("Last day"), widget=DateInput())
    is_unscheduled = forms.BooleanField(label=_("Unscheduled meeting"), required=False)
    risk_flag = RiskFlagChoiceField(
        label=_("Risk flag it answers"),
        queryset=RiskFlag.objects.none(),
        required=False,
        help_text=_("An unscheduled meeting of the flagged ministry's first head in the flagged region (R4)."),
    )
    deputy_prime_minister_required = forms.BooleanField(label=_("A deputy prime minister takes part"), required=False)
    deputy_prime_minister = OfficialChoiceField(
        label=_("Deputy prime minister"),
        queryset=Position.objects.none(),
        required=False,
        help_text=_("Required where the risk of social tension is high (P6.2)."),
    )
    akim_positions = OfficialsChoiceField(
        label=_("Participating akims"), queryset=Position.objects.none(), required=False
    )
    other_akims = forms.CharField(
        label=_("Other participating akims"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("District, town and rural akims."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated(self, "topics", _("Topics"), textarea=True)
        names = list(self.fields)
        self.order_fields([*names[: names.index("is_unscheduled")], "topics_kk", "topics_ru", "topics_en"])
        fields: Any = self.fields
        fields["organisation"].queryset = Organisation.objects.filter(kind__in=PARTY_KINDS, is_active=True).order_by(
            "name"
        )
        fields["position"].queryset = (
            Position.objects.filter(organisation__kind__in=PARTY_KINDS, is_active=True)
            .select_related("organisation")
            .order_by("organisation__name", "order")
        )
        fields["risk_flag"].queryset = (
            RiskFlag.objects.filter(status__in=(RiskFlag.Status.ASSIGNED, RiskFlag.Status.MET))
            .select_related("region", "competent_ministry")
            .order_by("-raised_at")
        )
        fields["deputy_prime_minister"].queryset = Position.objects.filter(
            organisation__kind=Organisation.Kind.GOVERNMENT,
            level__in=(Position.Level.FIRST_DEPUTY, Position.Level.DEPUTY),
            is_active=True,
        ).select_related("organisation")
        fields["region"].queryset = Region.objects.order_by("name")
        fields["district"].queryset = District.objects.select_related("region").order_by("region__name", "name")
        fields["akim_positions"].queryset = (
            Position.objects.filter(organisation__kind=Organisation.Kind.AKIMAT, is_active=True)
            .select_related("organisation")
            .order_by("organisation__name", "order")
        )
        for name in ("organisation", "region", "district"):
            collate_choices(fields[name])  # labels: "region — district" for districts
        for name in ("position", "akim_positions"):
            collate_choices(fields[name], collation_group=by_body_and_rank)


def by_body_and_rank(position: Position) -> tuple[tuple[int, ...], int]:
    """Officials grouped by their body, in alphabetical order, and by rank within it."""
    return (sort_key(position.organisation.name), position.order)


ANSWERS = [
    (choice.value, choice.label)
    for choice in (ItemAgreement.Decision.AGREED, ItemAgreement.Decision.COMMENTED, ItemAgreement.Decision.DISAGREED)
]


class AgreementForm(forms.Form):
    decision = forms.ChoiceField(label=_("Answer"), choices=ANSWERS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required with comments or a disagreement."),
    )


class AcknowledgeWarningForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=200)
    note = forms.CharField(label=_("Why it stands"), widget=forms.Textarea(attrs={"rows": 2}))


class PaperAnswerForm(forms.Form):
    """A party's answer received on paper; field names match `record_paper_answer`."""

    decision = forms.ChoiceField(label=_("Answer"), choices=ANSWERS, widget=forms.RadioSelect)
    reference = forms.CharField(label=_("Letter"), max_length=300, help_text=_("Its number and date."))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ApproveScheduleForm(forms.Form):
    act_number = forms.CharField(label=_("Approving act number"), max_length=100)
    act_date = forms.DateField(label=_("Approving act date"), widget=DateInput())


class AmendScheduleForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 3}))


class IncludeProposalForm(forms.Form):
    """The dates the authorized body sets for a proposal it puts in the draft."""

    start_date = forms.DateField(label=_("First day"), widget=DateInput())
    end_date = forms.DateField(label=_("Last day"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The last day comes before the first."))
        return data
