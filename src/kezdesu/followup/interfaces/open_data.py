"""Open data (S6): the public problem issues and their measures as rows with stable English column names.

Translated content in one column per language (`title_kk`, `title_ru`, `title_en`). No personal data: no
question author or contact, no follower, no staff user; organisations are public bodies.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from kezdesu.core.open_data import iso
from kezdesu.core.urls_absolute import absolute_url
from kezdesu.followup.domain.queries.public_issues import IssueFilters, filtered_public_issues, public_measures
from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue

LANGUAGES = ("kk", "ru", "en")
CHUNK = 500

ISSUE_COLUMNS = (
    "id",
    "url",
    "visit_id",
    "visit_start_date",
    "ministry_code",
    *(f"ministry_name_{code}" for code in LANGUAGES),
    "number",
    *(f"title_{code}" for code in LANGUAGES),
    *(f"description_{code}" for code in LANGUAGES),
    "region_kato",
    *(f"region_name_{code}" for code in LANGUAGES),
    "district_kato",
    *(f"district_name_{code}" for code in LANGUAGES),
    "sector_code",
    *(f"sector_name_{code}" for code in LANGUAGES),
    "competent_body_code",
    *(f"competent_body_name_{code}" for code in LANGUAGES),
    "competent_company",
    "citizens",
    "status",
    *(f"status_note_{code}" for code in LANGUAGES),
    "overdue",
    "solved_on",
    "published_at",
    "measures",
    "measures_done",
)

MEASURE_COLUMNS = (
    "id",
    "issue_id",
    "issue_url",
    "order",
    *(f"text_{code}" for code in LANGUAGES),
    "deadline",
    "executor_code",
    *(f"executor_name_{code}" for code in LANGUAGES),
    "executor_company",
    *(f"executor_position_{code}" for code in LANGUAGES),
    "status",
    "percent",
    "overdue",
    "completed_on",
    "evidence_links",
)


_iso = iso


def _per_language(instance: Any, field: str, prefix: str | None = None) -> dict[str, Any]:
    return {
        f"{prefix or field}_{code}": (getattr(instance, f"{field}_{code}", "") or "") if instance else ""
        for code in LANGUAGES
    }


def issue_url(pk: int, *, request: HttpRequest | None = None) -> str:
    # The public page in the default language; the others differ only by their prefix.
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse("portal:issue_detail", kwargs={"pk": pk}), request=request)


def evidence_links(measure: Measure) -> list[str]:
    lines = (line.strip() for line in measure.evidence.splitlines())
    return [line for line in lines if line.startswith(("https://", "http://"))]


def open_data_issues(filters: IssueFilters, *, today: datetime.date) -> QuerySet[ProblemIssue]:
    return (
        filtered_public_issues(filters, today=today)
        .select_related("visit__organisation", "region", "district", "sector", "competent_body")
        .annotate(
            measure_count=Count("measures", distinct=True),
            measures_done=Count("measures", filter=Q(measures__status=MeasureStatus.DONE), distinct=True),
        )
        .order_by("pk")
    )


def issue_row(issue: ProblemIssue, *, request: HttpRequest | None = None) -> dict[str, Any]:
    ministry = issue.visit.organisation
    return {
        "id": issue.pk,
        "url": issue_url(issue.pk, request=request),
        "visit_id": issue.visit_id,
        "visit_start_date": _iso(issue.visit.start_date),
        "ministry_code": ministry.code,
        **_per_language(ministry, "name", "ministry_name"),
        "number": issue.number,
        **_per_language(issue, "title"),
        **_per_language(issue, "description"),
        "region_kato": issue.region.kato,
        **_per_language(issue.region, "name", "region_name"),
        "district_kato": issue.district.kato if issue.district else "",
        **_per_language(issue.district, "name", "district_name"),
        "sector_code": issue.sector.code if issue.sector else "",
        **_per_language(issue.sector, "name", "sector_name"),
        "competent_body_code": issue.competent_body.code if issue.competent_body else "",
        **_per_language(issue.competent_body, "name", "competent_body_name"),
        "competent_company": issue.competent_company,
        "citizens": issue.citizens,
        "status": issue.status,
        **_per_language(issue, "status_note"),
        "overdue": bool(getattr(issue, "is_overdue", False)),
        "solved_on": _iso(issue.solved_on),
        "published_at": _iso(issue.published_at),
        "measures": getattr(issue, "measure_count", 0),
        "measures_done": getattr(issue, "measures_done", 0),
    }


def open_data_measures(filters: IssueFilters, *, today: datetime.date) -> QuerySet[Measure]:
    return public_measures(filters, today=today).order_by("pk")


def measure_row(measure: Measure, *, request: HttpRequest | None = None) -> dict[str, Any]:
    return {
        "id": measure.pk,
        "issue_id": measure.issue_id,
        "issue_url": issue_url(measure.issue_id, request=request),
        "order": measure.order,
        **_per_language(measure, "text"),
        "deadline": _iso(measure.deadline),
        "executor_code": measure.executor.code if measure.executor else "",
        **_per_language(measure.executor, "name", "executor_name"),
        "executor_company": measure.executor_company,
        **_per_language(measure, "executor_position"),
        "status": measure.status,
        "percent": measure.percent,
        "overdue": bool(getattr(measure, "is_overdue", False)),
        "completed_on": _iso(measure.completed_on),
        "evidence_links": evidence_links(measure),
    }


def issue_rows(issues: QuerySet[ProblemIssue], *, request: HttpRequest | None = None) -> Iterator[dict[str, Any]]:
    return (issue_row(issue, request=request) for issue in issues.iterator(chunk_size=CHUNK))


def measure_rows(measures: QuerySet[Measure], *, request: HttpRequest | None = None) -> Iterator[dict[str, Any]]:
    return (measure_row(measure, request=request) for measure in measures.iterator(chunk_size=CHUNK))
