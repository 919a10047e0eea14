"""Which regulation profile governs a date, and the profiles with what the engine needs."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from kezdesu.regulations.models import RegulationProfile


def profiles_with_rules() -> QuerySet[RegulationProfile]:
    """Every profile with its rules and exempt bodies, ready for the obligations engine."""
    return RegulationProfile.objects.prefetch_related("rules", "exempt_organisations")


def in_force_on(on: date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


def profile_in_force(on: date) -> RegulationProfile | None:
    """The profile in force on `on`; None in a gap between acts (e.g. 9 to 17 January 2024)."""
    return RegulationProfile.objects.filter(in_force_on(on)).order_by("-effective_from").first()


def profile_in_force_among(profiles: list[RegulationProfile], on: date) -> RegulationProfile | None:
    """The same, among profiles already loaded (no query)."""
    matching = [
        profile
        for profile in profiles
        if profile.effective_from <= on and (profile.effective_to is None or on <= profile.effective_to)
    ]
    return max(matching, key=lambda profile: profile.effective_from, default=None)
