"""Obligations as the engine computes them, the filters of their list, and recording a fulfilment."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField
from kezdesu.organisations.models import Organisation, Position, Region
from kezdesu.regulations.domain.obligations import Basis, Obligation, ObligationState
from kezdesu.regulations.models import RegulationProfile

# The engine computes obligations on the fly; a bound keeps one request's work reasonable.
MAX_RANGE = timedelta(days=366 * 5)


class PartySerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text='An organisation\'s code, or a group such as "population".')
    name = serializers.CharField(help_text="In the request's language.")
    name_en = serializers.CharField()


class FulfilmentSerializer(serializers.Serializer[Any]):
    """A reference typed by hand: what was done outside Kezdesu."""

    met_on = serializers.DateField()
    reference = serializers.CharField(help_text="What met it outside Kezdesu, e.g. an outgoing letter's number.")
    region = serializers.CharField(
        source="region.kato",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="For a meeting held outside Kezdesu: the region's KATO code.",
    )
    official = serializers.CharField(
        source="position.title", read_only=True, allow_null=True, default=None, help_text="For a meeting."
    )


class EvidenceSerializer(serializers.Serializer[Any]):
    """A record in Kezdesu that bears on the obligation."""

    counts = serializers.BooleanField(help_text="Whether it counts toward meeting the obligation.")
    on = serializers.DateField(help_text="The day it happened (a meeting held, a pack submitted).")
    # Declared fields leave the class (DRF's metaclass), so "label" does not shadow Field.label.
    label = serializers.CharField(help_text="What the record is, in the request's language.")  # type: ignore[assignment]
    why = serializers.CharField(help_text="Why it counts, or why it does not, in the request's language.")
    url = serializers.CharField(help_text="The record's page in the back office (may be empty).")
    record = serializers.CharField(help_text='"app.model:id" of the record (may be empty).')


class ObligationSerializer(serializers.Serializer[Obligation]):
    key = serializers.CharField(help_text="Stable: profile:rule:debtor:period start (or the event's id).")
    requirement = serializers.CharField(help_text="R-number of the requirement, e.g. R22.")
    # Declared fields leave the class (DRF's metaclass), so "source" does not shadow Field.source.
    source = serializers.CharField(help_text="The clause of the act, e.g. G1.4.")  # type: ignore[assignment]
    title = serializers.CharField(help_text="What is owed, in the request's language.")
    title_i18n = TranslatedField("title", source="rule")
    debtor = PartySerializer()
    recipient = PartySerializer()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    nominal_due = serializers.DateField(help_text="The date the act gives.")
    due = serializers.DateField(help_text="The nominal date moved off a day off, where the rule says so.")
    moved = serializers.BooleanField(help_text="Whether `due` differs from `nominal_due`.")
    state = serializers.ChoiceField(choices=ObligationState.choices)
    profile = serializers.CharField(source="profile.code", help_text="The regulation profile that sets it.")
    met_on = serializers.DateField(allow_null=True, help_text="When it was met; null while open or overdue.")
    basis = serializers.ChoiceField(
        choices=Basis.choices,
        help_text='What the state rests on: "records" (Kezdesu\'s own), "by_hand" (done outside Kezdesu and typed '
        'by hand, the exception), or "" (not met).',
    )
    evidence = EvidenceSerializer(
        many=True, help_text="Every record in Kezdesu that bears on it: those that count first, each with why."
    )
    fulfilment = FulfilmentSerializer(
        allow_null=True, help_text="The reference typed by hand, if any (it counts only where no record meets it)."
    )


class ObligationQuerySerializer(serializers.Serializer[Any]):
    """The list's query parameters; `from` and `to` are Python keywords, hence get_fields()."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        year = timezone.localdate().year
        return {
            "from": serializers.DateField(required=False, default=date(year, 1, 1)),
            "to": serializers.DateField(required=False, default=date(year, 12, 31)),
            "profile": serializers.CharField(required=False),
            "organisation": serializers.CharField(required=False),
            "requirement": serializers.CharField(required=False),
            "state": serializers.ChoiceField(choices=ObligationState.choices, required=False),
        }

    def validate_profile(self, code: str) -> RegulationProfile:
        profile = RegulationProfile.objects.filter(code=code).first()
        if profile is None:
            raise serializers.ValidationError(
                _('There is no regulation profile with the code "%(code)s".') % {"code": code}
            )
        return profile

    def validate_organisation(self, code: str) -> Organisation:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise serializers.ValidationError(_('There is no organisation with the code "%(code)s".') % {"code": code})
        return organisation

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["from"] > attrs["to"]:
            raise serializers.ValidationError({"to": [_("The end of the range comes before its start.")]})
        if attrs["to"] - attrs["from"] > MAX_RANGE:
            raise serializers.ValidationError({"to": [_("Ask for at most five years at a time.")]})
        return attrs


class RecordFulfilmentSerializer(serializers.Serializer[Any]):
    met_on = serializers.DateField(help_text="The day it was done outside Kezdesu (not in the future).")
    reference = serializers.CharField(max_length=300, help_text="e.g. the outgoing letter's number and date.")
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="kato",
        queryset=Region.objects.all(),
        required=False,
        allow_null=True,
        help_text="For a meeting held outside Kezdesu: the region's KATO code.",
    )
    position: serializers.PrimaryKeyRelatedField[Position] = serializers.PrimaryKeyRelatedField(
        queryset=Position.objects.all(),
        required=False,
        allow_null=True,
        help_text="For a meeting held outside Kezdesu: the official (the body's first head).",
    )
