"""The meeting's question stream and the moderators' actions on it, for staff; the broadcast webhook's body."""

from typing import Any

from rest_framework import serializers

from kezdesu.questions.interfaces.comment_importers import COMMENT_PLATFORMS
from kezdesu.questions.models import Question


class StreamQuestionSerializer(serializers.ModelSerializer[Question]):
    group_size = serializers.SerializerMethodField(help_text="How many people asked it (its group's size).")
    shortlisted = serializers.SerializerMethodField()
    on_screen = serializers.SerializerMethodField(help_text="Whether the hall's screen shows it now.")
    forwarded_to_name = serializers.CharField(source="forwarded_to.name", allow_null=True, default=None)
    # Plain strings, not enums: an enum here would collide in the schema with the other views' choices.
    channel = serializers.CharField(help_text="hall, live_page, broadcast, or a channel before the meeting.")
    status = serializers.CharField(help_text="received (awaiting moderation), published or hidden.")
    hidden_reason = serializers.CharField()
    outcome = serializers.CharField(help_text="answered, in_writing, forwarded, or empty.")

    class Meta:
        model = Question
        fields = [
            "id",
            "channel",
            "external_id",
            "status",
            "hidden_reason",
            "text",
            "published_text",
            "author_name",
            "district",
            "received_at",
            "votes",
            "group",
            "group_size",
            "shortlisted",
            "shortlisted_at",
            "outcome",
            "forwarded_to",
            "forwarded_to_name",
            "outcome_note",
            "outcome_at",
            "on_screen",
            "revision",
        ]
        extra_kwargs = {
            "revision": {"help_text": "Send it back with an action: a stale one answers 409 naming who changed it."},
            "external_id": {"help_text": "For broadcast comments: the platform and the comment's id there."},
        }

    def get_group_size(self, question: Question) -> int:
        return question.group.size if question.group else 1

    def get_shortlisted(self, question: Question) -> bool:
        return question.shortlisted_at is not None

    def get_on_screen(self, question: Question) -> bool:
        return bool(self.context.get("current_question") == question.pk)


class RevisionSerializer(serializers.Serializer[Any]):
    revision = serializers.IntegerField(min_value=0, help_text="The question's `revision` the action was decided on.")


class ShortlistSerializer(RevisionSerializer):
    shortlisted = serializers.BooleanField(default=True, help_text="False takes it off the shortlist.")


class LiveOutcomeSerializer(RevisionSerializer):
    outcome = serializers.ChoiceField(
        choices=[("", "none"), *Question.Outcome.choices], allow_blank=True, help_text="Empty clears the outcome."
    )
    forwarded_to = serializers.IntegerField(
        required=False, allow_null=True, help_text="For `forwarded`: another ministry's or the region's akimat's id."
    )
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)


class PublishLiveSerializer(RevisionSerializer):
    published_text = serializers.CharField(
        required=False, help_text="With personal data removed; as written if left out."
    )
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)


class HideLiveSerializer(RevisionSerializer):
    reason = serializers.ChoiceField(choices=Question.HiddenReason.choices)
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)


class CurrentQuestionSerializer(serializers.Serializer[Any]):
    question = serializers.IntegerField(allow_null=True, help_text="The question to show; null clears the screen.")
    revision = serializers.IntegerField(required=False, min_value=0)


class CurrentQuestionResultSerializer(serializers.Serializer[Any]):
    current_question = serializers.IntegerField(source="current_question_id", allow_null=True)
    stage = serializers.CharField()


class HallQuestionSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=3000)
    author_name = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)
    district = serializers.IntegerField(required=False, allow_null=True)
    topic = serializers.CharField(required=False, default="", allow_blank=True, help_text="A topic's code.")


class CommentImportSerializer(serializers.Serializer[Any]):
    platform = serializers.ChoiceField(choices=[(p.value, p.label) for p in COMMENT_PLATFORMS])
    file = serializers.FileField(help_text="The platform's export: JSON as it came, or CSV (id, date, name, text).")


class CommentImportResultSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    file_name = serializers.CharField()
    created = serializers.IntegerField()
    already_there = serializers.IntegerField()
    refused = serializers.ListField(child=serializers.DictField(), help_text="Each refused row and why.")


class BroadcastCommentSerializer(serializers.Serializer[Any]):  # the schema only: the view reads the raw body
    id = serializers.CharField(help_text="The comment's id on the platform.")
    text = serializers.CharField()
    author = serializers.CharField(required=False, help_text="The author's display name (never published).")
    published_at = serializers.DateTimeField(required=False)


class DeliveredCommentSerializer(serializers.Serializer[Any]):
    question = serializers.IntegerField(source="question.pk")
    status = serializers.CharField(source="question.status", help_text="published, or received when flagged.")
    created = serializers.BooleanField(help_text="False: the comment was delivered before; nothing was added.")
