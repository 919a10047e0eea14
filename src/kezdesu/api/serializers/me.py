"""The signed-in user: who they are, their roles and what the rules let them do."""

from typing import Any

from rest_framework import serializers

from kezdesu.organisations.models import Membership, Organisation


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    permissions = serializers.SerializerMethodField(
        help_text="Permissions held for this organisation's data, besides the global ones."
    )

    class Meta:
        model = Membership
        fields = ["organisation", "organisation_name", "role", "role_display", "permissions"]

    def get_permissions(self, membership: Membership) -> list[str]:
        granted: dict[int, list[str]] = self.context["organisation_permissions"]
        return granted[membership.organisation_id]


class MeSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    email = serializers.EmailField(help_text="Only ever shown to the user themself.")
    language = serializers.CharField()
    email_digest = serializers.BooleanField(
        help_text="One e-mail a day: notifications are e-mailed each morning in one digest instead of one by one."
    )
    is_superuser = serializers.BooleanField()
    memberships = MembershipSerializer(many=True)
    permissions = serializers.ListField(
        child=serializers.CharField(), help_text="Permissions held regardless of the organisation."
    )


class MeSettingsSerializer(serializers.Serializer[Any]):
    """What the user may change about their own account here."""

    email_digest = serializers.BooleanField(
        help_text="True: one e-mail a day with the notifications not e-mailed yet; false: one e-mail per notification."
    )
