"""Visits with their parts, broadcasts and agenda; the official accounts; and the bodies of the writes.

Status, kind and format are plain strings (documented in help texts), as elsewhere in the API, so that
their enums do not collide in the schema with other models' fields of the same names.
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField
from kezdesu.api.serializers.live_status import LiveStatusSerializer
from kezdesu.core.urls_absolute import absolute_url
from kezdesu.meetings.domain.queries.live_status import meeting_live_status
from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.models import AgendaItem, AkimAnswer, BroadcastLink, OfficialAccount, Visit, VisitPart
from kezdesu.organisations.models import Position


class OfficialAccountSerializer(serializers.ModelSerializer[OfficialAccount]):
    organisation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    platform = serializers.CharField(
        read_only=True, help_text="youtube, facebook, instagram, telegram, tiktok, vk, x or website."
    )

    class Meta:
        model = OfficialAccount
        fields = ["id", "organisation", "platform", "url"]


class BroadcastSerializer(serializers.ModelSerializer[BroadcastLink]):
    platform = serializers.CharField(source="account.platform", read_only=True, help_text="The account's platform.")

    class Meta:
        model = BroadcastLink
        fields = ["id", "account", "platform", "url"]


class AgendaItemSerializer(serializers.ModelSerializer[AgendaItem]):
    kind = serializers.CharField(read_only=True, help_text="opening, presentation, questions, closing or other.")
    title = TranslatedField("title")

    class Meta:
        model = AgendaItem
        fields = ["order", "kind", "title", "speaker", "planned_minutes"]


class AkimAnswerSerializer(serializers.ModelSerializer[AkimAnswer]):
    position: serializers.PrimaryKeyRelatedField[Position] = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="The invited akim's post (one of the part's akim_positions)."
    )
    decision = serializers.CharField(
        read_only=True, help_text="confirmed (takes part) or declined (cannot take part), as the akimat answered."
    )
    answered_at = serializers.DateTimeField(read_only=True, help_text="When the akimat last gave or changed it.")

    class Meta:
        model = AkimAnswer
        fields = ["position", "decision", "answered_at"]


class PartSerializer(serializers.ModelSerializer[VisitPart]):
    kind = serializers.CharField(
        read_only=True, help_text="meeting, reception, ngo_meeting or media_briefing: one of each per visit."
    )
    format = serializers.CharField(read_only=True, help_text="in_person, online or hybrid.")
    venue = TranslatedField("venue")
    address = TranslatedField("address")
    akim_positions: serializers.PrimaryKeyRelatedField[Position] = serializers.PrimaryKeyRelatedField(
        many=True,
        read_only=True,
        help_text="Akims invited to take part (R17): posts of the region's akimat and of its district and town "
        "akimats.",
    )
    akim_answers = AkimAnswerSerializer(
        many=True,
        read_only=True,
        help_text="The invited akims' answers; an invited post without one has not answered yet. The akimat's "
        "note is kept in the back office.",
    )
    broadcasts = BroadcastSerializer(many=True, read_only=True)
    agenda = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = VisitPart
        fields = [
            "id",
            "kind",
            "starts_at",
            "ends_at",
            "format",
            "venue",
            "address",
            "latitude",
            "longitude",
            "video_conference_url",
            "akim_positions",
            "akim_answers",
            "other_participants",
            "outcome",
            "outcome_note",
            "broadcasts",
            "agenda",
        ]
        read_only_fields = ["outcome", "outcome_note"]


class VisitSerializer(serializers.ModelSerializer[Visit]):
    organisation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="kato", read_only=True)
    district: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="kato", read_only=True)
    official = serializers.CharField(source="position.title", read_only=True, help_text="The visiting official's post.")
    status = serializers.CharField(read_only=True, help_text="draft, published, held or cancelled.")
    title = TranslatedField("title")
    how_to_take_part = TranslatedField("how_to_take_part")
    page = serializers.SerializerMethodField(help_text="The public meeting page (announced and held visits).")
    page_url = serializers.SerializerMethodField(
        help_text="The public meeting page as an absolute URL on the host asked, or null (not public)."
    )
    calendar_url = serializers.SerializerMethodField(
        help_text="The visit's parts as an iCalendar file, with their times (Asia/Almaty), or null (not public)."
    )
    results_published_at = serializers.SerializerMethodField(
        help_text="When the visit's results, problem issues and action plan were published (R20), or null."
    )
    live = serializers.SerializerMethodField(
        help_text="Whether the meeting with the population is on now, or null (not public, or no such part)."
    )
    parts = PartSerializer(many=True, read_only=True)
    risk_flag: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="The risk flag an unscheduled meeting answers (R4), or null."
    )
    deputy_prime_minister_took_part = serializers.BooleanField(
        read_only=True, allow_null=True, help_text="Where a deputy prime minister takes part (R6): whether they did."
    )

    class Meta:
        model = Visit
        fields = [
            "id",
            "schedule_uid",
            "status",
            "organisation",
            "position",
            "official",
            "region",
            "district",
            "start_date",
            "end_date",
            "is_unscheduled",
            "risk_flag",
            "deputy_prime_minister_took_part",
            "title",
            "how_to_take_part",
            "questions_close_at",
            "published_at",
            "page",
            "live",
            "page_url",
            "calendar_url",
            "results_published_at",
            "parts",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_page(self, visit: Visit) -> str | None:
        if visit.status not in PUBLIC_STATUSES:
            return None
        return reverse("portal:visit_detail", kwargs={"pk": visit.pk})

    @extend_schema_field(LiveStatusSerializer(allow_null=True))
    def get_live(self, visit: Visit) -> dict[str, Any] | None:
        status = meeting_live_status(visit) if visit.status in PUBLIC_STATUSES else None
        return dict(LiveStatusSerializer(status).data) if status is not None else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_page_url(self, visit: Visit) -> str | None:
        page = self.get_page(visit)
        return absolute_url(page, request=self.context.get("request")) if page else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_calendar_url(self, visit: Visit) -> str | None:
        if visit.status not in PUBLIC_STATUSES:
            return None
        return absolute_url(
            reverse("portal:visit_calendar", kwargs={"pk": visit.pk}), request=self.context.get("request")
        )

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_results_published_at(self, visit: Visit) -> str | None:
        # Annotated by the API's queryset (VisitViewSet): no query per visit.
        moment = getattr(visit, "results_published_at", None)
        return serializers.DateTimeField().to_representation(moment) if moment is not None else None


def _translated(name: str, **kwargs: Any) -> dict[str, serializers.CharField]:
    return {
        f"{name}_{code}": serializers.CharField(required=False, allow_blank=True, help_text=language, **kwargs)
        for code, language in (("kk", "Kazakh."), ("ru", "Russian."), ("en", "English."))
    }


class VisitChangesSerializer(serializers.Serializer[Any]):
    """Send only what changes."""

    questions_close_at = serializers.DateTimeField(required=False, allow_null=True)

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        fields.update(_translated("title", max_length=300))
        fields.update(_translated("how_to_take_part"))
        return fields


class PartChangesSerializer(serializers.Serializer[Any]):
    """Send only what changes. Times with their time zone; both or neither."""

    starts_at = serializers.DateTimeField(required=False, allow_null=True)
    ends_at = serializers.DateTimeField(required=False, allow_null=True)
    format = serializers.ChoiceField(choices=VisitPart.Format.values, required=False)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    video_conference_url = serializers.URLField(required=False, allow_blank=True)
    akim_positions: serializers.PrimaryKeyRelatedField[Position] = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Position.objects.all(), required=False
    )
    other_participants = serializers.CharField(required=False, allow_blank=True)

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        fields.update(_translated("venue", max_length=300))
        fields.update(_translated("address", max_length=500))
        return fields


class PartOutcomeSerializer(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(
        choices=[VisitPart.Outcome.TOOK_PLACE, VisitPart.Outcome.NOT_HELD], help_text="took_place or not_held."
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text="Why not, where it did not."
    )


class VisitOutcomesSerializer(serializers.Serializer[Any]):
    """Whether each part took place (R16), by kind; the visit closes once every part is recorded."""

    parts = serializers.DictField(
        child=PartOutcomeSerializer(),
        help_text="By part: meeting, reception, ngo_meeting, media_briefing. Leave out a part not known yet.",
    )
    deputy_prime_minister_took_part = serializers.BooleanField(required=False, allow_null=True, default=None)


class CancelVisitSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(help_text="Why the visit is cancelled; kept in the audit trail.")


class VisitQuerySerializer(serializers.Serializer[Any]):
    """The list's query parameters: bounds on the visit's first day, both included, as in the back office."""

    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "start" in attrs and "end" in attrs and attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": [_("The end of the range comes before its start.")]})
        return attrs
