"""Finding public visits by words: the official's post, the ministry, the region, the district, the title or
the venue, in any of the three languages."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kezdesu.meetings.domain.queries.visits import public_visits
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation, Region

LANGUAGES = ("kk", "ru", "en")
SEARCHED = (
    "title",
    "organisation__name",
    "organisation__short_name",
    "position__title",
    "region__name",
    "district__name",
    "parts__venue",
)
MAX_WORDS = 8


def _word_q(word: str) -> Q:
    match = Q()
    for field in SEARCHED:
        for code in LANGUAGES:
            match |= Q(**{f"{field}_{code}__icontains": word})
    return match


def search_public_visits(
    *, words: str, region: Region | None = None, ministry: Organisation | None = None
) -> QuerySet[Visit]:
    """Public visits matching every word (in any field and language), the latest first."""
    visits = public_visits(region=region, ministry=ministry)
    terms = words.split()[:MAX_WORDS]
    if terms:
        matching = Visit.objects.all()
        for term in terms:
            matching = matching.filter(_word_q(term))
        visits = visits.filter(pk__in=matching.values("pk"))
    return visits.order_by("-start_date", "-pk")
