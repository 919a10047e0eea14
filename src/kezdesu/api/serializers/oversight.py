"""The oversight dashboards' figures (R26) as the API gives them to nationwide readers."""

from typing import Any

from rest_framework import serializers


class BodySerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()


class CellSerializer(serializers.Serializer[Any]):
    quarter = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    due = serializers.IntegerField(help_text="Obligations due in the quarter.")
    met_on_time = serializers.IntegerField()
    met_late = serializers.IntegerField()
    overdue = serializers.IntegerField()
    open = serializers.IntegerField(help_text="Not met, deadline not passed yet.")
    by_hand = serializers.IntegerField(
        help_text="Of those met, met by a reference typed by hand (done outside Kezdesu), not by its records."
    )
    assessed = serializers.IntegerField(help_text="Met (on time or late) or overdue.")
    share = serializers.IntegerField(
        allow_null=True, help_text="Percent of those assessed met on time; null when none is assessed."
    )
    band = serializers.ChoiceField(choices=["good", "fair", "poor", "none", "exempt"])
    exempt = serializers.BooleanField(help_text="The profile in force at the quarter's end exempts the body.")


class HeatmapRowSerializer(serializers.Serializer[Any]):
    organisation = BodySerializer()
    exempt = serializers.BooleanField()
    cells = CellSerializer(many=True)


class ComplianceSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    ministries = HeatmapRowSerializer(many=True)
    akimats = HeatmapRowSerializer(many=True, help_text="Akimats that owed anything (systemic problems, R11).")


class OverdueRowSerializer(serializers.Serializer[Any]):
    organisation = BodySerializer()
    obligations = serializers.IntegerField(help_text="Obligations due within the last year and not met.")
    measures = serializers.IntegerField(help_text="Measures of the action plans past their deadline.")
    instructions = serializers.IntegerField(help_text="The Government's instructions past their deadline.")
    total = serializers.IntegerField()


class TrendPointSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    meetings_held = serializers.IntegerField()
    questions = serializers.IntegerField(help_text="Questions received, all channels.")
    issues_raised = serializers.IntegerField(help_text="Public problem issues raised at the quarter's visits.")
    issues_solved = serializers.IntegerField(help_text="Public problem issues solved in the quarter.")
    measures_due = serializers.IntegerField()
    measures_done_on_time = serializers.IntegerField()
    obligations_due = serializers.IntegerField()
    obligations_met_on_time = serializers.IntegerField()
