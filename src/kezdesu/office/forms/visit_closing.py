"""The form that records whether each part of a visit took place (R16) and closes the visit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kezdesu.meetings.domain.closing import NOTE_LENGTH, PartOutcome
from kezdesu.meetings.models import Visit, VisitPart

ANSWERS = [
    (VisitPart.Outcome.TOOK_PLACE, _("took place")),
    (VisitPart.Outcome.NOT_HELD, _("did not take place")),
]
DEPUTY_ANSWERS = [("", _("not recorded")), ("yes", _("took part")), ("no", _("did not take part"))]


class VisitClosingForm(forms.Form):
    """One answer and one note per part not yet accounted for; the deputy prime minister where one is named."""

    def __init__(self, *args: Any, visit: Visit, parts: list[VisitPart], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parts = [part for part in parts if part.outcome == VisitPart.Outcome.PLANNED]
        for part in self.parts:
            label = part.get_kind_display()
            self.fields[f"{part.kind}_outcome"] = forms.ChoiceField(
                label=label, choices=ANSWERS, widget=forms.RadioSelect, required=False
            )
            self.fields[f"{part.kind}_note"] = forms.CharField(
                label=_("Note: what took place, or why not"),
                max_length=NOTE_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if visit.deputy_prime_minister_id is not None or (
            visit.risk_flag is not None and visit.risk_flag.requires_deputy_prime_minister
        ):
            self.fields["deputy_prime_minister"] = forms.ChoiceField(
                label=_("The deputy prime minister"), choices=DEPUTY_ANSWERS, required=False
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for part in self.parts:  # every part's missing reason at once, beside its part (the domain says the first)
            if cleaned.get(f"{part.kind}_outcome") == VisitPart.Outcome.NOT_HELD and not cleaned.get(
                f"{part.kind}_note"
            ):
                self.add_error(f"{part.kind}_note", _("Say why it did not take place."))
        return cleaned

    def part_fields(self) -> list[tuple[VisitPart, forms.BoundField, forms.BoundField]]:
        return [(part, self[f"{part.kind}_outcome"], self[f"{part.kind}_note"]) for part in self.parts]

    def outcomes(self) -> dict[str, PartOutcome]:
        """The parts answered (a part left blank stays to be recorded later)."""
        answers = {}
        for part in self.parts:
            outcome = self.cleaned_data.get(f"{part.kind}_outcome") or ""
            if outcome:
                answers[part.kind] = PartOutcome(outcome, self.cleaned_data.get(f"{part.kind}_note") or "")
        return answers

    def deputy_prime_minister_took_part(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("deputy_prime_minister") or "")
