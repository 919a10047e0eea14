"""The visit's forms: its texts, each part, a broadcast, the cancellation, the list's filters.

Field names match the domain functions' arguments; translated fields come in kk, ru, en groups.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kezdesu.core.collation import CollatedModelChoiceField
from kezdesu.meetings.domain.queries.visits import official_accounts
from kezdesu.meetings.models import OfficialAccount, Visit, VisitPart
from kezdesu.office.forms.date_range import DateRangeMixin
from kezdesu.office.forms.obligations import DateInput, model_field
from kezdesu.organisations.domain.queries.akimats import akim_posts_in_region
from kezdesu.organisations.models import Organisation, Region

LANGUAGE_LABELS = (("kk", _("in Kazakh")), ("ru", _("in Russian")), ("en", _("in English")))
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


def _translated(form: forms.Form, name: str, label: Any, *, textarea: bool = False, max_length: int = 300) -> None:
    for code, language in LANGUAGE_LABELS:
        widget = forms.Textarea(attrs={"rows": 3, "lang": code}) if textarea else forms.TextInput(attrs={"lang": code})
        form.fields[f"{name}_{code}"] = forms.CharField(
            label=language, required=False, widget=widget, max_length=None if textarea else max_length
        )
        form.fields[f"{name}_{code}"].group_label = label  # type: ignore[attr-defined]


class TranslatedGroups:
    """The form's translated fields grouped for the template: [(label, [kk, ru, en bound fields])]."""

    translated: tuple[tuple[str, Any], ...] = ()

    def translated_groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        form: Any = self
        return [
            (label, [form[f"{name}_{code}"] for code, _language in LANGUAGE_LABELS]) for name, label in self.translated
        ]

    def plain_fields(self) -> list[forms.BoundField]:
        form: Any = self
        names = {f"{name}_{code}" for name, _label in self.translated for code, _language in LANGUAGE_LABELS}
        return [field for field in form if field.name not in names]

    def layout(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """Every field in the form's order, a translated group in the place of its first language:
        [(None, [plain field]) or (label, [kk, ru, en bound fields])] (office/includes/fields_in_order.html)."""
        form: Any = self
        codes = [code for code, _language in LANGUAGE_LABELS]
        first = {f"{name}_{codes[0]}": (name, label) for name, label in self.translated}
        grouped = {f"{name}_{code}" for name, _label in self.translated for code in codes}
        rows: list[tuple[Any, list[forms.BoundField]]] = []
        for field in form:
            if field.name in first:
                name, label = first[field.name]
                rows.append((label, [form[f"{name}_{code}"] for code in codes]))
            elif field.name not in grouped:
                rows.append((None, [field]))
        return rows


class VisitForm(TranslatedGroups, forms.Form):
    translated = (("title", _("Title")), ("how_to_take_part", _("How to take part")))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated(self, "title", _("Title"))
        _translated(self, "how_to_take_part", _("How to take part"), textarea=True)
        self.fields["questions_close_at"] = forms.DateTimeField(
            label=_("Questions accepted until"),
            required=False,
            widget=DATETIME_WIDGET,
            input_formats=DATETIME_FORMATS,
            help_text=_("Astana time. Leave empty to accept questions until the meeting."),
        )
        self.fields["title_kk"].help_text = Visit._meta.get_field("title").help_text


class PartForm(TranslatedGroups, forms.Form):
    translated = (("venue", _("Venue")), ("address", _("Address")))

    def __init__(self, *args: Any, visit: Visit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts_at"] = forms.DateTimeField(
            label=_("Starts"),
            required=False,
            widget=DATETIME_WIDGET,
            input_formats=DATETIME_FORMATS,
            help_text=_("Astana time."),
        )
        self.fields["ends_at"] = forms.DateTimeField(
            label=_("Ends"),
            required=False,
            widget=DATETIME_WIDGET,
            input_formats=DATETIME_FORMATS,
            help_text=_("Astana time."),
        )
        self.fields["format"] = forms.ChoiceField(
            label=_("Format"), choices=VisitPart.Format.choices, widget=forms.RadioSelect
        )
        _translated(self, "venue", _("Venue"))
        _translated(self, "address", _("Address"), max_length=500)
        self.fields["latitude"] = forms.DecimalField(
            label=_("Latitude"),
            required=False,
            max_digits=9,
            decimal_places=6,
            help_text=_("For the map, e.g. 43.238949."),
        )
        self.fields["longitude"] = forms.DecimalField(
            label=_("Longitude"),
            required=False,
            max_digits=9,
            decimal_places=6,
            help_text=_("For the map, e.g. 76.889709."),
        )
        self.fields["video_conference_url"] = forms.URLField(
            label=_("Video-conference link"),
            required=False,
            assume_scheme="https",
            help_text=_("Where people join an online or hybrid part."),
        )
        self.fields["akim_positions"] = forms.ModelMultipleChoiceField(
            label=_("Participating akims"),
            queryset=akim_posts_in_region(visit.region_id),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Posts of the region's akimat and of its district and town akimats."),
        )
        self.fields["other_participants"] = forms.CharField(
            label=_("Other participants"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=VisitPart._meta.get_field("other_participants").help_text,
        )


class PartChoiceField(forms.ModelChoiceField):  # runtime class; Django's is not subscriptable
    def label_from_instance(self, obj: VisitPart) -> str:
        return str(obj.get_kind_display()).capitalize()


class BroadcastForm(forms.Form):
    part = PartChoiceField(label=_("Part"), queryset=VisitPart.objects.none())
    account: forms.ModelChoiceField[OfficialAccount] = forms.ModelChoiceField(
        label=_("Official account"), queryset=OfficialAccount.objects.none()
    )
    url = forms.URLField(label=_("Broadcast address"), assume_scheme="https", max_length=200)

    def __init__(self, *args: Any, visit: Visit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "account").queryset = official_accounts(visit.organisation)
        parts = model_field(self, "part")
        parts.queryset = visit.parts.all()
        parts.empty_label = None
        parts.initial = next((part.pk for part in visit.parts.all() if part.kind == VisitPart.Kind.MEETING), None)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 2}))


class VisitFilterForm(DateRangeMixin):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *list(Visit.Status.choices)])
    region: forms.ModelChoiceField[Region] = CollatedModelChoiceField(
        label=_("Region"), required=False, queryset=Region.objects.order_by("name"), empty_label=_("Any")
    )
    ministry: forms.ModelChoiceField[Organisation] = CollatedModelChoiceField(
        label=_("Ministry"),
        required=False,
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MINISTRY, is_active=True).order_by("name"),
        empty_label=_("Any"),
    )
    # Bounds on the visit's first day, both included: the oversight dashboard links its figures here.
    start = forms.DateField(
        label=_("From"), required=False, widget=DateInput(), help_text=_("Visits starting on or after this day.")
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=DateInput(), help_text=_("Visits starting on or before this day.")
    )
