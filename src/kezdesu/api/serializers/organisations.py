"""Organisations and their positions: public reference data, posts and never people."""

from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField
from kezdesu.organisations.models import Organisation, Position, Region


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    name_i18n = TranslatedField("name")
    short_name_i18n = TranslatedField("short_name")
    competence_i18n = TranslatedField("competence")
    # Declared fields leave the class (DRF's metaclass), so "parent" does not shadow Field.parent.
    parent: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="code", read_only=True, help_text="The parent body's code (for committees)."
    )
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="kato", read_only=True, help_text="KATO code of the region an akimat governs."
    )

    class Meta:
        model = Organisation
        fields = [
            "code",
            "kind",
            "name",
            "name_i18n",
            "short_name",
            "short_name_i18n",
            "competence",
            "competence_i18n",
            "parent",
            "region",
            "is_authorized_body",
            "is_active",
        ]


class PositionSerializer(serializers.ModelSerializer[Position]):
    title_i18n = TranslatedField("title")
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Position
        fields = ["organisation", "code", "level", "title", "title_i18n", "order", "is_active"]
