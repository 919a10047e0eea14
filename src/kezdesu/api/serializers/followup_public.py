"""Public problem issues, their measures and history, and the accountability figures (issue 6, S6).

Translated content in one field per language (`title_kk`, `title_ru`, `title_en`, as in the open data files)
and in the requested language (`title`). No personal data: no question author or contact, no follower, no
staff user; the questions behind an issue come as their published texts only.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kezdesu.followup.domain.event_text import describe_event
from kezdesu.followup.domain.queries.public_issues import question_text
from kezdesu.followup.domain.queries.states import is_measure_overdue
from kezdesu.followup.interfaces.open_data import evidence_links
from kezdesu.followup.models import IssueEvent, Measure, ProblemIssue
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District, Organisation, Region
from kezdesu.questions.models import Topic


def _translated(field: str) -> list[str]:
    return [field, f"{field}_kk", f"{field}_ru", f"{field}_en"]


class PublicBodySerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["code", "kind", *_translated("name")]


class PublicMeasureSerializer(serializers.ModelSerializer[Measure]):
    issue: serializers.PrimaryKeyRelatedField[ProblemIssue] = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="The problem issue's id."
    )
    executor = PublicBodySerializer(read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField(help_text="Not done and past its deadline.")
    evidence_links = serializers.SerializerMethodField(help_text="Links to evidence of completion.")

    class Meta:
        model = Measure
        fields = [
            "id",
            "issue",
            "order",
            *_translated("text"),
            "deadline",
            "executor",
            "executor_company",
            *_translated("executor_position"),
            "status",
            "percent",
            "overdue",
            "completed_on",
            "evidence_links",
        ]

    def get_overdue(self, measure: Measure) -> bool:
        annotated = getattr(measure, "is_overdue", None)
        if annotated is not None:
            return bool(annotated)
        return is_measure_overdue(measure, self.context["today"])

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_evidence_links(self, measure: Measure) -> list[str]:
        return evidence_links(measure)


class IssueEventSerializer(serializers.ModelSerializer[IssueEvent]):
    text = serializers.SerializerMethodField(help_text="What happened, in the requested language.")
    measure: serializers.PrimaryKeyRelatedField[Measure] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = IssueEvent
        fields = ["kind", "at", "measure", "params", "text"]

    def get_text(self, event: IssueEvent) -> str:
        return describe_event(event)


class PublicIssueSerializer(serializers.ModelSerializer[ProblemIssue]):
    visit: serializers.PrimaryKeyRelatedField[Visit] = serializers.PrimaryKeyRelatedField(read_only=True)
    visit_start_date = serializers.DateField(source="visit.start_date", read_only=True)
    ministry = PublicBodySerializer(source="visit.organisation", read_only=True)
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="kato", read_only=True, help_text="The region's KATO code."
    )
    region_name = serializers.CharField(source="region.name", read_only=True)
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(
        slug_field="kato", read_only=True, allow_null=True
    )
    district_name = serializers.SerializerMethodField()
    sector: serializers.SlugRelatedField[Topic] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    sector_name = serializers.SerializerMethodField()
    competent_body = PublicBodySerializer(read_only=True, allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True, help_text="A measure is late.")

    class Meta:
        model = ProblemIssue
        fields = [
            "id",
            "visit",
            "visit_start_date",
            "ministry",
            "number",
            *_translated("title"),
            *_translated("description"),
            "region",
            "region_name",
            "district",
            "district_name",
            "sector",
            "sector_name",
            "competent_body",
            "competent_company",
            "citizens",
            "status",
            *_translated("status_note"),
            "overdue",
            "solved_on",
            "published_at",
        ]

    def get_district_name(self, issue: ProblemIssue) -> str:
        return issue.district.name if issue.district else ""

    def get_sector_name(self, issue: ProblemIssue) -> str:
        return issue.sector.name if issue.sector else ""


class PublicIssueDetailSerializer(PublicIssueSerializer):
    questions = serializers.SerializerMethodField(help_text="The published texts of the questions behind it.")
    measures = PublicMeasureSerializer(source="public_measures", many=True, read_only=True)
    timeline = IssueEventSerializer(many=True, read_only=True)

    class Meta(PublicIssueSerializer.Meta):
        fields = [*PublicIssueSerializer.Meta.fields, "questions", "measures", "timeline"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_questions(self, issue: ProblemIssue) -> list[str]:
        return [question_text(link.question) for link in issue.public_questions]  # type: ignore[attr-defined]


class FiguresSerializer(serializers.Serializer[Any]):
    raised = serializers.IntegerField()
    solved = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    overdue = serializers.IntegerField()
    open = serializers.IntegerField(help_text="Neither solved nor explained as not solvable.")
    measures = serializers.IntegerField()
    measures_done_on_time = serializers.IntegerField()


class MinistryFiguresSerializer(serializers.Serializer[Any]):
    ministry = PublicBodySerializer(source="key")
    figures = FiguresSerializer()


class RegionFiguresSerializer(serializers.Serializer[Any]):
    region = serializers.CharField(source="key.kato", help_text="KATO code.")
    region_name = serializers.CharField(source="key.name")
    figures = FiguresSerializer()


class AccountabilitySerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(allow_null=True)
    total = FiguresSerializer()
    by_ministry = MinistryFiguresSerializer(many=True)
    by_region = RegionFiguresSerializer(many=True)
