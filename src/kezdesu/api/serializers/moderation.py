"""Moderation, groups and the analysis of a visit's questions, for staff (never on the public API)."""

from typing import Any

from rest_framework import serializers

from kezdesu.questions.domain.queries.analysis import (
    AskedQuestion,
    EarlierVisit,
    Outcome,
    Tally,
    VisitAnalysis,
)
from kezdesu.questions.models import Question, QuestionGroup


class SuggestionSerializer(serializers.Serializer[Any]):
    reason = serializers.ChoiceField(choices=Question.HiddenReason.choices, help_text="The reason it suggests.")
    message = serializers.CharField(help_text="What the automatic check found, translated.")


class ModerationQuestionSerializer(serializers.Serializer[Any]):  # one QueueRow, or a list with many=True
    id = serializers.IntegerField(source="question.pk")
    channel = serializers.CharField(source="question.channel")
    external_id = serializers.CharField(source="question.external_id")
    text = serializers.CharField(source="question.text", help_text="As the person wrote it.")
    published_text = serializers.CharField(source="question.published_text")
    proposed_text = serializers.CharField(
        source="check.proposed_text", help_text="The text with the personal data the checks found removed."
    )
    suggestions = SuggestionSerializer(source="check.suggestions", many=True)
    language = serializers.CharField(source="question.language")
    topic = serializers.CharField(source="question.topic.code", allow_null=True, help_text="The topic's code.")
    district = serializers.IntegerField(source="question.district_id", allow_null=True)
    received_at = serializers.DateTimeField(source="question.received_at")
    status = serializers.CharField(source="question.status")
    hidden_reason = serializers.CharField(source="question.hidden_reason")
    moderation_note = serializers.CharField(source="question.moderation_note")
    moderated_at = serializers.DateTimeField(source="question.moderated_at", allow_null=True)
    group = serializers.IntegerField(source="question.group_id", allow_null=True)
    version = serializers.CharField(
        help_text="Send it back with a decision: if another moderator changed the question meanwhile, 400."
    )


class PublishSerializer(serializers.Serializer[Any]):
    published_text = serializers.CharField(
        required=False, help_text="The text the public sees; the question's own text when left out."
    )
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)
    version = serializers.CharField(required=False, help_text="The `version` the decision was made on.")


class HideSerializer(serializers.Serializer[Any]):
    reason = serializers.ChoiceField(choices=Question.HiddenReason.choices)
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)
    version = serializers.CharField(required=False)


class RestoreSerializer(serializers.Serializer[Any]):
    version = serializers.CharField(required=False)


class BulkSerializer(serializers.Serializer[Any]):
    action = serializers.ChoiceField(choices=["publish", "hide", "restore"])
    questions = serializers.ListField(child=serializers.IntegerField(), max_length=1000)
    reason = serializers.ChoiceField(choices=Question.HiddenReason.choices, required=False)
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)


class BulkResultSerializer(serializers.Serializer[Any]):
    changed = serializers.ListField(child=serializers.IntegerField())
    skipped = serializers.ListField(child=serializers.DictField(), help_text="`{id, reason}` of each left as it was.")


class GroupMemberSerializer(serializers.ModelSerializer[Question]):
    # Plain strings: the models' choices are named as enums by the serializers that own them.
    status = serializers.CharField(read_only=True)
    channel = serializers.CharField(read_only=True)

    class Meta:
        model = Question
        fields = ["id", "text", "status", "channel", "received_at"]


class QuestionGroupSerializer(serializers.ModelSerializer[QuestionGroup]):
    size = serializers.IntegerField(help_text="How many people asked: the members not hidden.")
    questions = GroupMemberSerializer(many=True, read_only=True)

    class Meta:
        model = QuestionGroup
        fields = ["id", "size", "representative", "questions"]


class MergeSerializer(serializers.Serializer[Any]):
    questions = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=1000)


class GroupingResultSerializer(serializers.Serializer[Any]):
    new_groups = serializers.IntegerField()
    joined = serializers.IntegerField()
    questions = serializers.IntegerField()


class TallySerializer(serializers.Serializer[Tally]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field.label
    count = serializers.IntegerField()
    share = serializers.IntegerField(help_text="Per cent of the questions counted.")


class AskedSerializer(serializers.Serializer[AskedQuestion]):
    text = serializers.CharField(help_text="The published text, or the text with personal data removed.")
    people = serializers.IntegerField()
    topic = serializers.CharField()
    status = serializers.CharField()
    group_id = serializers.IntegerField(allow_null=True)


class EarlierVisitSerializer(serializers.Serializer[EarlierVisit]):
    visit = serializers.IntegerField(source="visit.pk")
    start_date = serializers.DateField(source="visit.start_date")
    official = serializers.CharField(source="visit.position")
    questions = serializers.IntegerField()
    by_topic = TallySerializer(many=True)
    by_status = TallySerializer(many=True)
    most_asked = AskedSerializer(many=True)


class OutcomeSerializer(serializers.Serializer[Outcome]):
    # A declared field, which the serializer's metaclass takes off the class: it does not replace Field.source.
    source = serializers.CharField(help_text="Where it comes from: `systemic_problem` for now.")  # type: ignore[assignment]
    title = serializers.CharField()
    status = serializers.CharField()
    answer = serializers.CharField()
    date = serializers.DateField(allow_null=True)


class AnalysisSerializer(serializers.Serializer[VisitAnalysis]):
    visit = serializers.IntegerField(source="visit.pk")
    total = serializers.IntegerField(help_text="Questions counted: every one not hidden.")
    published = serializers.IntegerField()
    awaiting = serializers.IntegerField()
    hidden = serializers.IntegerField()
    by_topic = TallySerializer(many=True)
    by_district = TallySerializer(many=True)
    by_channel = TallySerializer(many=True)
    by_day = TallySerializer(many=True)
    most_asked = AskedSerializer(many=True)
    earlier_visits = EarlierVisitSerializer(many=True)
    outcomes = OutcomeSerializer(many=True)
