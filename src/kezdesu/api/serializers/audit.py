"""The audit trail: who did what to which record, with the values before and after."""

from rest_framework import serializers

from kezdesu.core.models import AuditLog
from kezdesu.organisations.models import Organisation, User


class AuditLogSerializer(serializers.ModelSerializer[AuditLog]):
    actor: serializers.PrimaryKeyRelatedField[User] = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="The acting user's id; null for the system."
    )
    target_type = serializers.SerializerMethodField(help_text='"app_label.model" of the changed record.')
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="The organisation whose data changed."
    )

    class Meta:
        model = AuditLog
        fields = [
            "id",
            "at",
            "actor",
            "actor_label",
            "action",
            "target_type",
            "target_id",
            "target_label",
            "organisation",
            "old_values",
            "new_values",
        ]

    def get_target_type(self, row: AuditLog) -> str | None:
        if row.target_type is None:
            return None
        return f"{row.target_type.app_label}.{row.target_type.model}"
