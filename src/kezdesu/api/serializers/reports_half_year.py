"""The half-year results (R23) in the API: the half-years, one report with its consolidated figures and the
Government's review, the instructions as tracked tasks, and the akims' systemic problems by half-year (R11)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslationsSerializer

INSTRUCTION_STATE_HELP = "open, overdue, done_on_time, done_late or withdrawn."


class HalfYearRowSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    half = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    due = serializers.DateField(allow_null=True, help_text="From the regulation profile (15 June / 15 December).")
    status = serializers.CharField(help_text="draft or submitted.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    reviewed_on = serializers.DateField(allow_null=True)


class ReviewSerializer(serializers.Serializer[Any]):
    reviewed_on = serializers.DateField()
    reference = serializers.CharField()
    conclusions = TranslationsSerializer()
    revision = serializers.IntegerField()


class HalfYearReportSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    half = serializers.IntegerField()
    status = serializers.CharField(help_text="draft or submitted.")
    frozen = serializers.BooleanField(help_text="True: the figures as submitted; false: compiled now.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    narrative = TranslationsSerializer()
    revision = serializers.IntegerField()
    figures = serializers.JSONField(
        help_text=(
            "Per ministry its two quarters (state on_time/late/pending/missing, source submitted/compiled/"
            "not_started, counts) and counts; totals; submissions; systemic_problems; instructions of earlier "
            "reviews with their state."
        )
    )
    review = ReviewSerializer(allow_null=True)


class HalfYearNarrativeSerializer(serializers.Serializer[Any]):
    narrative_kk = serializers.CharField(allow_blank=True, max_length=20000)
    narrative_ru = serializers.CharField(allow_blank=True, max_length=20000)
    narrative_en = serializers.CharField(allow_blank=True, max_length=20000, required=False, default="")
    revision = serializers.IntegerField(min_value=0)


class ReviewInputSerializer(serializers.Serializer[Any]):
    reviewed_on = serializers.DateField()
    reference = serializers.CharField(max_length=300)
    conclusions_kk = serializers.CharField(allow_blank=True, max_length=20000)
    conclusions_ru = serializers.CharField(allow_blank=True, max_length=20000)
    conclusions_en = serializers.CharField(allow_blank=True, max_length=20000, required=False, default="")
    revision = serializers.IntegerField(min_value=0, default=0)


class InstructionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    year = serializers.IntegerField(help_text="The half-year whose results were reviewed.")
    half = serializers.IntegerField()
    number = serializers.IntegerField()
    text = TranslationsSerializer()
    assignee = serializers.CharField(help_text="The executor body's code.")
    assignee_name = TranslationsSerializer()
    deadline = serializers.DateField()
    status = serializers.CharField(help_text="open, done or withdrawn.")
    state = serializers.CharField(help_text=INSTRUCTION_STATE_HELP)
    report = serializers.CharField()
    done_on = serializers.DateField(allow_null=True)
    revision = serializers.IntegerField()


class InstructionInputSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    half = serializers.IntegerField(min_value=1, max_value=2)
    text_kk = serializers.CharField(max_length=5000)
    text_ru = serializers.CharField(max_length=5000)
    text_en = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")
    assignee = serializers.CharField(help_text="The executor body's code.")
    deadline = serializers.DateField()


class InstructionReportSerializer(serializers.Serializer[Any]):
    report = serializers.CharField(max_length=20000)
    done_on = serializers.DateField()
    revision = serializers.IntegerField(min_value=0)


class SystemicProblemsReportSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    half = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    counts = serializers.DictField(child=serializers.IntegerField())
    akimats = serializers.JSONField(
        help_text=(
            "Per akimat: code, name, region, obligation_state (met/open/overdue), due, met_on and its problems "
            "(title, competent, sent_on, status, answer, answered_on, meetings, issues with measures done/total)."
        )
    )
