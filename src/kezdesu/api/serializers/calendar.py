"""The working-day calendar of a year, and the transfers the authorized body enters."""

from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField, TranslationsSerializer
from kezdesu.regulations.models import CalendarException


class DayOffSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    kind = serializers.ChoiceField(
        choices=[
            ("weekend", "weekend"),
            ("holiday", "public holiday (or a day off moved by the holidays law)"),
            ("transfer", "day off transferred by the Government (entered)"),
        ]
    )
    reason = serializers.CharField(allow_null=True, help_text="In the request's language; null on a plain weekend.")
    reason_i18n = TranslationsSerializer(allow_null=True)
    act = serializers.CharField(help_text="The decree that moved the day, for transfers.")


class WorkingWeekendDaySerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    reason = serializers.CharField(allow_null=True, help_text="In the request's language.")
    reason_i18n = TranslationsSerializer(allow_null=True)
    act = serializers.CharField()


class CalendarYearSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    days_off = DayOffSerializer(many=True, help_text="Every day that is not a working day, weekends included.")
    working_weekend_days = WorkingWeekendDaySerializer(
        many=True, help_text="Saturdays and Sundays that are working days (e.g. working Saturdays)."
    )


class CalendarExceptionSerializer(serializers.ModelSerializer[CalendarException]):
    """Reads all three languages of the reason; writes them as reason_kk (required), reason_ru, reason_en."""

    reason_i18n = TranslatedField("reason")
    reason_kk = serializers.CharField(write_only=True, max_length=300)
    reason_ru = serializers.CharField(write_only=True, max_length=300, required=False, allow_blank=True, default="")
    reason_en = serializers.CharField(write_only=True, max_length=300, required=False, allow_blank=True, default="")
    act = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    class Meta:
        model = CalendarException
        fields = ["date", "kind", "reason", "reason_i18n", "act", "reason_kk", "reason_ru", "reason_en"]
        read_only_fields = ["reason"]
        # Uniqueness is the domain function's to judge, with its own message.
        extra_kwargs: ClassVar[dict[str, dict[str, Any]]] = {"date": {"validators": []}}

    def validate_date(self, value: Any) -> Any:
        if not 1990 <= value.year <= 2100:
            raise serializers.ValidationError(_("Choose a date between 1990 and 2100."))
        return value
