"""The draft schedule of a period: its items with each party's agreement, its warnings, and the
bodies of the requests that change it, submit it, approve it and amend it (R8, G3.1).

The version that a submission, an approval or an amendment answers is shaped by
`schedule.ScheduleVersionSerializer`, as in the list of frozen versions.
"""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField, translated_input
from kezdesu.api.serializers.planning import PlanningPeriodSerializer
from kezdesu.organisations.models import District, Organisation, Position, Region
from kezdesu.planning.models import ItemAgreement, Proposal, RiskFlag, ScheduleItem, WarningAcknowledgement


class AgreementSerializer(serializers.ModelSerializer[ItemAgreement]):
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    decision = serializers.CharField(read_only=True, help_text="pending, agreed, commented or disagreed.")
    paper_reference = serializers.CharField(
        read_only=True, help_text="The letter's number and date when the answer came on paper; empty otherwise."
    )

    class Meta:
        model = ItemAgreement
        fields = ["id", "organisation", "decision", "comment", "paper_reference", "decided_at"]


class DraftItemSerializer(serializers.ModelSerializer[ScheduleItem]):
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(slug_field="kato", read_only=True)
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(slug_field="kato", read_only=True)
    agreements = AgreementSerializer(many=True, read_only=True)
    topics_i18n = TranslatedField("topics")

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
            "topics_i18n",
            "is_unscheduled",
            "risk_flag",
            "deputy_prime_minister_required",
            "deputy_prime_minister",
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
    topics_kk = translated_input("kk", "The topics")
    topics_ru = translated_input("ru", "The topics")
    topics_en = translated_input("en", "The topics")
    proposal: serializers.PrimaryKeyRelatedField[Proposal] = serializers.PrimaryKeyRelatedField(
        queryset=Proposal.objects.all(), required=False, allow_null=True, help_text="The proposal it takes up."
    )
    deputy_prime_minister_required = serializers.BooleanField(required=False, default=False)
    is_unscheduled = serializers.BooleanField(required=False, default=False)
    risk_flag: serializers.PrimaryKeyRelatedField[RiskFlag] = serializers.PrimaryKeyRelatedField(
        queryset=RiskFlag.objects.all(),
        required=False,
        allow_null=True,
        help_text="The assigned risk flag an unscheduled meeting answers (R4): its ministry, region, first head.",
    )
    deputy_prime_minister: serializers.PrimaryKeyRelatedField[Position] = serializers.PrimaryKeyRelatedField(
        queryset=Position.objects.filter(organisation__kind=Organisation.Kind.GOVERNMENT),
        required=False,
        allow_null=True,
        help_text="The deputy prime minister taking part: required on a high risk flag (R6).",
    )


class PaperAnswerSerializer(serializers.Serializer[Any]):
    decision = serializers.CharField(help_text="agreed, commented or disagreed.")
    reference = serializers.CharField(max_length=300, help_text="The letter's number and date.")
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Needed with comments or a disagreement."
    )


class DecideAgreementSerializer(serializers.Serializer[Any]):
    decision = serializers.CharField(help_text="agreed, commented or disagreed.")
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Needed with comments or a disagreement."
    )


class ChangeItemSerializer(AddItemSerializer):
    """The fields of an item as when adding it; a PATCH sends only those it changes."""


class IncludeProposalSerializer(serializers.Serializer[Any]):
    proposal: serializers.PrimaryKeyRelatedField[Proposal] = serializers.PrimaryKeyRelatedField(
        queryset=Proposal.objects.select_related("period", "organisation", "position", "region", "district"),
        help_text="A submitted proposal for this period.",
    )
    start_date = serializers.DateField(help_text="The first day, set by the authorized body.")
    end_date = serializers.DateField(help_text="The last day.")

    def validate_proposal(self, proposal: Proposal) -> Proposal:
        # The domain puts a proposal in its own period's draft; the URL names the period too.
        if proposal.period_id != self.context["period"].pk:
            raise serializers.ValidationError(_("The proposal is for another planning period."))
        return proposal


class AcknowledgeWarningSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text="The warning's key, as the draft shows it.")
    # Blank passes on to the domain, which refuses it in the request's language.
    note = serializers.CharField(allow_blank=True, help_text="Why the warning may stand.")


class AcknowledgementSerializer(serializers.ModelSerializer[WarningAcknowledgement]):
    class Meta:
        model = WarningAcknowledgement
        fields = ["key", "note", "acknowledged_at"]
        read_only_fields = fields


class ApproveScheduleSerializer(serializers.Serializer[Any]):
    act_number = serializers.CharField(allow_blank=True, help_text="The number of the Government's approving act.")
    act_date = serializers.DateField(help_text="Its date; not in the future.")


class AmendScheduleSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(allow_blank=True, help_text="Why the approved schedule changes.")
