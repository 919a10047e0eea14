"""Reads of the reference data for lists: regions with their districts counted, the ministries."""

from django.db.models import Count, Q, QuerySet

from kezdesu.organisations.models import District, Organisation, Region

# The Kazakh Cyrillic alphabet, which contains the Russian one; the database's binary order would
# put the Kazakh letters (Ә, Қ, Ң…) after Я.
ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}


def alphabetical_key(text: str) -> tuple[tuple[int, str], ...]:
    """Sort key for names in kk, ru or en: Cyrillic letters in alphabet order, others as they are."""
    return tuple((_RANK.get(char, -1), char) for char in text.casefold())


def regions_with_district_counts() -> QuerySet[Region]:
    """Regions by KATO code, each annotated with `district_count` and `city_count`."""
    return Region.objects.annotate(
        district_count=Count("districts"),
        city_count=Count("districts", filter=Q(districts__kind=District.Kind.CITY)),
    ).order_by("kato")


def active_ministries() -> list[Organisation]:
    """The ministries in force, alphabetically by their name in the current language."""
    ministries = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY, is_active=True)
    return sorted(ministries, key=lambda ministry: alphabetical_key(ministry.name))
