"""The meeting page's form to ask a question, and the back office's form to import a file of questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kezdesu.core.collation import collate_choices
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District, Region
from kezdesu.questions.domain.intake import (
    CONTACT_MAX_LENGTH,
    IMPORT_CHANNELS,
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    text_problem,
    updates_problem,
)
from kezdesu.questions.interfaces.importers import MAX_FILE_BYTES
from kezdesu.questions.models import Topic

# Bots fill every field; people never see this one (hidden from sight and from screen readers).
HONEYPOT_FIELD = "website"


class AskQuestionForm(forms.Form):
    """Field names match `submit_question`'s arguments (and the honeypot)."""

    author_name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("Leave it empty to ask anonymously. Your name is never published."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), empty_label=None
    )
    district: forms.ModelChoiceField[District] = forms.ModelChoiceField(
        label=_("District or town (optional)"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("Not chosen"),
        help_text=_("The districts and towns of the region the minister visits. Leave it empty if you live elsewhere."),
    )
    topic: forms.ModelChoiceField[Topic] = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.none(), empty_label=_("Choose a topic")
    )
    text = forms.CharField(
        label=_("Your question or proposal"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    contact = forms.CharField(
        label=_("E-mail or phone for an answer (optional)"),
        max_length=CONTACT_MAX_LENGTH,
        required=False,
        help_text=_("Only if you want an answer in person. It is seen only by the staff who answer, never published."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to the processing of my name and contact to answer my question, under the Law "
            "“On personal data and their protection”."
        ),
        required=False,
        help_text=_("Needed only if you give your name or a contact: without them you ask anonymously."),
    )
    wants_updates = forms.BooleanField(
        label=_("Tell me by e-mail what becomes of my question"),
        required=False,
        help_text=_(
            "Once the ministry publishes the problems raised at the meeting, we e-mail you when the problem "
            "behind your question changes. Needs an e-mail address in the contact and the consent."
        ),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, visit: Visit, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("region", visit.region_id)
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.fields["region"].queryset = Region.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["district"].queryset = District.objects.filter(  # type: ignore[attr-defined]
            region=visit.region_id
        ).order_by("name")
        collate_choices(self.fields["region"])
        collate_choices(self.fields["district"])
        self.fields["topic"].queryset = Topic.objects.order_by("order", "code")  # type: ignore[attr-defined]
        # Set here, not on the class: a lazy text with its number put in would be translated at import time.
        self.fields["text"].help_text = gettext(
            "Plain text, at most %(max)s characters. Do not write personal data of other people."
        ) % {"max": TEXT_MAX_LENGTH}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        problem = text_problem(text)
        if problem:
            raise forms.ValidationError(problem)
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        district, region = data.get("district"), data.get("region")
        if district is not None and region is not None and district.region_id != region.pk:
            self.add_error("district", _("This district or town is not in the region chosen."))
        if (data.get("author_name") or data.get("contact")) and not data.get("consent"):
            self.add_error(
                "consent",
                _("You gave your name or a contact: tick the consent, or leave both empty to ask anonymously."),
            )
        if data.get("wants_updates"):
            problem = updates_problem(data.get("contact") or "", bool(data.get("consent")))
            if problem:
                self.add_error("wants_updates", problem)
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    def submission(self) -> dict[str, Any]:
        """The cleaned values `submit_question` takes."""
        return {key: value for key, value in self.cleaned_data.items() if key != HONEYPOT_FIELD}


class ImportForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Exported from"),
        choices=[(channel.value, channel.label) for channel in IMPORT_CHANNELS],
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.json"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("CSV (UTF-8, “;” or “,”), XLSX or JSON, at most %(size)s MB.") % {
            "size": MAX_FILE_BYTES // 1024 // 1024
        }
