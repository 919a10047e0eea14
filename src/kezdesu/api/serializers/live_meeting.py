"""The live meeting's state and clock (R15), the stage actions, and the meeting's record. No personal data."""

from typing import Any

from rest_framework import serializers

from kezdesu.meetings.domain.record import MAX_COUNT
from kezdesu.meetings.models import LiveMeeting
from kezdesu.questions.models import Channel, Outcome


class LiveMeetingQuestionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    text = serializers.CharField(help_text="As published (any personal data removed by the moderator).")
    channel = serializers.ChoiceField(choices=Channel.choices)
    asked = serializers.IntegerField(help_text="How many people asked it (its group's size).")
    votes = serializers.IntegerField()


class MeetingTimingSerializer(serializers.Serializer[Any]):
    presentation_seconds = serializers.IntegerField()
    questions_seconds = serializers.IntegerField()
    running = serializers.CharField(allow_null=True, help_text='"presentation", "questions" or null.')
    running_since = serializers.DateTimeField(allow_null=True)
    planned_minutes = serializers.IntegerField(
        allow_null=True, help_text="The agenda's total, else the meeting's scheduled length; null if neither."
    )
    planned_from_agenda = serializers.BooleanField()
    max_share = serializers.DecimalField(
        max_digits=3, decimal_places=2, help_text="The presentation's share allowed by the profile in force (0.25)."
    )
    allowed_presentation_seconds = serializers.IntegerField(allow_null=True)
    share_of_used = serializers.DecimalField(max_digits=5, decimal_places=4)
    share_of_planned = serializers.DecimalField(max_digits=7, decimal_places=4, allow_null=True)
    over = serializers.BooleanField(help_text="The presentation took more than its share.")
    state = serializers.CharField(help_text='"ok", "near" (most of the allowance used) or "over".')
    summary = serializers.CharField(help_text="The same figures in one sentence, in the request's language.")


class LiveMeetingSerializer(serializers.Serializer[Any]):
    visit = serializers.IntegerField()
    stage = serializers.ChoiceField(choices=LiveMeeting.Stage.choices)
    revision = serializers.IntegerField(help_text="Changes whenever what watchers see changes; also the ETag.")
    opened_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    current_question = LiveMeetingQuestionSerializer(allow_null=True)
    timing = MeetingTimingSerializer()


class StageActionSerializer(serializers.Serializer[Any]):
    action = serializers.ChoiceField(choices=["open", "presentation", "questions", "pause", "resume", "close"])


class RecordQuestionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    text = serializers.CharField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    votes = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=Outcome.choices, allow_blank=True)
    forwarded_to = serializers.CharField(allow_null=True, help_text="The body it was forwarded to, by name.")


class HiddenCountSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField()
    count = serializers.IntegerField()


class MeetingRecordSerializer(serializers.Serializer[Any]):
    visit = serializers.IntegerField()
    planned_start = serializers.DateTimeField(allow_null=True)
    planned_end = serializers.DateTimeField(allow_null=True)
    actual_start = serializers.DateTimeField(allow_null=True)
    actual_end = serializers.DateTimeField(allow_null=True)
    timing = MeetingTimingSerializer(allow_null=True)
    attendance_hall = serializers.IntegerField(allow_null=True)
    online_viewers = serializers.IntegerField(allow_null=True, help_text="As the platforms report them.")
    participants = serializers.ListField(child=serializers.CharField())
    recording_links = serializers.ListField(child=serializers.URLField())
    note = serializers.CharField(allow_blank=True)
    outcomes = serializers.DictField(
        child=serializers.IntegerField(), help_text='Published questions per outcome; "" for none recorded.'
    )
    hidden = HiddenCountSerializer(many=True, help_text="Hidden questions per reason: numbers only.")
    questions = RecordQuestionSerializer(many=True, help_text="The published questions and their outcomes.")


class RecordWriteSerializer(serializers.Serializer[Any]):
    attendance_hall = serializers.IntegerField(min_value=0, max_value=MAX_COUNT, allow_null=True, required=False)
    online_viewers = serializers.IntegerField(min_value=0, max_value=MAX_COUNT, allow_null=True, required=False)
    participants = serializers.CharField(allow_blank=True, required=False, help_text="One per line.")
    recording_links = serializers.CharField(allow_blank=True, required=False, help_text="One web address per line.")
    record_note = serializers.CharField(allow_blank=True, required=False)
