"""Open data (S6) of the schedule in force and of the visits, as rows with stable English column names.

Names are in the language of the page the data is asked from (its URL prefix); codes (ministry code, KATO) do
not change with it. No personal data: no staff user, no citizen; officials appear by their post only.
The visits come one row per part (the meeting, the reception, the NGO meeting, the media briefing).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.core.open_data import iso
from kezdesu.core.urls_absolute import absolute_url
from kezdesu.meetings.domain.queries.open_data import (
    amended_item_uids,
    open_schedule_items,
    open_visits,
    visits_of_items,
)
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.planning.models import ScheduleItem

CHUNK = 500

SCHEDULE_COLUMNS = (
    "uid",
    "period_start",
    "period_end",
    "version",
    "ministry_code",
    "ministry_name",
    "official",
    "region_kato",
    "region_name",
    "district_kato",
    "district_name",
    "start_date",
    "end_date",
    "is_unscheduled",
    "deputy_prime_minister_required",
    "topics",
    "status",
    "amended",
    "visit_id",
    "visit_url",
    "language",
)

VISIT_COLUMNS = (
    "visit_id",
    "visit_url",
    "visit_status",
    "schedule_uid",
    "ministry_code",
    "ministry_name",
    "official",
    "region_kato",
    "region_name",
    "district_kato",
    "district_name",
    "start_date",
    "end_date",
    "is_unscheduled",
    "part",
    "part_name",
    "starts_at",
    "ends_at",
    "format",
    "venue",
    "address",
    "latitude",
    "longitude",
    "outcome",
    "results_published_at",
    "language",
)


def visit_url(pk: int, *, request: HttpRequest | None = None) -> str:
    return absolute_url(reverse("portal:visit_detail", kwargs={"pk": pk}), request=request)


def schedule_rows(*, language: str, request: HttpRequest | None = None) -> Iterator[dict[str, Any]]:
    """Every item of the schedule in force, in date order, names in `language`; three queries.

    The rows are made while the response streams, after the view has returned: hence the explicit language.
    """
    with translation.override(language):
        yield from _schedule_rows(language, request)


def _schedule_rows(language: str, request: HttpRequest | None) -> Iterator[dict[str, Any]]:
    amended = amended_item_uids()
    visits = visits_of_items()
    item: ScheduleItem
    for item in open_schedule_items().iterator(chunk_size=CHUNK):
        visit = visits.get(item.uid)
        yield {
            "uid": str(item.uid),
            "period_start": iso(item.version.period.start),
            "period_end": iso(item.version.period.end),
            "version": item.version.number,
            "ministry_code": item.organisation.code,
            "ministry_name": item.organisation.name,
            "official": item.position.title,
            "region_kato": item.region.kato,
            "region_name": item.region.name,
            "district_kato": item.district.kato if item.district else "",
            "district_name": item.district.name if item.district else "",
            "start_date": iso(item.start_date),
            "end_date": iso(item.end_date),
            "is_unscheduled": item.is_unscheduled,
            "deputy_prime_minister_required": item.deputy_prime_minister_required,
            "topics": item.topics,
            "status": visit.status if visit is not None else "planned",
            "amended": item.uid in amended,
            "visit_id": visit.pk if visit is not None and visit.is_public else None,
            "visit_url": visit_url(visit.pk, request=request) if visit is not None and visit.is_public else None,
            "language": language,
        }


def _part_row(visit: Visit, part: VisitPart, url: str, language: str) -> dict[str, Any]:
    return {
        "visit_id": visit.pk,
        "visit_url": url,
        "visit_status": visit.status,
        "schedule_uid": str(visit.schedule_uid) if visit.schedule_uid else "",
        "ministry_code": visit.organisation.code,
        "ministry_name": visit.organisation.name,
        "official": visit.position.title,
        "region_kato": visit.region.kato,
        "region_name": visit.region.name,
        "district_kato": visit.district.kato if visit.district else "",
        "district_name": visit.district.name if visit.district else "",
        "start_date": iso(visit.start_date),
        "end_date": iso(visit.end_date),
        "is_unscheduled": visit.is_unscheduled,
        "part": part.kind,
        "part_name": str(part.get_kind_display()),
        "starts_at": iso(timezone.localtime(part.starts_at)) if part.starts_at else None,
        "ends_at": iso(timezone.localtime(part.ends_at)) if part.ends_at else None,
        "format": part.format,
        "venue": part.venue,
        "address": part.address,
        "latitude": str(part.latitude) if part.latitude is not None else None,
        "longitude": str(part.longitude) if part.longitude is not None else None,
        "outcome": part.outcome,
        "results_published_at": iso(getattr(visit, "results_published_at", None)),
        "language": language,
    }


def visit_rows(*, language: str, request: HttpRequest | None = None) -> Iterator[dict[str, Any]]:
    """Every announced and held visit, one row per part, names in `language`; two queries per chunk of visits.
    Times are ISO 8601 with the offset of Asia/Almaty."""
    with translation.override(language):
        visit: Visit
        for visit in open_visits().iterator(chunk_size=CHUNK):
            url = visit_url(visit.pk, request=request)
            for part in visit.parts.all():
                yield _part_row(visit, part, url, language)
