"""Regulation profiles: each act as data, with the duties (rules) it sets."""

from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.models import ObligationRule, RegulationProfile


class ObligationRuleSerializer(serializers.ModelSerializer[ObligationRule]):
    title_i18n = TranslatedField("title")
    notes_i18n = TranslatedField("notes")

    class Meta:
        model = ObligationRule
        fields = [
            "code",
            "requirement",
            "source",
            "title",
            "title_i18n",
            "debtor",
            "recipient",
            "period",
            "event",
            "anchor",
            "months",
            "day",
            "days",
            "roll",
            "order",
            "notes",
            "notes_i18n",
        ]


class RegulationProfileSerializer(serializers.ModelSerializer[RegulationProfile]):
    title_i18n = TranslatedField("title")
    act_i18n = TranslatedField("act")
    repealed_by_i18n = TranslatedField("repealed_by")
    notes_i18n = TranslatedField("notes")
    exempt_organisations: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Codes of the bodies the act exempts."
    )
    rules = ObligationRuleSerializer(many=True, read_only=True)

    class Meta:
        model = RegulationProfile
        fields = [
            "code",
            "title",
            "title_i18n",
            "act",
            "act_i18n",
            "act_date",
            "effective_from",
            "effective_to",
            "repealed_by",
            "repealed_by_i18n",
            "planning_cycle",
            "planning_source",
            "exempt_organisations",
            "exempt_source",
            "presentation_max_share",
            "presentation_source",
            "notes",
            "notes_i18n",
            "rules",
        ]
