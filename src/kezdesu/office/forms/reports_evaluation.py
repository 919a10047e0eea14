"""The form of a draft annual evaluation (R24): a weight per indicator, what a criterion with nothing to count
counts, and the method's note and approving order in each language. The sum of the weights and the rest of the
rules are the domain's (`reports.domain.evaluation.set_criteria`)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kezdesu.followup.domain.progress_reports import LANGUAGES
from kezdesu.reports.domain.indicators import INDICATORS
from kezdesu.reports.models import EvaluationScheme

Missing = EvaluationScheme.Missing
TEXT_MAX = 10000
# Each choice explained for the person choosing it (the public pages explain the chosen rule: MISSING_RULES).
MISSING_CHOICES = [
    (
        Missing.AVERAGE,
        _(
            "The average (recommended): the criterion counts at its average value among the ranked ministries that "
            "have something to count under it, so having no records neither helps nor harms a ministry. If none "
            "has, its weight is spread over the other criteria."
        ),
    ),
    (
        Missing.SPREAD,
        _(
            "Spread: the criterion does not count and its weight goes to the ministry's other criteria in "
            "proportion to their weights, so a ministry with few records can outrank those with many."
        ),
    ),
    (Missing.ZERO, _("Zero: the criterion counts as 0, as if nothing had been done.")),
]
NOTE_LABELS = {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}  # under the method's legend
REFERENCE_LABELS = {"kk": _("The order in Kazakh"), "ru": _("The order in Russian"), "en": _("The order in English")}


def weight_name(code: str) -> str:
    return f"weight_{code}"


class EvaluationCriteriaForm(forms.Form):
    """An empty weight leaves its criterion out; weights are typed with a point or a comma."""

    missing = forms.ChoiceField(
        label=_("A criterion with nothing to count for a ministry counts"),
        choices=MISSING_CHOICES,
        widget=forms.RadioSelect,
        initial=Missing.AVERAGE,
        help_text=_(
            "Nothing to count: no obligation or measure due, no visit held. The preview below shows the ranking "
            "under the saved rule."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, item in INDICATORS.items():
            self.fields[weight_name(code)] = forms.CharField(
                label=str(item.title),
                help_text=str(item.explanation),
                required=False,
                max_length=20,
                # The id the page has always had (the browser tests find the weights by it).
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6, "id": weight_name(code)}),
            )
        for code in LANGUAGES:
            self.fields[f"note_{code}"] = forms.CharField(
                label=NOTE_LABELS[code],
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        for code in LANGUAGES:
            self.fields[f"approval_reference_{code}"] = forms.CharField(
                label=REFERENCE_LABELS[code], required=False, max_length=300
            )

    @classmethod
    def for_scheme(cls, scheme: EvaluationScheme) -> EvaluationCriteriaForm:
        initial: dict[str, Any] = {weight_name(c.indicator): c.weight for c in scheme.criteria.all()}
        for code in LANGUAGES:
            initial[f"note_{code}"] = getattr(scheme, f"note_{code}") or ""
            initial[f"approval_reference_{code}"] = getattr(scheme, f"approval_reference_{code}") or ""
        return cls(initial={**initial, "missing": scheme.missing, "revision": scheme.revision})

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[weight_name(code)] for code in INDICATORS]

    def note_fields(self) -> list[forms.BoundField]:
        return [self[f"note_{code}"] for code in LANGUAGES]

    def reference_fields(self) -> list[forms.BoundField]:
        return [self[f"approval_reference_{code}"] for code in LANGUAGES]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        criteria = []
        for code in INDICATORS:
            typed = (cleaned.get(weight_name(code)) or "").strip().replace(",", ".")
            if not typed:
                continue
            try:
                weight = Decimal(typed)
            except InvalidOperation:
                weight = Decimal("NaN")
            if weight.is_finite():
                criteria.append((code, weight))
            else:
                self.add_error(weight_name(code), _("Give each weight as a number, e.g. 12.5."))
        cleaned["criteria"] = criteria
        return cleaned

    def values(self) -> dict[str, Any]:
        """The keyword arguments of `set_criteria`, but the actor and the scheme."""
        data = self.cleaned_data
        revision = data.get("revision")
        return {
            "criteria": data["criteria"],
            "missing": data["missing"],
            **{f"note_{code}": data[f"note_{code}"] for code in LANGUAGES},
            **{f"approval_reference_{code}": data[f"approval_reference_{code}"] for code in LANGUAGES},
            "revision": -1 if revision is None else revision,  # none sent: refused as a conflict
        }
