"""The annual evaluation's demo (R24): the current year's evaluation created by the authorized body's
coordinator with the default criteria and weights, left as a draft for a new user to adjust and publish
(README). Running it twice changes nothing."""

import datetime

from kezdesu.core.demo.accounts import demo_account
from kezdesu.reports.domain.evaluation import create_evaluation
from kezdesu.reports.models import EvaluationScheme

COORDINATOR = "culture-information.coordinator"


def add_evaluation_demo(*, today: datetime.date) -> dict[str, int]:
    if EvaluationScheme.objects.filter(year=today.year).exists():
        return {"annual evaluations": 0}
    create_evaluation(actor=demo_account(COORDINATOR), year=today.year)
    return {"annual evaluations": 1}
