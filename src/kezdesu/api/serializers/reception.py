"""Personal reception (R16) in the API. The public shapes carry no personal data (S4); only
`StaffBookingSerializer`, served to staff allowed to see it and logged, does."""

from typing import Any

from rest_framework import serializers

from kezdesu.meetings.domain.queries.reception import is_taken
from kezdesu.meetings.models import Booking, ReceptionSlot


class OfficialSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="The official's post, in the request's language.")


class PublicSlotSerializer(serializers.ModelSerializer[ReceptionSlot]):
    official = OfficialSerializer(source="position")
    is_free = serializers.SerializerMethodField(help_text="Whether the slot can still be booked.")

    class Meta:
        model = ReceptionSlot
        fields = ["id", "official", "starts_at", "ends_at", "is_free"]

    def get_is_free(self, slot: ReceptionSlot) -> bool:
        return not is_taken(slot)


class BookSerializer(serializers.Serializer[Any]):
    slot = serializers.IntegerField(help_text="The id of a free slot of this visit's reception.")
    full_name = serializers.CharField(max_length=300, help_text="The citizen's surname, name and patronymic.")
    iin = serializers.CharField(
        max_length=20, help_text="The citizen's IIN: 12 digits, the date, century and check digits are checked."
    )
    phone = serializers.CharField(max_length=30, help_text="+7 and ten digits; spaces, dashes and brackets allowed.")
    topic = serializers.CharField(max_length=2000, help_text="What the citizen wants to raise.")
    consent = serializers.BooleanField(help_text="The citizen agrees to the processing of the personal data: true.")


class BookedSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="The confirmation code: with it and the IIN the booking is cancelled.")
    slot = PublicSlotSerializer()


class CancelSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(max_length=20, help_text="The confirmation code given when booking.")
    iin = serializers.CharField(max_length=20, help_text="The IIN given when booking.")


class CancelledSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    status = serializers.CharField()


class StaffBookingSerializer(serializers.ModelSerializer[Booking]):
    official = OfficialSerializer(source="slot.position")
    starts_at = serializers.DateTimeField(source="slot.starts_at")
    ends_at = serializers.DateTimeField(source="slot.ends_at")
    on_behalf = serializers.SerializerMethodField(help_text="Whether staff booked it for the citizen.")

    class Meta:
        model = Booking
        fields = [
            "id",
            "code",
            "status",
            "official",
            "starts_at",
            "ends_at",
            "full_name",
            "iin",
            "phone",
            "topic",
            "on_behalf",
            "on_behalf_reason",
            "created_at",
            "cancelled_at",
        ]

    def get_on_behalf(self, booking: Booking) -> bool:
        return booking.booked_by_id is not None
