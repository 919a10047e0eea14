"""Regions and districts (KATO), with names in all three languages."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField
from kezdesu.organisations.models import District, Region


class PopulationSerializer(serializers.Serializer[Any]):
    value = serializers.IntegerField(help_text="Number of residents.")
    as_of = serializers.CharField(help_text="A date or a year, as the source gives it.")
    # Declared fields leave the class (DRF's metaclass), so "source" does not shadow Field.source.
    source = serializers.CharField()  # type: ignore[assignment]


class RegionSerializer(serializers.ModelSerializer[Region]):
    name_i18n = TranslatedField("name")
    population = serializers.SerializerMethodField()

    class Meta:
        model = Region
        fields = ["kato", "iso_code", "pcode", "kind", "name", "name_i18n", "population"]

    @extend_schema_field(PopulationSerializer(allow_null=True))
    def get_population(self, region: Region) -> dict[str, Any] | None:
        if region.population is None:
            return None
        return {"value": region.population, "as_of": region.population_as_of, "source": region.population_source}


class DistrictSerializer(serializers.ModelSerializer[District]):
    name_i18n = TranslatedField("name")
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="kato", read_only=True, help_text="The region's KATO code."
    )

    class Meta:
        model = District
        fields = ["kato", "pcode", "kind", "region", "name", "name_i18n"]
