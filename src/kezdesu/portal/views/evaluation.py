"""The published annual evaluation of the ministries (R24): the ranking with every criterion's points and the
method, a page per ministry with the figures and the records behind them, and the ranking as XLSX (kk, ru).
Values imputed by the scheme's rule (no records under a criterion) are marked and explained on each."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path

from kezdesu.followup.interfaces.publication_docx import language_or_default
from kezdesu.organisations.models import Organisation
from kezdesu.reports.domain.queries.evaluation import (
    criterion_rows,
    ministry_result,
    missing_rule,
    published_ranking,
    published_schemes,
    ranking_row,
)
from kezdesu.reports.interfaces.evaluation_xlsx import XLSX, evaluation_file_name, evaluation_xlsx
from kezdesu.reports.models import EvaluationScheme


def _published(year: int) -> EvaluationScheme:
    return get_object_or_404(published_schemes(), year=year)


def _ranking_page(request: HttpRequest, scheme: EvaluationScheme) -> HttpResponse:
    years = [other.year for other in published_schemes()]
    rows = published_ranking(scheme)
    first = scheme.results.first()
    return render(
        request,
        "portal/evaluation/ranking.html",
        {
            "scheme": scheme,
            "years": years,
            "criteria": criterion_rows(list(scheme.criteria.all())),
            "ranked": [row for row in rows if row.rank],
            "others": [row for row in rows if not row.rank],
            "revised_at": (first.details.get("revised_at") if first else None),
            "missing_rule": missing_rule(scheme),
        },
    )


def evaluation_latest(request: HttpRequest) -> HttpResponse:
    scheme = published_schemes().first()
    if scheme is None:
        return render(request, "portal/evaluation/none.html")
    return _ranking_page(request, scheme)


def evaluation_year(request: HttpRequest, year: int) -> HttpResponse:
    return _ranking_page(request, _published(year))


def evaluation_ministry(request: HttpRequest, year: int, organisation: str) -> HttpResponse:
    scheme = _published(year)
    body = get_object_or_404(Organisation, code=organisation)
    result = ministry_result(scheme, body)
    if result is None:
        raise Http404
    row = ranking_row(body, result.rank, result.score, result.details)
    explanations = {item.indicator: item.explanation for item in criterion_rows(list(scheme.criteria.all()))}
    for criterion in row.criteria:
        criterion["explanation"] = explanations.get(criterion["indicator"], "")
    return render(
        request,
        "portal/evaluation/ministry.html",
        {
            "scheme": scheme,
            "row": row,
            "ranked": scheme.results.exclude(rank=0).count(),
            "missing_rule": missing_rule(scheme),
        },
    )


def evaluation_download(request: HttpRequest, year: int) -> HttpResponse:
    scheme = _published(year)
    language = language_or_default(request.GET.get("lang"))
    response = HttpResponse(evaluation_xlsx(scheme, language=language), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{evaluation_file_name(year, language)}"'
    return response


urlpatterns: list[URLPattern] = [
    path("evaluation/", evaluation_latest, name="evaluation"),
    path("evaluation/<int:year>.xlsx", evaluation_download, name="evaluation_xlsx"),
    path("evaluation/<int:year>/", evaluation_year, name="evaluation_year"),
    path("evaluation/<int:year>/<slug:organisation>/", evaluation_ministry, name="evaluation_ministry"),
]
