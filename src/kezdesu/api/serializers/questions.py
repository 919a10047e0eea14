"""A visit's questions: the public view (no personal data) and what an integration delivers."""

from typing import Any

from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField
from kezdesu.organisations.models import District, Region
from kezdesu.questions.domain.intake import (
    CONTACT_MAX_LENGTH,
    EXTERNAL_ID_MAX_LENGTH,
    INTEGRATION_CHANNELS,
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
)
from kezdesu.questions.models import Question, Topic


class TopicSerializer(serializers.ModelSerializer[Topic]):
    name_i18n = TranslatedField("name")

    class Meta:
        model = Topic
        fields = ["code", "name", "name_i18n"]


class PublicQuestionSerializer(serializers.ModelSerializer[Question]):
    """A published question as the public sees it: never the author's name or contact."""

    topic = TopicSerializer(read_only=True, allow_null=True)
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="kato", read_only=True, help_text="The KATO code of the asker's region."
    )
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(
        slug_field="kato", read_only=True, help_text="The KATO code of the asker's district or town, if given."
    )
    text = serializers.SerializerMethodField(help_text="The text as published (personal data removed by moderation).")
    asked = serializers.IntegerField(read_only=True, help_text="How many people asked this (its group's size).")

    class Meta:
        model = Question
        fields = ["id", "channel", "topic", "region", "district", "text", "language", "received_at", "group", "asked"]

    def get_text(self, question: Question) -> str:
        return question.published_text or question.text


class IntegrationQuestionSerializer(serializers.Serializer[Any]):
    channel = serializers.ChoiceField(
        choices=[(channel.value, channel.label) for channel in INTEGRATION_CHANNELS],
        help_text="Where the question was asked.",
    )
    external_id = serializers.CharField(
        max_length=EXTERNAL_ID_MAX_LENGTH,
        help_text="The question's id in the source system: delivering it again adds nothing.",
    )
    text = serializers.CharField(max_length=TEXT_MAX_LENGTH, help_text="The question, plain text (no HTML).")
    received_at = serializers.DateTimeField(required=False, help_text="When it was asked; now if not given.")
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="kato",
        queryset=Region.objects.all(),
        required=False,
        help_text="KATO code; the visit's region if not given.",
    )
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(
        slug_field="kato",
        queryset=District.objects.all(),
        required=False,
        help_text="KATO code of a district of the region.",
    )
    topic: serializers.SlugRelatedField[Topic] = serializers.SlugRelatedField(
        slug_field="code", queryset=Topic.objects.all(), required=False, help_text="A topic code."
    )
    author_name = serializers.CharField(max_length=NAME_MAX_LENGTH, required=False, default="", allow_blank=True)
    contact = serializers.CharField(max_length=CONTACT_MAX_LENGTH, required=False, default="", allow_blank=True)
    consent = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The citizen consented to the processing of the name and contact given.",
    )


class ReceivedQuestionSerializer(serializers.ModelSerializer[Question]):
    class Meta:
        model = Question
        fields = ["id", "channel", "external_id", "status", "received_at"]
