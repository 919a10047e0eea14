"""The schedule in force (items of approved versions) and the list of frozen versions."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField
from kezdesu.core.urls_absolute import absolute_url
from kezdesu.meetings.domain.queries.open_data import ITEM_STATES, ItemVisit
from kezdesu.organisations.models import District, Organisation, Position, Region
from kezdesu.planning.models import PlanningPeriod, ScheduleItem, ScheduleVersion


class PeriodSerializer(serializers.ModelSerializer[PlanningPeriod]):
    class Meta:
        model = PlanningPeriod
        fields = ["start", "end"]


class ScheduleMinistrySerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["code", "name"]


class ScheduleOfficialSerializer(serializers.ModelSerializer[Position]):
    title_i18n = TranslatedField("title")

    class Meta:
        model = Position
        fields = ["code", "level", "title", "title_i18n"]


class ScheduleRegionSerializer(serializers.ModelSerializer[Region]):
    name_i18n = TranslatedField("name")

    class Meta:
        model = Region
        fields = ["kato", "name", "name_i18n"]


class ScheduleDistrictSerializer(serializers.ModelSerializer[District]):
    name_i18n = TranslatedField("name")

    class Meta:
        model = District
        fields = ["kato", "name", "name_i18n"]


class ScheduleItemSerializer(serializers.ModelSerializer[ScheduleItem]):
    uid = serializers.UUIDField(read_only=True, help_text="The same item in every version of the schedule.")
    version = serializers.IntegerField(source="version.number", read_only=True, help_text="The approved version.")
    period = PeriodSerializer(source="version.period", read_only=True)
    ministry = ScheduleMinistrySerializer(source="organisation", read_only=True)
    official = ScheduleOfficialSerializer(source="position", read_only=True)
    region = ScheduleRegionSerializer(read_only=True)
    district = ScheduleDistrictSerializer(read_only=True, allow_null=True)
    status = serializers.SerializerMethodField(
        help_text="planned (no visit announced yet), announced, held, or cancelled (announced, then cancelled)."
    )
    amended = serializers.SerializerMethodField(
        help_text="Whether an amendment of the schedule changed the item's dates, place or official, or added it."
    )
    visit = serializers.SerializerMethodField(help_text="The id of the visit carrying the item out, once public.")
    visit_url = serializers.SerializerMethodField(help_text="The visit's public page, absolute, once public.")
    topics_i18n = TranslatedField("topics")

    class Meta:
        model = ScheduleItem
        fields = [
            "uid",
            "version",
            "period",
            "ministry",
            "official",
            "region",
            "district",
            "start_date",
            "end_date",
            "topics",
            "topics_i18n",
            "is_unscheduled",
            "deputy_prime_minister_required",
            "status",
            "amended",
            "visit",
            "visit_url",
        ]

    # The view puts `amended` (uids) and `visits` (uid -> ItemVisit) in the context, read once per request.
    def _visit(self, item: ScheduleItem) -> ItemVisit | None:
        visit: ItemVisit | None = self.context.get("visits", {}).get(item.uid)
        return visit

    @extend_schema_field(serializers.ChoiceField(choices=ITEM_STATES))
    def get_status(self, item: ScheduleItem) -> str:
        visit = self._visit(item)
        return visit.status if visit is not None else "planned"

    def get_amended(self, item: ScheduleItem) -> bool:
        return item.uid in self.context.get("amended", ())

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_visit(self, item: ScheduleItem) -> int | None:
        visit = self._visit(item)
        return visit.pk if visit is not None and visit.is_public else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_visit_url(self, item: ScheduleItem) -> str | None:
        visit = self._visit(item)
        if visit is None or not visit.is_public:
            return None
        return absolute_url(
            reverse("portal:visit_detail", kwargs={"pk": visit.pk}), request=self.context.get("request")
        )


class ScheduleVersionSerializer(serializers.ModelSerializer[ScheduleVersion]):
    period = PeriodSerializer(read_only=True)

    class Meta:
        model = ScheduleVersion
        fields = ["period", "number", "status", "act_number", "act_date", "reason", "frozen_at"]


class ScheduleQuerySerializer(serializers.Serializer[Any]):
    """The list's query parameters; `from` and `to` are Python keywords, hence get_fields()."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {
            "from": serializers.DateField(required=False),
            "to": serializers.DateField(required=False),
            "ministry": serializers.CharField(required=False),
            "region": serializers.CharField(required=False),
            "position": serializers.IntegerField(required=False, min_value=1),
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "from" in attrs and "to" in attrs and attrs["from"] > attrs["to"]:
            raise serializers.ValidationError({"to": [_("The end of the range comes before its start.")]})
        return attrs
