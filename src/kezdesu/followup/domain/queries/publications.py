"""Reads of the visits' published results (R20) for the public pages."""

from __future__ import annotations

from django.db.models import QuerySet

from kezdesu.followup.models import Publication


def latest_publications(*, limit: int) -> QuerySet[Publication]:
    """The visits' results published most recently, with the visit's ministry, official and place."""
    return (
        Publication.objects.filter(published_at__isnull=False)
        .select_related("visit__organisation", "visit__position", "visit__region", "visit__district")
        .order_by("-published_at", "-pk")[:limit]
    )
