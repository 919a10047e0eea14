"""Reads of the annual evaluation (R24): the years, a year's criteria, and the published results as frozen."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kezdesu.followup.domain.progress_reports import localise
from kezdesu.organisations.models import Organisation
from kezdesu.reports.domain.evaluation import MISSING_RULES
from kezdesu.reports.domain.indicators import INDICATORS, OUTCOME_LABELS, OUTCOME_STATES, localised_url
from kezdesu.reports.models import EvaluationCriterion, EvaluationResult, EvaluationScheme


def schemes() -> QuerySet[EvaluationScheme]:
    return EvaluationScheme.objects.prefetch_related("criteria").order_by("-year")


def published_schemes() -> QuerySet[EvaluationScheme]:
    return schemes().filter(status=EvaluationScheme.Status.PUBLISHED)


def published_results(scheme: EvaluationScheme) -> list[EvaluationResult]:
    """The ranked ministries by rank, then the others (rank 0) by name."""
    results = list(EvaluationResult.objects.filter(scheme=scheme).select_related("organisation"))
    return sorted(results, key=lambda row: (row.rank == 0, row.rank, row.organisation.name))


def schemes_with_results() -> QuerySet[EvaluationScheme]:
    """Published years with their results and criteria, for the public API list."""
    results = EvaluationResult.objects.select_related("organisation").order_by("rank", "organisation__name")
    return published_schemes().prefetch_related(Prefetch("results", queryset=results))


@dataclass(frozen=True)
class CriterionRow:
    """A criterion as the pages show it, in the active language."""

    indicator: str
    title: str
    explanation: str
    weight: Decimal


def criterion_rows(criteria: list[EvaluationCriterion]) -> list[CriterionRow]:
    return [
        CriterionRow(
            indicator=criterion.indicator,
            title=str(INDICATORS[criterion.indicator].title),
            explanation=str(INDICATORS[criterion.indicator].explanation),
            weight=criterion.weight,
        )
        for criterion in criteria
        if criterion.indicator in INDICATORS
    ]


def missing_rule(scheme: EvaluationScheme) -> str:
    """The scheme's rule for a criterion with nothing to count, in words, in the active language."""
    return str(MISSING_RULES.get(scheme.missing, ""))


def imputed_note(criterion: dict[str, Any]) -> str:
    """Why an imputed value is there, e.g. "No records: counted at the average of 12 ministries (37.5%)."; "" when
    the value is the ministry's own."""
    if not criterion.get("imputed"):
        return ""
    count = criterion.get("average_of")
    if count is None:
        return _("No records: counted as 0.")
    percent = (Decimal(criterion["value"]) * 100).quantize(Decimal("0.1"))
    return ngettext(
        "No records: counted at the average of %(count)s ministry (%(percent)s%%).",
        "No records: counted at the average of %(count)s ministries (%(percent)s%%).",
        count,
    ) % {"count": count, "percent": percent}


def shown_details(details: dict[str, Any]) -> dict[str, Any]:
    """A result's frozen details in the active language, with each record's address and outcome label and the
    note on an imputed value."""
    shown = localise(details)
    for criterion in shown.get("criteria", []):
        criterion["imputed_note"] = imputed_note(criterion)
        for record in criterion["records"]:
            record["url"] = localised_url(record["url"])
            record["outcome_label"] = str(OUTCOME_LABELS.get(record["outcome"], record["outcome"]))
            record["state"] = OUTCOME_STATES.get(record["outcome"], "open")
    return shown


def ministry_result(scheme: EvaluationScheme, organisation: Organisation) -> EvaluationResult | None:
    return (
        EvaluationResult.objects.filter(scheme=scheme, organisation=organisation).select_related("organisation").first()
    )


@dataclass(frozen=True)
class RankingRow:
    """A ministry's line in the ranking, in the active language; `bar` is the score's share of 100 for the SVG."""

    organisation: Organisation
    rank: int | None
    score: Decimal | None
    exempt: bool
    criteria: list[dict[str, Any]]

    @property
    def bar(self) -> float:
        return float(self.score or 0)


def ranking_row(
    organisation: Organisation, rank: int | None, score: Decimal | None, details: dict[str, Any]
) -> RankingRow:
    shown = shown_details(details)
    return RankingRow(
        organisation=organisation,
        rank=rank or None,
        score=score if rank else None,
        exempt=bool(shown.get("exempt")),
        criteria=shown.get("criteria", []),
    )


def published_ranking(scheme: EvaluationScheme) -> list[RankingRow]:
    return [ranking_row(r.organisation, r.rank, r.score, r.details) for r in published_results(scheme)]
