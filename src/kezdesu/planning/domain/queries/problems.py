"""Systemic problems as the akimat and the competent ministry see them."""

from datetime import date

from django.db.models import QuerySet

from kezdesu.organisations.models import Organisation
from kezdesu.planning.models import SystemicProblem


def problems_of_akimat(akimat: Organisation, half_year_start: date) -> QuerySet[SystemicProblem]:
    return SystemicProblem.objects.filter(akimat=akimat, half_year_start=half_year_start).select_related(
        "competent_body", "region"
    )


def problems_sent_to(bodies: list[Organisation]) -> QuerySet[SystemicProblem]:
    """Problems sent to the bodies (answered ones too), the unanswered first."""
    return (
        SystemicProblem.objects.filter(competent_body__in=bodies)
        .exclude(status=SystemicProblem.Status.DRAFT)
        .select_related("akimat", "region", "competent_body")
        .order_by("-status", "-sent_at", "pk")
    )
