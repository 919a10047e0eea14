"""The annual evaluation in the API (R24): the ranking, each ministry's criteria and the records behind them.

Decimals are strings ("41.25"); translated texts are {"kk", "ru", "en"}; record addresses are site paths
without the language prefix (put /kk, /ru or /en before them)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslationsSerializer
from kezdesu.reports.domain.indicators import INDICATORS
from kezdesu.reports.models import EvaluationScheme

MISSING_HELP = (
    "What a criterion with nothing to count for a ministry (no obligation or measure due, no visit held) counts: "
    "average — the criterion's average value over the ranked ministries that have something to count under it "
    "(if none has, its weight is spread); spread — nothing, its weight is spread over the ministry's other "
    "criteria in proportion to their weights; zero — 0."
)


class EvaluationRecordSerializer(serializers.Serializer[Any]):
    label = TranslationsSerializer()  # type: ignore[assignment]  # a field named like Field.label, as DRF allows
    url = serializers.CharField(help_text="The record's page, without the language prefix.")
    outcome = serializers.CharField(
        help_text="on_time, late, overdue, not_done, not_solvable, in_progress (counted, not late) or held."
    )


class CriterionResultSerializer(serializers.Serializer[Any]):
    indicator = serializers.ChoiceField(choices=list(INDICATORS))
    title = TranslationsSerializer()
    weight = serializers.CharField(help_text="As set by the authorized body.")
    effective_weight = serializers.CharField(
        allow_null=True, help_text="After spreading the weights of the criteria with nothing to count; null: n/a."
    )
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    value = serializers.CharField(
        allow_null=True,
        help_text="From 0 to 1: the ministry's own, or imputed (see `imputed`); null when nothing is counted.",
    )
    points = serializers.CharField(allow_null=True)
    records = EvaluationRecordSerializer(many=True)
    imputed = serializers.BooleanField(
        default=False,
        help_text="True: the ministry has nothing to count under this criterion and `value` is the scheme's rule's "
        "(`missing`): the average of `average_of` ministries, or 0.",
    )
    average_of = serializers.IntegerField(
        allow_null=True, default=None, help_text="An imputed average: how many ministries it is the average of."
    )


class MinistryResultSerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField(help_text="The ministry's code.")
    name = TranslationsSerializer()
    rank = serializers.IntegerField(allow_null=True, help_text="Null: not ranked (exempt, or nothing to count).")
    score = serializers.CharField(allow_null=True)
    exempt = serializers.BooleanField()
    criteria = CriterionResultSerializer(many=True, required=False)


class CriterionSerializer(serializers.Serializer[Any]):
    indicator = serializers.ChoiceField(choices=list(INDICATORS))
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)


class EvaluationSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    status = serializers.CharField(help_text="draft or published.")
    note = TranslationsSerializer()
    approval_reference = TranslationsSerializer(help_text="The order approving the criteria, if any.")
    missing = serializers.ChoiceField(choices=EvaluationScheme.Missing.choices, help_text=MISSING_HELP)
    published_at = serializers.DateTimeField(allow_null=True)
    revision = serializers.IntegerField()
    criteria = CriterionSerializer(many=True)
    results = MinistryResultSerializer(many=True)


class EvaluationCreateSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class CriteriaWriteSerializer(serializers.Serializer[Any]):
    criteria = CriterionSerializer(many=True)
    note_kk = serializers.CharField(allow_blank=True, max_length=10000)
    note_ru = serializers.CharField(allow_blank=True, max_length=10000)
    note_en = serializers.CharField(allow_blank=True, max_length=10000, required=False, default="")
    approval_reference_kk = serializers.CharField(allow_blank=True, max_length=300, required=False, default="")
    approval_reference_ru = serializers.CharField(allow_blank=True, max_length=300, required=False, default="")
    approval_reference_en = serializers.CharField(allow_blank=True, max_length=300, required=False, default="")
    missing = serializers.ChoiceField(
        choices=EvaluationScheme.Missing.choices,
        required=False,
        help_text=f"{MISSING_HELP} Left out: the rule stays as it is.",
    )
    revision = serializers.IntegerField(help_text="The evaluation's revision the editor saw.")
