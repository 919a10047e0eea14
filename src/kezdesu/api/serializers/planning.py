"""Planning: periods with their deadlines, the ministries' proposals, the akims' systemic problems
and risk flags. The draft schedule's are in `draft.py`.

Status and level fields are plain strings: another "status" or "level" enum would collide in the schema
with the schedule version's and the position's.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField, translated_input
from kezdesu.organisations.models import District, Organisation, Position, Region
from kezdesu.planning.domain.periods import period_deadlines
from kezdesu.planning.domain.problems import EDITABLE as PROBLEM_EDITABLE
from kezdesu.planning.domain.proposals import EDITABLE as PROPOSAL_EDITABLE
from kezdesu.planning.domain.proposals import FIELDS as PROPOSAL_FIELDS
from kezdesu.planning.models import PlanningPeriod, Proposal, RiskFlag, ScheduleVersion, SystemicProblem


class PeriodVersionSerializer(serializers.ModelSerializer[ScheduleVersion]):
    number = serializers.IntegerField(read_only=True, allow_null=True, help_text="None for the working version.")

    class Meta:
        model = ScheduleVersion
        fields = ["number", "status"]


class DeadlineSerializer(serializers.Serializer[Any]):
    requirement = serializers.CharField(help_text="R-number of the requirement, e.g. R7.")
    # Declared fields leave the class (DRF's metaclass), so "source" does not shadow Field.source.
    source = serializers.CharField(help_text="The clause of the act.")  # type: ignore[assignment]
    due = serializers.DateField()
    state = serializers.CharField(help_text="open, met or overdue.")


class PlanningPeriodSerializer(serializers.ModelSerializer[PlanningPeriod]):
    profile: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    versions = PeriodVersionSerializer(many=True, read_only=True)

    class Meta:
        model = PlanningPeriod
        fields = ["id", "start", "end", "profile", "versions"]


class PlanningPeriodDetailSerializer(PlanningPeriodSerializer):
    deadlines = serializers.SerializerMethodField(help_text="The obligations that prepare this period's schedule.")

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, period: PlanningPeriod) -> Any:
        return DeadlineSerializer(period_deadlines(period), many=True).data

    class Meta(PlanningPeriodSerializer.Meta):
        fields = [*PlanningPeriodSerializer.Meta.fields, "deadlines"]


class ProposalSerializer(serializers.ModelSerializer[Proposal]):
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all()
    )
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="kato", queryset=Region.objects.all()
    )
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(
        slug_field="kato", queryset=District.objects.all(), required=False, allow_null=True
    )
    position: serializers.PrimaryKeyRelatedField[Position] = serializers.PrimaryKeyRelatedField(
        queryset=Position.objects.all()
    )
    period: serializers.PrimaryKeyRelatedField[PlanningPeriod] = serializers.PrimaryKeyRelatedField(
        queryset=PlanningPeriod.objects.all()
    )
    status = serializers.CharField(read_only=True, help_text="draft, submitted or withdrawn.")
    topics = serializers.CharField(read_only=True, help_text="In the request's language, or another where missing.")
    topics_i18n = TranslatedField("topics")
    topics_kk = translated_input("kk", "The topics")
    topics_ru = translated_input("ru", "The topics")
    topics_en = translated_input("en", "The topics")

    class Meta:
        model = Proposal
        fields = ["id", *PROPOSAL_FIELDS, "topics", "topics_i18n", "submitted_at"]
        read_only_fields = ["status", "submitted_at"]


class ProposalChangesSerializer(ProposalSerializer):
    """The fields of a draft proposal that may change; a PATCH sends only those it changes."""

    class Meta(ProposalSerializer.Meta):
        fields = list(PROPOSAL_EDITABLE)


class SubmitProposalsSerializer(serializers.Serializer[Any]):
    period: serializers.PrimaryKeyRelatedField[PlanningPeriod] = serializers.PrimaryKeyRelatedField(
        queryset=PlanningPeriod.objects.all()
    )
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all()
    )


class SystemicProblemSerializer(serializers.ModelSerializer[SystemicProblem]):
    akimat: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all()
    )
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(slug_field="kato", read_only=True)
    competent_body: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    status = serializers.CharField(read_only=True, help_text="draft, sent or answered.")

    class Meta:
        model = SystemicProblem
        fields = [
            "id",
            "akimat",
            "region",
            "half_year_start",
            "title",
            "description",
            "competent_body",
            "competent_company",
            "status",
            "sent_at",
            "answer",
            "answered_at",
        ]
        read_only_fields = ["sent_at", "answer", "answered_at"]


class SystemicProblemChangesSerializer(SystemicProblemSerializer):
    """The fields of a draft systemic problem that may change; a PATCH sends only those it changes."""

    class Meta(SystemicProblemSerializer.Meta):
        fields = list(PROBLEM_EDITABLE)


class SendSystemicProblemsSerializer(serializers.Serializer[Any]):
    akimat: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all()
    )
    half_year_start = serializers.DateField(help_text="1 January or 1 July.")


class AnswerSerializer(serializers.Serializer[Any]):
    # Blank passes on to the domain, which refuses it in the request's language.
    answer = serializers.CharField(allow_blank=True)


class RiskFlagSerializer(serializers.ModelSerializer[RiskFlag]):
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="kato", queryset=Region.objects.all()
    )
    competent_ministry: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all()
    )
    raised_by_organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    level = serializers.CharField(help_text="elevated, or high (a deputy prime minister takes part).")
    status = serializers.CharField(read_only=True, help_text="raised, assigned, met or dismissed.")
    description = serializers.CharField(read_only=True, help_text="In the request's language, or another.")
    description_i18n = TranslatedField("description")
    evidence = serializers.CharField(read_only=True, help_text="In the request's language, or another.")
    evidence_i18n = TranslatedField("evidence")
    description_kk = translated_input("kk", "The description (at least one language)")
    description_ru = translated_input("ru", "The description (at least one language)")
    description_en = translated_input("en", "The description (at least one language)")
    evidence_kk = translated_input("kk", "The evidence")
    evidence_ru = translated_input("ru", "The evidence")
    evidence_en = translated_input("en", "The evidence")

    class Meta:
        model = RiskFlag
        fields = [
            "id",
            "region",
            "competent_ministry",
            "level",
            "description",
            "description_i18n",
            "evidence",
            "evidence_i18n",
            *(f"{name}_{code}" for name in ("description", "evidence") for code in ("kk", "ru", "en")),
            "raised_by_organisation",
            "raised_at",
            "status",
            "deadline",
            "decided_at",
            "decision_note",
        ]
        read_only_fields = ["raised_at", "deadline", "decided_at", "decision_note"]


class AssignRiskFlagSerializer(serializers.Serializer[Any]):
    deadline = serializers.DateField(help_text="The day by which the competent ministry's first head meets.")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DismissRiskFlagSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(allow_blank=True, help_text="Why the flag is dismissed.")
