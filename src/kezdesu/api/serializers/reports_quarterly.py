"""The quarterly information (R22) in the API: a ministry's pack for a quarter (figures, state, workflow dates)
and the rows of the quarter's overview."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslationsSerializer
from kezdesu.reports.domain.figures import QuarterCounts


def _counts_fields() -> dict[str, serializers.Field[Any, Any, Any, Any]]:
    return {item.name: serializers.IntegerField() for item in fields(QuarterCounts)}


QuarterCountsSerializer = type(
    "QuarterCountsSerializer",
    (serializers.Serializer,),
    {"__doc__": "Every summable figure of the quarter (see the office page for what each counts).", **_counts_fields()},
)


class MeetingRowSerializer(serializers.Serializer[Any]):
    visit_pk = serializers.IntegerField()
    title = TranslationsSerializer()
    held_by = TranslationsSerializer()
    region = TranslationsSerializer()
    district = TranslationsSerializer()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    status = serializers.CharField()
    scheduled = serializers.BooleanField()
    participants_hall = serializers.IntegerField()
    participants_online = serializers.IntegerField()
    questions = serializers.IntegerField()
    reception_booked = serializers.IntegerField()
    reception_received = serializers.IntegerField()
    issues_raised = serializers.IntegerField()
    published_on_time = serializers.BooleanField(allow_null=True)


class QuarterFiguresSerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField()
    organisation_name = TranslationsSerializer()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    as_of = serializers.DateField()
    counts = QuarterCountsSerializer()
    questions_by_channel = serializers.DictField(child=serializers.IntegerField())
    meetings = MeetingRowSerializer(many=True)


STATE_HELP = "submitted_on_time, submitted_late, submitted, returned, met_otherwise, overdue, open or not_required."


class QuarterlyRowSerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField()
    organisation_name = TranslationsSerializer()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    status = serializers.CharField(help_text="draft, approved or submitted.")
    state = serializers.CharField(help_text=STATE_HELP)
    due = serializers.DateField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)


class QuarterlyInformationSerializer(QuarterlyRowSerializer):
    clause = serializers.CharField(allow_null=True, help_text="The act's clause (G1.4), when it requires the pack.")
    narrative = TranslationsSerializer()
    revision = serializers.IntegerField()
    approved_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    return_comment = serializers.CharField()
    frozen = serializers.BooleanField(help_text="The figures are the approved snapshot, not compiled now.")
    figures = QuarterFiguresSerializer()


class QuarterlyNarrativeSerializer(serializers.Serializer[Any]):
    narrative_kk = serializers.CharField(allow_blank=True, max_length=20000)
    narrative_ru = serializers.CharField(allow_blank=True, max_length=20000)
    narrative_en = serializers.CharField(allow_blank=True, required=False, default="", max_length=20000)
    revision = serializers.IntegerField(min_value=0, help_text="The revision read (0 before the first save).")


class QuarterlyRevisionSerializer(serializers.Serializer[Any]):
    revision = serializers.IntegerField(min_value=0, help_text="The revision read.")


class QuarterlyReturnSerializer(serializers.Serializer[Any]):
    comment = serializers.CharField(max_length=20000, help_text="What the ministry is to correct.")
