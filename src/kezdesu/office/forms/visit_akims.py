"""The akimat's answer for an invited akim (R17). Field names match `answer_akim_invitation`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kezdesu.meetings.domain.akims import NOTE_LENGTH
from kezdesu.meetings.models import AkimAnswer, VisitPart
from kezdesu.organisations.models import Position


def answer_prefix(part: VisitPart, position: Position) -> str:
    """One form per invited akim on the visit's page: the prefix keeps their fields' ids apart."""
    return f"akim-{part.pk}-{position.pk}"


class AkimAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Does the akim take part?"), choices=AkimAnswer.Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the akim cannot take part: say why, and who comes instead if anyone."),
    )
