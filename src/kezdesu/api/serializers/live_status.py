"""Whether a visit's meeting is on now, as the public pages show it ("Live", "starts at …", "ended")."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kezdesu.meetings.domain.queries.live_status import LiveState


class LiveStatusSerializer(serializers.Serializer[Any]):
    state = serializers.ChoiceField(
        choices=[state.value for state in LiveState],
        read_only=True,
        help_text="not_started, live or ended: from the live meeting's record, else the meeting's planned times.",
    )
    starts_at = serializers.DateTimeField(read_only=True, allow_null=True)
    ends_at = serializers.DateTimeField(read_only=True, allow_null=True)
    linked = serializers.BooleanField(
        read_only=True, help_text="Whether the public live page is offered now: from the day before until the end."
    )
