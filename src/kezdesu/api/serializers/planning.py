"""Planning: periods with their deadlines, the ministries' proposals, the akims' systemic problems
and risk flags.

Status and level fields are plain strings: another "status" or "level" enum would collide in the schema
with the schedule version's and the position's.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kezdesu.organisations.models import District, Organisation, Position, Region
from kezdesu.planning.domain.periods import period_deadlines
from kezdesu.planning.domain.proposals import FIELDS as PROPOSAL_FIELDS
from kezdesu.planning.models import (
    ItemAgreement,
    PlanningPeriod,
    Proposal,
    RiskFlag,
    ScheduleItem,
    ScheduleVersion,
    SystemicProblem,
)


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

    class Meta:
        model = Proposal
        fields = ["id", *PROPOSAL_FIELDS, "submitted_at"]
        read_only_fields = ["status", "submitted_at"]


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

    class Meta:
        model = RiskFlag
        fields = [
            "id",
            "region",
            "competent_ministry",
            "level",
            "description",
            "evidence",
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


class AgreementSerializer(serializers.ModelSerializer[ItemAgreement]):
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    decision = serializers.CharField(read_only=True, help_text="pending, agreed, commented or disagreed.")

    class Meta:
        model = ItemAgreement
        fields = ["id", "organisation", "decision", "comment", "decided_at"]


class DraftItemSerializer(serializers.ModelSerializer[ScheduleItem]):
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(slug_field="kato", read_only=True)
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(slug_field="kato", read_only=True)
    agreements = AgreementSerializer(many=True, read_only=True)

    class Meta:
        model = ScheduleItem
        fields = [
            "id",
            "uid",
            "organisation",
            "position",
            "region",
            "district",
            "start_date",
            "end_date",
            "topics",
            "is_unscheduled",
            "deputy_prime_minister_required",
            "agreements",
        ]
        read_only_fields = fields


class DraftWarningSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    key = serializers.CharField(help_text="Stable: acknowledging a warning refers to it.")
    message = serializers.CharField(help_text="In the request's language.")
    severity = serializers.CharField(help_text="blocking, or warning (may be acknowledged).")
    acknowledged = serializers.BooleanField(source="is_acknowledged")


class DraftSerializer(serializers.Serializer[Any]):
    period = PlanningPeriodSerializer()
    status = serializers.CharField(help_text="The working version's status; working when nothing is compiled yet.")
    items = DraftItemSerializer(many=True)
    warnings = DraftWarningSerializer(many=True)


class AddItemSerializer(serializers.Serializer[Any]):
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all()
    )
    position: serializers.PrimaryKeyRelatedField[Position] = serializers.PrimaryKeyRelatedField(
        queryset=Position.objects.all()
    )
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="kato", queryset=Region.objects.all()
    )
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(
        slug_field="kato", queryset=District.objects.all(), required=False, allow_null=True
    )
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    topics = serializers.CharField(required=False, allow_blank=True, default="")
    proposal: serializers.PrimaryKeyRelatedField[Proposal] = serializers.PrimaryKeyRelatedField(
        queryset=Proposal.objects.all(), required=False, allow_null=True, help_text="The proposal it takes up."
    )
    deputy_prime_minister_required = serializers.BooleanField(required=False, default=False)


class DecideAgreementSerializer(serializers.Serializer[Any]):
    decision = serializers.CharField(help_text="agreed, commented or disagreed.")
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Needed with comments or a disagreement."
    )
